"""Eligibility decides (issue 14): a criterion not met, or one still needing evidence, blocks
approval (seed 000: criteria applicants "must" meet); the application may be declined at any stage
after the check; the status never moves backwards."""

import pytest

from domain.notifications.models import Notification
from domain.recruitment.assessment import assessment_submit
from domain.recruitment.decisions import panel_decide
from domain.recruitment.eligibility import application_check_eligibility, latest_check
from domain.recruitment.models import EligibilityCheck
from domain.recruitment.services import RecruitmentRefused
from domain.recruitment.workflows import APPLICATION
from tests.recruitment.selection_builders import (
    assessed,
    assessor_for,
    coordinated_round,
    eligibility_checked,
    references_complete,
    score_all,
    valid_panel,
)

pytestmark = pytest.mark.django_db


def test_a_criterion_not_met_blocks_approval_but_not_a_decline():
    round_, coordinator = coordinated_round()
    application, _ = assessed(round_, coordinator)
    valid_panel(application, coordinator)
    EligibilityCheck.objects.filter(application=application).update(result="not_met")
    with pytest.raises(RecruitmentRefused, match="does not meet a criterion they must meet"):
        panel_decide(actor=coordinator, application=application, outcome="approved", feedback="Strong")
    application.refresh_from_db()
    assert application.status == "assessed"
    assert not application.applicant.designations.exists()
    decision = panel_decide(actor=coordinator, application=application, outcome="declined", feedback="Not eligible")
    assert decision.outcome == "declined"


def test_an_eligible_application_is_approved_as_before():
    round_, coordinator = coordinated_round()
    application, _ = assessed(round_, coordinator)
    valid_panel(application, coordinator)
    assert latest_check(application).result == "met"
    panel_decide(actor=coordinator, application=application, outcome="approved", feedback="Strong")
    assert application.applicant.designations.filter(role="lle").exists()


def test_approval_is_refused_while_evidence_is_needed_naming_the_criteria_in_plain_words():
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)  # posts and judgements not given
    for _ in range(2):
        assessor = assessor_for(round_)
        score_all(assessor, application)
        assessment_submit(assessor=assessor, application=application)
    application.refresh_from_db()
    valid_panel(application, coordinator)
    assert latest_check(application).result == "needs_evidence"

    with pytest.raises(RecruitmentRefused, match="evidence is still needed") as refused:
        panel_decide(actor=coordinator, application=application, outcome="approved", feedback="Strong")

    message = str(refused.value)
    assert "evidence is still needed" in message
    assert "headteacher" in message.lower()
    assert "years_as_head" not in message  # plain words, not internal codes
    application.refresh_from_db()
    assert application.status == "assessed"
    # Declining stays possible.
    panel_decide(actor=coordinator, application=application, outcome="declined", feedback="Too little evidence")
    application.refresh_from_db()
    assert application.status == "declined"


# The decision table of the gate: (status, outcome) -> allowed. Approval needs the assessment;
# a decline any stage after the check; before the check, nothing.
DECISION_TABLE = [
    ("references_complete", "declined", False),
    ("references_complete", "approved", False),
    ("eligibility_checked", "declined", True),
    ("eligibility_checked", "approved", False),
    ("paper_scored", "declined", True),
    ("paper_scored", "approved", False),
    ("assessed", "declined", True),
]


@pytest.mark.parametrize(("status", "outcome", "allowed"), DECISION_TABLE)
def test_who_may_be_decided_when(status, outcome, allowed):
    round_, coordinator = coordinated_round()
    application = references_complete(round_)
    if status != "references_complete":
        application_check_eligibility(actor=coordinator, application=application)
        type(application).objects.filter(pk=application.pk).update(status=status)
        application.refresh_from_db()
    valid_panel(application, coordinator)
    if allowed:
        panel_decide(actor=coordinator, application=application, outcome=outcome, feedback="The reasons")
        application.refresh_from_db()
        assert application.status == "declined"
    else:
        with pytest.raises(RecruitmentRefused, match="cannot approve|only after the eligibility check"):
            panel_decide(actor=coordinator, application=application, outcome=outcome, feedback="The reasons")
        application.refresh_from_db()
        assert application.status == status


def test_the_workflow_lets_an_application_be_declined_after_the_check_only():
    assert set(APPLICATION.get("decline").sources) == {"eligibility_checked", "paper_scored", "assessed"}


def test_a_decline_at_the_check_needs_no_panel_and_tells_the_applicant_with_the_reasons():
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)

    panel_decide(
        actor=coordinator,
        application=application,
        outcome="declined",
        feedback="You have not yet been a headteacher for three years",
    )

    application.refresh_from_db()
    assert application.status == "declined"
    note = Notification.objects.get(user=application.applicant, title__contains="was not approved")
    assert "You have not yet been a headteacher for three years" in note.body
    assert round_.organisation.name in note.body
    assert "appeal" in note.body
