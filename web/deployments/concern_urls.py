"""URLs of the deployment pages in concern_views (part of the deployments namespace, urls.py)."""

urlpatterns = []
