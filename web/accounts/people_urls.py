"""Inviting people, mounted at /home/people/: for TSA or hub coordinators (their alliance or hub
and its member schools) and regional representatives (their region)."""

from django.urls import path

from . import people_views

app_name = "people"
urlpatterns = [
    path("invite/", people_views.invite_where, name="invite"),
    path("invite/school/", people_views.invite_school_search, name="invite-school"),
    path("invite/<slug:kind>/<id:pk>/", people_views.invite_person, name="invite-to"),
    path("invitations/", people_views.invitations, name="invitations"),
    path("invitations/<id:invitation_id>/send/", people_views.invitation_send, name="invitation-send"),
]
