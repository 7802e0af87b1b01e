"""A system leader's own pages, mounted at /home/. The domain's notifications link to
/home/association/ and /home/pen-portrait/: keep those paths."""

from django.urls import path

from . import leader_availability, leader_portrait, leader_views

app_name = "leader"
urlpatterns = [
    path("association/", leader_views.association, name="association"),
    path("association/ask/", leader_views.association_request, name="association-request"),
    path("association/memorandum/", leader_views.memorandum, name="memorandum"),
    path(
        "association/<id:association_id>/<slug:event>/",
        leader_views.association_respond,
        name="association-respond",
    ),
    path("pen-portrait/", leader_portrait.pen_portrait, name="pen-portrait"),
    path("pen-portrait/change/", leader_portrait.pen_portrait_change, name="pen-portrait-change"),
    path("pen-portrait/take-down/", leader_portrait.pen_portrait_withdraw, name="pen-portrait-withdraw"),
    path("availability/", leader_availability.availability, name="availability"),
    path("availability/unavailable/add/", leader_availability.unavailable_add, name="unavailable-add"),
    path(
        "availability/unavailable/<id:period_id>/remove/",
        leader_availability.unavailable_remove,
        name="unavailable-remove",
    ),
    path("availability/<str:term_key>/", leader_availability.availability_term, name="availability-term"),
]
