"""URLs of the deployment pages in feedback_views (part of the deployments namespace, urls.py)."""

urlpatterns = []
