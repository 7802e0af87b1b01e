"""URLs of the deployment pages in review_views (part of the deployments namespace, urls.py)."""

from django.urls import path

from . import review_views

urlpatterns = [
    path("<id:deployment_id>/reviews/record/<slug:kind>/", review_views.review_record, name="review-record"),
    path("<id:deployment_id>/reviews/<id:review_id>/", review_views.review_detail, name="review-detail"),
]
