"""The panel's decision with written feedback, the designation it makes, and the appeal (issue 3;
seed 000 "TSAs would manage appeals")."""

import datetime as dt

import pytest

from domain.accounts.roles import Role
from domain.designation.models import Designation
from domain.notifications.models import Notification
from domain.recruitment.decisions import APPEAL_DAYS, appeal_decide, appeal_lodge, decision_for_applicant, panel_decide
from domain.recruitment.models import Appeal, PanelDecision
from domain.recruitment.services import RecruitmentRefused
from tests import factories
from tests.conftest import person_in_role
from tests.recruitment.helpers import TODAY
from tests.recruitment.selection_builders import (
    assessed,
    coordinated_round,
    eligibility_checked,
    nle_round,
    valid_panel,
)

pytestmark = pytest.mark.django_db

FEEDBACK = "Strong evidence of coaching; the panel would like more on school-to-school work."


@pytest.fixture
def ready():
    """(application assessed with a valid panel, coordinator, panel chair)."""
    round_, coordinator = coordinated_round()
    application, _ = assessed(round_, coordinator)
    chair = valid_panel(application, coordinator)[0].user
    return application, coordinator, chair


def declined(ready):
    application, coordinator, chair = ready
    panel_decide(actor=chair, application=application, outcome="declined", feedback=FEEDBACK)
    application.refresh_from_db()
    return application


def test_an_approval_designates_the_applicant_and_sends_the_feedback(ready):
    application, _, chair = ready

    decision = panel_decide(actor=chair, application=application, outcome="approved", feedback=FEEDBACK)

    application.refresh_from_db()
    assert application.status == "approved"
    designation = Designation.objects.get(person=application.applicant)
    assert decision.designation == designation
    assert (designation.role, designation.source, designation.organisation) == (
        "lle",
        "tsa_or_hub",
        application.round.organisation,
    )
    assert (designation.school, designation.phases, designation.starts_on) == (application.school, ["primary"], TODAY)
    assert designation.ends_on is not None
    note = Notification.objects.get(user=application.applicant, title__contains="is approved")
    assert FEEDBACK in note.body


def test_an_nle_is_recommended_to_the_department_after_the_paper_exercise_and_interview():
    # Seed 004 §14: the department makes the final decision (tests/recruitment/test_department_decisions.py).
    round_, coordinator = nle_round()
    application, _ = assessed(round_, coordinator)
    chair = valid_panel(application, coordinator)[0].user
    panel_decide(actor=chair, application=application, outcome="approved", feedback=FEEDBACK)
    application.refresh_from_db()
    assert application.status == "recommended"
    assert not Designation.objects.filter(person=application.applicant).exists()


def test_an_approval_that_cannot_designate_is_refused_and_changes_nothing():
    # An SLE needs a specialism (seed 003); a round recruiting SLEs without one cannot designate.
    round_, coordinator = coordinated_round(role="sle", criteria_set="national-sle@1", specialisms=[])
    application, _ = assessed(round_, coordinator)
    chair = valid_panel(application, coordinator)[0].user
    with pytest.raises(RecruitmentRefused, match="The applicant cannot be designated: Choose at least one specialism"):
        panel_decide(actor=chair, application=application, outcome="approved", feedback=FEEDBACK)
    application.refresh_from_db()
    assert application.status == "assessed"
    assert not PanelDecision.objects.exists()


def test_a_decline_tells_the_applicant_why_and_how_to_appeal(ready):
    application = declined(ready)
    assert application.status == "declined"
    assert not Designation.objects.exists()
    note = Notification.objects.get(user=application.applicant, title__contains="was not approved")
    assert FEEDBACK in note.body and f"within {APPEAL_DAYS} days" in note.body


def test_the_panel_cannot_approve_before_the_assessment_is_complete():
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    chair = valid_panel(application, coordinator)[0].user
    with pytest.raises(RecruitmentRefused, match="cannot approve before the assessment is complete"):
        panel_decide(actor=chair, application=application, outcome="approved", feedback=FEEDBACK)
    assert not PanelDecision.objects.exists()


def test_the_panel_cannot_decide_without_an_nle_or_experienced_leader():
    round_, coordinator = coordinated_round()
    application, _ = assessed(round_, coordinator)
    with pytest.raises(RecruitmentRefused, match="An NLE or an experienced system leader must sit on the panel"):
        panel_decide(actor=coordinator, application=application, outcome="approved", feedback=FEEDBACK)


@pytest.mark.parametrize("feedback", ["", "   ", None])
def test_a_decision_needs_written_feedback(ready, feedback):
    application, _, chair = ready
    with pytest.raises(RecruitmentRefused, match="Enter the written feedback to the applicant"):
        panel_decide(actor=chair, application=application, outcome="declined", feedback=feedback)
    application.refresh_from_db()
    assert application.status == "assessed"


def test_bad_outcomes_and_outsiders_are_refused(ready):
    application, _, chair = ready
    with pytest.raises(RecruitmentRefused, match="Choose whether the panel approves or declines"):
        panel_decide(actor=chair, application=application, outcome="maybe", feedback=FEEDBACK)
    with pytest.raises(RecruitmentRefused, match="Only the panel or the alliance or hub running the round can decide"):
        panel_decide(actor=factories.UserFactory(), application=application, outcome="approved", feedback=FEEDBACK)
    with pytest.raises(RecruitmentRefused, match="Only the panel"):
        panel_decide(actor=application.applicant, application=application, outcome="approved", feedback=FEEDBACK)


# Appeals ------------------------------------------------------------------------------------------


def test_an_upheld_appeal_lets_the_panel_approve(ready):
    application = declined(ready)
    _, coordinator, chair = ready

    appeal = appeal_lodge(applicant=application.applicant, application=application, grounds="The scores were mixed up")
    application.refresh_from_db()
    assert (application.status, appeal.grounds) == ("appealed", "The scores were mixed up")

    appeal_decide(actor=coordinator, application=application, outcome="upheld", reasons="The scores were mixed up")
    application.refresh_from_db()
    assert application.status == "appeal_upheld"
    appeal.refresh_from_db()
    assert (appeal.outcome, appeal.decided_by) == ("upheld", coordinator)
    assert Notification.objects.filter(user=application.applicant, body__contains="upheld").exists()

    with pytest.raises(RecruitmentRefused, match="can now only approve the application"):
        panel_decide(actor=chair, application=application, outcome="declined", feedback=FEEDBACK)
    panel_decide(actor=chair, application=application, outcome="approved", feedback="Approved on review")
    application.refresh_from_db()
    assert application.status == "approved"
    assert Designation.objects.filter(person=application.applicant).count() == 1


def test_a_dismissed_appeal_ends_the_application(ready):
    application = declined(ready)
    _, coordinator, _ = ready
    appeal_lodge(applicant=application.applicant, application=application, grounds="I disagree")
    appeal_decide(actor=coordinator, application=application, outcome="dismissed", reasons="The decision was sound")
    application.refresh_from_db()
    assert application.status == "appeal_dismissed"
    assert Appeal.objects.get(application=application).reasons == "The decision was sound"


def test_an_appeal_is_not_heard_by_someone_who_sat_on_the_panel(ready):
    application = declined(ready)
    _, coordinator, chair = ready
    appeal_lodge(applicant=application.applicant, application=application, grounds="I disagree")
    # A coordinator who also sits on the panel.
    other = valid_panel(application, coordinator)[0].user
    factories.MembershipFactory(user=other, organisation=application.round.organisation, role=Role.TSA_COORDINATOR)
    with pytest.raises(RecruitmentRefused, match="An appeal must be heard by someone who did not sit on the panel"):
        appeal_decide(actor=other, application=application, outcome="upheld", reasons="Because")
    application.refresh_from_db()
    assert application.status == "appealed"


def test_an_appeal_is_not_heard_by_the_person_who_recorded_the_decision():
    round_, coordinator = coordinated_round()
    application, _ = assessed(round_, coordinator)
    valid_panel(application, coordinator)
    panel_decide(actor=coordinator, application=application, outcome="declined", feedback=FEEDBACK)
    appeal_lodge(applicant=application.applicant, application=application, grounds="I disagree")
    with pytest.raises(RecruitmentRefused, match="An appeal must be heard by someone who did not sit on the panel"):
        appeal_decide(actor=coordinator, application=application, outcome="upheld", reasons="Because")


def test_an_appeal_is_lodged_only_by_the_applicant_after_a_decline(ready):
    application, coordinator, _ = ready
    with pytest.raises(
        RecruitmentRefused, match="Only a declined application can be appealed; this application is assessed"
    ):
        appeal_lodge(applicant=application.applicant, application=application, grounds="Too early")
    declined(ready)
    with pytest.raises(RecruitmentRefused, match="Only the applicant can appeal the decision"):
        appeal_lodge(applicant=coordinator, application=application, grounds="On their behalf")
    with pytest.raises(RecruitmentRefused, match="Enter the grounds for your appeal"):
        appeal_lodge(applicant=application.applicant, application=application, grounds=" ")
    assert not Appeal.objects.exists()


def test_an_appeal_after_the_deadline_is_refused(ready):
    application = declined(ready)
    PanelDecision.objects.filter(application=application).update(
        decided_at=PanelDecision.objects.get(application=application).decided_at - dt.timedelta(days=APPEAL_DAYS + 1)
    )
    with pytest.raises(RecruitmentRefused, match=f"The time to appeal ended on .* \\({APPEAL_DAYS} days after"):
        appeal_lodge(applicant=application.applicant, application=application, grounds="Late")


def test_an_appeal_decision_needs_an_appeal_reasons_and_a_manager(ready):
    application = declined(ready)
    _, coordinator, _ = ready
    with pytest.raises(RecruitmentRefused, match="There is no appeal waiting for a decision"):
        appeal_decide(actor=coordinator, application=application, outcome="upheld", reasons="Because")
    appeal_lodge(applicant=application.applicant, application=application, grounds="I disagree")
    with pytest.raises(RecruitmentRefused, match="Enter the reasons for the appeal's outcome"):
        appeal_decide(actor=coordinator, application=application, outcome="upheld", reasons="")
    with pytest.raises(RecruitmentRefused, match="Choose whether the appeal is upheld or dismissed"):
        appeal_decide(actor=coordinator, application=application, outcome="partly", reasons="Because")
    outsider = person_in_role(Role.TSA_COORDINATOR)
    with pytest.raises(RecruitmentRefused, match="Only the alliance or hub running the round can hear an appeal"):
        appeal_decide(actor=outsider, application=application, outcome="upheld", reasons="Because")


def test_the_applicant_sees_the_decision_its_feedback_and_the_appeal_deadline(ready):
    application = declined(ready)
    seen = decision_for_applicant(application)
    assert seen["decision"].feedback == FEEDBACK
    assert seen["appeal_by"] == TODAY + dt.timedelta(days=APPEAL_DAYS)
    assert seen["appeal"] is None
    appeal_lodge(applicant=application.applicant, application=application, grounds="I disagree")
    application.refresh_from_db()
    seen = decision_for_applicant(application)
    assert (seen["appeal"].grounds, seen["appeal_by"]) == ("I disagree", None)
