"""The brokering alliance's pages, mounted at /home/brokering/: triage and panel meetings."""

from django.urls import path

from . import broker_views, meeting_views

app_name = "broker"
urlpatterns = [
    path("", broker_views.queue, name="queue"),
    path("requests/<id:request_id>/", broker_views.request_detail, name="request"),
    path("meetings/", meeting_views.meetings, name="meetings"),
    path("meetings/new/", meeting_views.meeting_new, name="meeting-new"),
    path("meetings/<id:meeting_id>/", meeting_views.meeting_detail, name="meeting"),
    path("meetings/<id:meeting_id>/hold/", meeting_views.meeting_hold, name="meeting-hold"),
    path("meetings/<id:meeting_id>/cancel/", meeting_views.meeting_cancel, name="meeting-cancel"),
    path("meetings/<id:meeting_id>/minutes.<str:fmt>/", meeting_views.minutes, name="minutes"),
    path("meetings/<id:meeting_id>/items/<id:item_id>/decide/", meeting_views.item_decide, name="decide"),
    path("meetings/<id:meeting_id>/items/<id:item_id>/remove/", meeting_views.item_remove, name="item-remove"),
    path("meetings/<id:meeting_id>/items/<id:item_id>/rank/", meeting_views.item_rank, name="item-rank"),
    path("meetings/<id:meeting_id>/items/<id:item_id>/search/", meeting_views.item_search, name="item-search"),
]
