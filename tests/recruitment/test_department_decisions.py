"""NLE and NLG designations are decided by the Department for Education: the panel of the alliance
or hub recommends, the department's official approves or declines (seed 004 §14; seed 003)."""

import pytest

from domain.accounts.roles import Role
from domain.audit.models import AuditEvent
from domain.designation.models import Designation
from domain.notifications.models import Notification
from domain.recruitment.decisions import appeal_lodge, decision_for_applicant, panel_decide
from domain.recruitment.department import department_decide, recommendations_for
from domain.recruitment.models import DepartmentDecision
from domain.recruitment.policies import can_decide_for_department
from domain.recruitment.services import RecruitmentRefused
from tests.conftest import person_in_role
from tests.recruitment.selection_builders import assessed, coordinated_round, nle_round, valid_panel

pytestmark = pytest.mark.django_db

FEEDBACK = "Outstanding work with schools in difficulty; the panel recommends designation."
REASONS = "The department agrees with the panel."


def recommended(round_maker=nle_round):
    round_, coordinator = round_maker()
    application, _ = assessed(round_, coordinator)
    chair = valid_panel(application, coordinator)[0].user
    panel_decide(actor=chair, application=application, outcome="approved", feedback=FEEDBACK)
    application.refresh_from_db()
    return application, coordinator


@pytest.fixture
def official():
    return person_in_role(Role.DEPARTMENT_OFFICIAL)


def test_the_panels_approval_of_an_nle_is_a_recommendation_and_designates_nobody():
    application, _ = recommended()

    assert application.status == "recommended"
    assert application.get_status_display() == "Recommended to the Department for Education"
    assert not Designation.objects.filter(person=application.applicant).exists()
    assert AuditEvent.objects.filter(action="recruitment.application.recommend").count() == 1
    note = Notification.objects.get(user=application.applicant, title__contains="recommended")
    assert FEEDBACK in note.body


def test_the_panels_approval_of_an_nlg_is_a_recommendation_too():
    application, _ = recommended(
        lambda: coordinated_round(role="nlg", title="NLG selection", criteria_set="national-nlg@1", phases=[])
    )
    assert application.status == "recommended"


def test_the_departments_official_approves_and_the_department_designates(official):
    application, _ = recommended()

    decision = department_decide(actor=official, application=application, outcome="approved", reasons=REASONS)

    application.refresh_from_db()
    assert application.status == "department_approved"
    designation = Designation.objects.get(person=application.applicant)
    assert decision.designation == designation
    assert (designation.role, designation.source) == ("nle", "department")
    assert designation.organisation == official.memberships.get().organisation
    assert AuditEvent.objects.filter(action="recruitment.application.department_approve").count() == 1
    assert Notification.objects.filter(user=application.applicant, title__contains="designated").exists()
    assert decision_for_applicant(application)["department"] == decision


def test_the_department_declines_with_reasons_and_the_applicant_may_appeal(official):
    application, _ = recommended()

    with pytest.raises(RecruitmentRefused, match="Enter the reasons"):
        department_decide(actor=official, application=application, outcome="declined", reasons=" ")
    department_decide(actor=official, application=application, outcome="declined", reasons=REASONS)

    application.refresh_from_db()
    assert application.status == "department_declined"
    assert not Designation.objects.filter(person=application.applicant).exists()
    assert decision_for_applicant(application)["appeal_by"] is not None
    appeal_lodge(applicant=application.applicant, application=application, grounds="The evidence was misread.")
    application.refresh_from_db()
    assert application.status == "appealed"


def test_only_a_department_official_decides(official):
    application, coordinator = recommended()

    assert can_decide_for_department(official, application)
    assert not can_decide_for_department(coordinator, application)
    with pytest.raises(RecruitmentRefused, match="Only the Department for Education"):
        department_decide(actor=coordinator, application=application, outcome="approved", reasons=REASONS)
    assert DepartmentDecision.objects.count() == 0


def test_a_decision_is_refused_unless_the_application_is_recommended(official):
    round_, coordinator = nle_round()
    application, _ = assessed(round_, coordinator)
    with pytest.raises(RecruitmentRefused, match="Only the Department for Education"):
        department_decide(actor=official, application=application, outcome="approved", reasons=REASONS)

    application, _ = recommended()
    with pytest.raises(RecruitmentRefused, match="Choose whether"):
        department_decide(actor=official, application=application, outcome="maybe", reasons=REASONS)
    department_decide(actor=official, application=application, outcome="approved", reasons=REASONS)
    with pytest.raises(RecruitmentRefused, match="not waiting for the department"):
        department_decide(actor=official, application=application, outcome="declined", reasons=REASONS)
    assert DepartmentDecision.objects.count() == 1


def test_the_official_sees_every_regions_recommendations_and_no_one_else_does(official):
    application, coordinator = recommended()
    other, _ = recommended()

    assert set(recommendations_for(official)) == {application, other}
    assert list(recommendations_for(coordinator)) == []


def test_an_lle_approval_still_designates_through_the_alliance():
    round_, coordinator = coordinated_round()
    application, _ = assessed(round_, coordinator)
    chair = valid_panel(application, coordinator)[0].user
    panel_decide(actor=chair, application=application, outcome="approved", feedback=FEEDBACK)
    application.refresh_from_db()
    assert application.status == "approved"
    assert Designation.objects.get(person=application.applicant).source == "tsa_or_hub"
