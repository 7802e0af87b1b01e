"""The coordinator's pages for recruitment rounds and their applications (under /recruitment/manage/)."""

from django.urls import path

from . import referee_checks, rounds

app_name = "rounds"
urlpatterns = [
    path("", rounds.round_list, name="rounds"),
    path("new/", rounds.round_create, name="round-create"),
    path("<id:round_id>/", rounds.round_detail, name="round"),
    path("<id:round_id>/<slug:event>/", rounds.round_change, name="round-change"),
    path("<id:round_id>/applications/<id:application_id>/", rounds.application_detail, name="application"),
    path("references/<id:request_id>/chase/", rounds.reference_chase_view, name="reference-chase"),
    path("references/<id:request_id>/replace/", rounds.reference_replace_view, name="reference-replace"),
    path("references/to-confirm/", referee_checks.references_to_confirm_list, name="references-to-confirm"),
    path("references/<id:request_id>/confirm/", referee_checks.reference_confirm_view, name="reference-confirm"),
]
