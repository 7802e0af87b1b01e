"""The Department for Education's pages (under /recruitment/department/)."""

from django.urls import path

from . import department

app_name = "department"
urlpatterns = [
    path("", department.recommendations, name="recommendations"),
    path("<id:application_id>/", department.recommendation, name="recommendation"),
]
