from django.urls import path

from . import views

app_name = "directory"
urlpatterns = [
    path("", views.search, name="search"),
    path("download.<str:fmt>", views.download, name="download"),
    path("leaders/<id:leader_id>/", views.leader, name="leader"),
    path("organisations/<id:organisation_id>/", views.organisation, name="organisation"),
    path("organisations/<id:organisation_id>/embed/", views.organisation_embed, name="organisation-embed"),
]
