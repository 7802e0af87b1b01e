from django.urls import path

from . import support_views

app_name = "support"
urlpatterns = [
    path("ask/", support_views.ask, name="ask"),
    path("ask/sent/", support_views.sent, name="sent"),
]
