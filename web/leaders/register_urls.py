"""The regional register of system leaders and the region's memorandum of understanding,
mounted at /regional/leaders/."""

from django.urls import path

from . import register_views as views

app_name = "register"
urlpatterns = [
    path("", views.leaders, name="leaders"),
    path("export.<str:fmt>/", views.export, name="export"),
    path("memorandum/", views.memorandum, name="memorandum"),
    path("memorandum/new/", views.memorandum_publish, name="memorandum-publish"),
]
