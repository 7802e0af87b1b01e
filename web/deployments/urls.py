"""Deployments, mounted at /home/deployments/. The domain's notifications link to
/home/deployments/<pk>/ (domain.deployments.services.LINK_TO_DEPLOYMENT): keep that path.

Each part of a deployment keeps its URLs in its own module; they share the one namespace."""

from django.urls import path

from . import concern_urls, contract_urls, feedback_urls, invoice_urls, review_urls, views, visit_urls

app_name = "deployments"
urlpatterns = [
    path("", views.deployment_list, name="list"),
    path("<id:deployment_id>/", views.deployment_detail, name="detail"),
    path("<id:deployment_id>/end/", views.deployment_end, name="end"),
    path("<id:deployment_id>/quality-lead/", views.deployment_quality_lead, name="quality-lead"),
    *contract_urls.urlpatterns,
    *visit_urls.urlpatterns,
    *concern_urls.urlpatterns,
    *review_urls.urlpatterns,
    *feedback_urls.urlpatterns,
    *invoice_urls.urlpatterns,
]
