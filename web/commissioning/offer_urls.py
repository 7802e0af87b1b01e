"""Offers, mounted at /home/offers/. The domain's notifications link to /home/offers/<pk>/: keep
that path."""

from django.urls import path

from . import offer_views

app_name = "offers"
urlpatterns = [
    path("", offer_views.offer_list, name="list"),
    path("<id:offer_id>/", offer_views.offer_detail, name="detail"),
    path("<id:offer_id>/<slug:event>/", offer_views.offer_answer, name="answer"),
]
