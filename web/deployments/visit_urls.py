"""URLs of the deployment pages in visit_views (part of the deployments namespace, urls.py)."""

from django.urls import path

from . import visit_views as views

urlpatterns = [
    path("<id:deployment_id>/visits/", views.visit_list, name="visit-list"),
    path("<id:deployment_id>/visits/plan/", views.visit_plan, name="visit-plan"),
    path("<id:deployment_id>/visits/record/", views.visit_record, name="visit-record"),
    path("<id:deployment_id>/visits/<id:visit_id>/", views.visit_detail, name="visit"),
    path("<id:deployment_id>/visits/<id:visit_id>/note/", views.visit_note, name="visit-note"),
    path("<id:deployment_id>/visits/<id:visit_id>/cancel/", views.visit_cancel, name="visit-cancel"),
    path("<id:deployment_id>/variations/request/", views.variation_request, name="variation-request"),
    path("<id:deployment_id>/variations/<id:variation_id>/", views.variation_decide, name="variation-decide"),
]
