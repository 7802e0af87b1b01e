from django.urls import path

from . import health, views

app_name = "public"
urlpatterns = [
    path("", views.start, name="start"),
    path("schools/", views.school_search, name="school-search"),
    path("schools/<int:urn>/", views.school_detail, name="school-detail"),
    # The health check for load balancers (docs/deployment.md): the database answers, or 503.
    path("healthz", health.health, name="health"),
]
