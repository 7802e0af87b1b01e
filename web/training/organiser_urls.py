"""URLs of the organisers' event pages (part of the events namespace, urls.py)."""

from django.urls import path

from . import organiser_views as views

urlpatterns = [
    path("organise/", views.organise_list, name="organise"),
    path("organise/new/", views.event_create, name="organise-new"),
    path("organise/<id:event_id>/", views.event_detail, name="organise-event"),
    path("organise/<id:event_id>/change/", views.event_change, name="organise-change"),
    path("organise/<id:event_id>/publish/", views.event_publish, name="organise-publish"),
    path("organise/<id:event_id>/cancel/", views.event_cancel, name="organise-cancel"),
    path("organise/<id:event_id>/bookings/", views.event_bookings, name="organise-bookings"),
    path("organise/<id:event_id>/bookings/download.<str:fmt>", views.bookings_export, name="organise-export"),
    path("organise/<id:event_id>/bookings/add/", views.booking_add, name="organise-add"),
    path("organise/<id:event_id>/bookings/<id:booking_id>/paid/", views.booking_paid, name="organise-paid"),
    path(
        "organise/<id:event_id>/bookings/<id:booking_id>/cancel/",
        views.booking_cancel,
        name="organise-booking-cancel",
    ),
    path("organise/<id:event_id>/register/", views.register, name="organise-register"),
]
