"""URLs of the deployment pages in visit_views (part of the deployments namespace, urls.py)."""

urlpatterns = []
