"""URLs of the deployment pages in contract_views (part of the deployments namespace, urls.py)."""

urlpatterns = []
