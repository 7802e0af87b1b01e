"""URLs of the deployment pages in feedback_views and quality_views (part of the deployments
namespace, urls.py)."""

from django.urls import path

from . import feedback_views, quality_views

urlpatterns = [
    path("<id:deployment_id>/feedback/<id:round_id>/", feedback_views.feedback_round, name="feedback-round"),
    path(
        "<id:deployment_id>/feedback/<id:round_id>/answer/<str:party>/",
        feedback_views.feedback_answer,
        name="feedback-answer",
    ),
    path("feedback-form/", feedback_views.feedback_form, name="feedback-form"),
    path("feedback-form/add/", feedback_views.feedback_question_add, name="feedback-question-add"),
    path("feedback-form/<slug:key>/change/", feedback_views.feedback_question_change, name="feedback-question-change"),
    path("feedback-form/<slug:key>/remove/", feedback_views.feedback_question_remove, name="feedback-question-remove"),
    path(
        "feedback-form/<slug:key>/move/<str:direction>/",
        feedback_views.feedback_question_move,
        name="feedback-question-move",
    ),
    path("quality/", quality_views.quality_organisations, name="quality-organisations"),
    path("quality/<id:organisation_id>/", quality_views.quality_organisation, name="quality-organisation"),
    path("quality/<id:organisation_id>/record/", quality_views.quality_record, name="quality-record"),
    path("quality/leaders/<id:leader_id>/", quality_views.quality_leader, name="quality-leader"),
]
