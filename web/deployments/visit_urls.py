"""URLs of the deployment pages in visit_views (part of the deployments namespace, urls.py)."""

from django.urls import path

from . import visit_views as views

urlpatterns = [
    path("<int:deployment_id>/visits/", views.visit_list, name="visit-list"),
    path("<int:deployment_id>/visits/plan/", views.visit_plan, name="visit-plan"),
    path("<int:deployment_id>/visits/record/", views.visit_record, name="visit-record"),
    path("<int:deployment_id>/visits/<int:visit_id>/", views.visit_detail, name="visit"),
    path("<int:deployment_id>/visits/<int:visit_id>/note/", views.visit_note, name="visit-note"),
    path("<int:deployment_id>/visits/<int:visit_id>/cancel/", views.visit_cancel, name="visit-cancel"),
    path("<int:deployment_id>/variations/request/", views.variation_request, name="variation-request"),
    path("<int:deployment_id>/variations/<int:variation_id>/", views.variation_decide, name="variation-decide"),
]
