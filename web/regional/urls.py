from django.urls import path

from . import views

app_name = "regional"
urlpatterns = [
    path("", views.home, name="home"),
]
