"""URLs of the deployment pages in contract_views (part of the deployments namespace, urls.py)."""

from django.urls import path

from . import contract_views as views

urlpatterns = [
    path("<id:deployment_id>/contract/", views.contract_page, name="contract"),
    path("<id:deployment_id>/contract/terms/", views.contract_terms, name="contract-terms"),
    path("<id:deployment_id>/contract/measures/add/", views.contract_measure_add, name="contract-measure-add"),
    path(
        "<id:deployment_id>/contract/measures/<id:measure_id>/",
        views.contract_measure_change,
        name="contract-measure-change",
    ),
    path(
        "<id:deployment_id>/contract/measures/<id:measure_id>/remove/",
        views.contract_measure_remove,
        name="contract-measure-remove",
    ),
    path("<id:deployment_id>/contract/send/", views.contract_propose, name="contract-propose"),
    path("<id:deployment_id>/contract/change/", views.contract_change, name="contract-change"),
    path("<id:deployment_id>/contract/withdraw/", views.contract_withdraw, name="contract-withdraw"),
    path("<id:deployment_id>/contract/versions/<id:number>/", views.contract_version, name="contract-version"),
    path("<id:deployment_id>/contract/versions/<id:number>/agree/", views.contract_agree, name="contract-agree"),
    path("<id:deployment_id>/contract/versions/<id:number>/pdf/", views.contract_pdf, name="contract-pdf"),
]
