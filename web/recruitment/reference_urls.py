"""The public page a referee or chair of governors reaches from the emailed link."""

from django.urls import path

from . import references

app_name = "references"
urlpatterns = [
    path("<str:token>/", references.reference_answer, name="answer"),
]
