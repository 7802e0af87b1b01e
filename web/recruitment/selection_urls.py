"""Selection pages: eligibility, assessment, panel, decision and appeal (under /recruitment/selection/)."""

from django.urls import path

from . import assessing, judging, selection, selection_panel

app_name = "selection"
A = "applications/<id:application_id>/"
urlpatterns = [
    path("to-score/", assessing.to_assess, name="to-assess"),
    path(A, selection.selection_overview, name="application"),
    path(f"{A}eligibility/", selection.eligibility, name="eligibility"),
    path(f"{A}eligibility/<slug:criterion_id>/", judging.criterion_judgement, name="judgement"),
    path(f"{A}paper-exercise/", selection.paper_exercise, name="paper-exercise"),
    path(f"{A}assessment/", selection_panel.assessment, name="assessment"),
    path(f"{A}assessment/summary/", selection.assessment_summary_page, name="assessment-summary"),
    path(f"{A}panel/", selection_panel.panel, name="panel"),
    path(f"{A}decision/", selection_panel.decision, name="decision"),
    path(f"{A}appeal/", selection_panel.appeal_lodge, name="appeal"),
    path(f"{A}appeal/decision/", selection.appeal_decision, name="appeal-decision"),
]
