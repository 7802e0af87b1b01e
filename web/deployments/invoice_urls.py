"""URLs of the deployment pages in invoice_views (part of the deployments namespace, urls.py)."""

urlpatterns = []
