from django.urls import path

from . import support_views

app_name = "support"
urlpatterns = [
    path("ask/", support_views.ask, name="ask"),
    path("ask/check/", support_views.ask_check, name="ask-check"),
    path("ask/sent/", support_views.sent, name="sent"),
    path("ask/<slug:step>/", support_views.ask_question, name="ask-question"),
]
