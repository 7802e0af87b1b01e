"""The brokering alliance's pages, mounted at /home/brokering/: triage and panel meetings."""

from django.urls import path

from . import broker_views, meeting_views

app_name = "broker"
urlpatterns = [
    path("", broker_views.queue, name="queue"),
    path("requests/<int:request_id>/", broker_views.request_detail, name="request"),
    path("meetings/", meeting_views.meetings, name="meetings"),
    path("meetings/new/", meeting_views.meeting_new, name="meeting-new"),
    path("meetings/<int:meeting_id>/", meeting_views.meeting_detail, name="meeting"),
    path("meetings/<int:meeting_id>/hold/", meeting_views.meeting_hold, name="meeting-hold"),
    path("meetings/<int:meeting_id>/cancel/", meeting_views.meeting_cancel, name="meeting-cancel"),
    path("meetings/<int:meeting_id>/minutes.<str:fmt>/", meeting_views.minutes, name="minutes"),
    path("meetings/<int:meeting_id>/items/<int:item_id>/decide/", meeting_views.item_decide, name="decide"),
    path("meetings/<int:meeting_id>/items/<int:item_id>/remove/", meeting_views.item_remove, name="item-remove"),
    path("meetings/<int:meeting_id>/items/<int:item_id>/rank/", meeting_views.item_rank, name="item-rank"),
]
