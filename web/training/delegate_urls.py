"""URLs of the delegates' event pages (part of the events namespace, urls.py)."""

from django.urls import path

from . import delegate_views

urlpatterns = [
    path("", delegate_views.event_list, name="list"),
]
