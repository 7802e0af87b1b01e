"""URLs of the deployment pages in invoice_views (part of the deployments namespace, urls.py)."""

from django.urls import path

from . import invoice_views as views

urlpatterns = [
    path("invoices/", views.invoice_list, name="invoices"),
    path("invoices/download.<str:fmt>", views.invoice_export, name="invoices-export"),
    path("<id:deployment_id>/invoices/new/", views.invoice_draft, name="invoice-draft"),
    path("<id:deployment_id>/invoices/new/check/", views.invoice_draft_check, name="invoice-draft-check"),
    path("<id:deployment_id>/invoices/<id:invoice_id>/", views.invoice_detail, name="invoice"),
    path("<id:deployment_id>/invoices/<id:invoice_id>/issue/", views.invoice_issue, name="invoice-issue"),
    path("<id:deployment_id>/invoices/<id:invoice_id>/paid/", views.invoice_pay, name="invoice-pay"),
    path("<id:deployment_id>/invoices/<id:invoice_id>/cancel/", views.invoice_cancel, name="invoice-cancel"),
]
