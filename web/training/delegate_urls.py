"""URLs of the delegates' event pages (part of the events namespace, urls.py). An event's page
stays at /home/events/<pk>/: the domain's notifications link there (services.LINK_TO_EVENT)."""

from django.urls import path

from . import delegate_views as views

urlpatterns = [
    path("", views.event_list, name="list"),
    path("<id:event_id>/", views.event_detail, name="event"),
    path("<id:event_id>/confirm/", views.booking_confirm, name="event-confirm"),
    path("<id:event_id>/event.ics", views.event_calendar_file, name="event-calendar"),
    path("bookings/", views.booking_list, name="bookings"),
    path("bookings/<id:booking_id>/", views.booking_detail, name="booking"),
    path("bookings/<id:booking_id>/cancel/", views.booking_cancel, name="booking-cancel"),
    path("bookings/<id:booking_id>/invoice/", views.booking_invoice, name="booking-invoice"),
    path("bookings/<id:booking_id>/certificate.pdf", views.booking_certificate, name="booking-certificate"),
    path("cpd/", views.cpd_record, name="cpd"),
    path("cpd/download.<str:fmt>", views.cpd_export, name="cpd-export"),
]
