"""Eligibility decides (issue 14): a criterion not met blocks approval (seed 000: criteria
applicants "must" meet)."""

import pytest

from domain.recruitment.decisions import panel_decide
from domain.recruitment.models import EligibilityCheck
from domain.recruitment.services import RecruitmentRefused
from tests.recruitment.selection_builders import assessed, coordinated_round, valid_panel

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
    assert EligibilityCheck.objects.get(application=application).result != "not_met"
    panel_decide(actor=coordinator, application=application, outcome="approved", feedback="Strong")
    assert application.applicant.designations.filter(role="lle").exists()
