"""URLs of the deployment pages in concern_views (part of the deployments namespace, urls.py)."""

from django.urls import path

from . import concern_views

urlpatterns = [
    path("<int:deployment_id>/concerns/raise/", concern_views.concern_raise, name="concern-raise"),
    path("<int:deployment_id>/concerns/<int:concern_id>/", concern_views.concern_detail, name="concern-detail"),
    path(
        "<int:deployment_id>/concerns/<int:concern_id>/escalate/",
        concern_views.concern_escalate,
        name="concern-escalate",
    ),
    path(
        "<int:deployment_id>/concerns/<int:concern_id>/resolve/",
        concern_views.concern_resolve,
        name="concern-resolve",
    ),
]
