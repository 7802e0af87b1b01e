from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("", views.start, name="start"),
    path("schools/", views.school_search, name="school-search"),
    path("schools/<int:urn>/", views.school_detail, name="school-detail"),
]
