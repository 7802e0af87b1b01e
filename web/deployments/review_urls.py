"""URLs of the deployment pages in review_views (part of the deployments namespace, urls.py)."""

urlpatterns = []
