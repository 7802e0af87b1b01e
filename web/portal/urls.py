from django.urls import path

from . import designations, reviews, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read_all, name="notifications-read-all"),
    path("notifications/<id:notification_id>/read/", views.notification_read, name="notification-read"),
    path("designations/", designations.designation_list, name="designations"),
    path("designations/<id:designation_id>/", designations.designation_detail, name="designation"),
    path(
        "designations/<id:designation_id>/<slug:event>/",
        designations.designation_change,
        name="designation-change",
    ),
    # The review of a designation (web/portal/reviews.py): the leader's pages, then the designating
    # body's, then the feedback asked of supported schools and alliances.
    path("reviews/<id:review_id>/", reviews.review, name="review"),
    path("reviews/<id:review_id>/questions/<slug:key>/", reviews.review_question, name="review-question"),
    path("reviews/<id:review_id>/check/", reviews.review_check, name="review-check"),
    path("reviews/<id:review_id>/appeal/", reviews.review_appeal, name="review-appeal"),
    path("designations/reviews/", reviews.review_list, name="reviews"),
    path("designations/reviews/<id:review_id>/", reviews.review_pack_page, name="review-pack"),
    path("designations/reviews/<id:review_id>/decide/", reviews.review_decide, name="review-decide"),
    path("designations/reviews/<id:review_id>/appeal/", reviews.review_appeal_decide, name="review-appeal-decide"),
    path("reviews/feedback/<id:feedback_id>/", reviews.review_feedback, name="review-feedback"),
    path("timeline/<str:subject_type>/<str:subject_id>/", views.timeline, name="timeline"),
]
