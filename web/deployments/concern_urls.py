"""URLs of the deployment pages in concern_views (part of the deployments namespace, urls.py)."""

from django.urls import path

from . import concern_views

urlpatterns = [
    path("<id:deployment_id>/concerns/raise/", concern_views.concern_raise, name="concern-raise"),
    path("<id:deployment_id>/concerns/<id:concern_id>/", concern_views.concern_detail, name="concern-detail"),
    path(
        "<id:deployment_id>/concerns/<id:concern_id>/escalate/",
        concern_views.concern_escalate,
        name="concern-escalate",
    ),
    path(
        "<id:deployment_id>/concerns/<id:concern_id>/resolve/",
        concern_views.concern_resolve,
        name="concern-resolve",
    ),
]
