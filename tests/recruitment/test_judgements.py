"""Assessors' judgements and claimed exceptions, criterion by criterion (issue 14; seed 004 §11
footnotes; seed 000 criteria judged on evidence)."""

import pytest

from domain.accounts.roles import Role
from domain.audit.models import AuditEvent
from domain.recruitment.eligibility import eligibility_result, facts_for_application
from domain.recruitment.judgements import criterion_judge, judgeable_criteria_ids
from domain.recruitment.models import CriterionJudgement, EligibilityCheck
from domain.recruitment.panel import panel_member_add
from domain.recruitment.services import RecruitmentRefused
from tests import factories
from tests.conftest import person_in_role
from tests.recruitment.selection_builders import (
    coordinated_round,
    eligibility_checked,
    nle_round,
    references_complete,
)

pytestmark = pytest.mark.django_db


def _row(application, criterion_id):
    return next(r for r in eligibility_result(application)["criteria"] if r["id"] == criterion_id)


def test_a_judgement_gives_the_criterion_its_result_and_runs_the_check_again():
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    assert _row(application, "coaching_experience")["result"] == "needs_evidence"

    judgement = criterion_judge(
        actor=coordinator,
        application=application,
        criterion_id="coaching_experience",
        result="met",
        evidence="Coached three deputy heads, seen in the references",
    )

    assert (judgement.result, judgement.judged_by, judgement.claims_exception) == ("met", coordinator, False)
    row = _row(application, "coaching_experience")
    assert row["result"] == "met"
    assert "Coached three deputy heads" in row["reason"]
    assert EligibilityCheck.objects.filter(application=application).count() == 2
    event = AuditEvent.objects.get(action="recruitment.application.criterion_judged")
    assert event.data == {"criterion": "coaching_experience", "result": "met", "claims_exception": False}
    application.refresh_from_db()
    assert application.status == "eligibility_checked"


def test_a_judgement_not_met_makes_the_application_not_eligible_and_a_later_one_replaces_it():
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    criterion_judge(
        actor=coordinator,
        application=application,
        criterion_id="capacity_to_support",
        result="not_met",
        evidence="No capacity this year",
    )
    assert eligibility_result(application)["result"] == "not_met"
    criterion_judge(
        actor=coordinator,
        application=application,
        criterion_id="capacity_to_support",
        result="met",
        evidence="A deputy now covers",
    )
    assert CriterionJudgement.objects.filter(application=application).count() == 1
    assert _row(application, "capacity_to_support")["result"] == "met"


def test_missing_data_is_settled_by_a_judgement():
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    assert _row(application, "years_as_head")["result"] == "needs_evidence"
    criterion_judge(
        actor=coordinator,
        application=application,
        criterion_id="years_as_head",
        result="met",
        evidence="Head since 2019, from the employment history",
    )
    assert _row(application, "years_as_head")["result"] == "met"


def test_a_claimed_exception_is_fed_to_the_engine_and_judged():
    round_, coordinator = nle_round()
    application = eligibility_checked(round_, coordinator)
    assert "beacon_outstanding_school" in judgeable_criteria_ids(application)

    criterion_judge(
        actor=coordinator,
        application=application,
        criterion_id="beacon_outstanding_school",
        result="met",
        evidence="Strong improving data; not inspected since 2015",
        claims_exception=True,
    )

    facts = facts_for_application(application)
    assert "beacon_not_inspected_during_improvement" in facts.exceptions_claimed
    assert facts.judgements["beacon_not_inspected_during_improvement"].result == "met"
    row = _row(application, "beacon_outstanding_school")
    assert row["result"] == "met"
    assert "exception" in row["reason"].lower()


# Decision table: who may judge a criterion?
@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("coordinator", True),
        ("panel member seated", True),
        ("panel member of the alliance, not seated", False),
        ("applicant", False),
        ("stranger", False),
    ],
)
def test_who_may_judge(who, allowed):
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    actor = {
        "coordinator": lambda: coordinator,
        "applicant": lambda: application.applicant,
        "stranger": factories.UserFactory,
    }.get(who, lambda: person_in_role(Role.PANEL_MEMBER, organisation=round_.organisation))()
    if who == "panel member seated":
        panel_member_add(actor=coordinator, application=application, user=actor, experienced_system_leader=True)
    call = {
        "actor": actor,
        "application": application,
        "criterion_id": "coaching_experience",
        "result": "met",
        "evidence": "Seen",
    }
    if allowed:
        assert criterion_judge(**call).judged_by == actor
    else:
        with pytest.raises(RecruitmentRefused, match="Only the alliance or hub running the round or the panel"):
            criterion_judge(**call)
        assert not CriterionJudgement.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"criterion_id": "no_such_criterion"}, "not judged by an assessor"),
        ({"criterion_id": "stay_two_years"}, "not judged by an assessor"),  # a declaration
        ({"criterion_id": ["coaching_experience"]}, "not judged by an assessor"),
        ({"result": "maybe"}, "met or not met"),
        ({"evidence": "   "}, "Enter the evidence"),
        ({"evidence": None}, "Enter the evidence"),
        ({"evidence": "x" * 10_001}, "10,000 characters or fewer"),
        ({"claims_exception": True}, "no exception to claim"),
    ],
)
def test_bad_judgements_are_refused_and_change_nothing(fields, message):
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    call = {"criterion_id": "coaching_experience", "result": "met", "evidence": "Seen", **fields}
    with pytest.raises(RecruitmentRefused, match=message):
        criterion_judge(actor=coordinator, application=application, **call)
    assert not CriterionJudgement.objects.exists()
    assert EligibilityCheck.objects.filter(application=application).count() == 1


def test_criteria_are_not_judged_before_the_check():
    round_, coordinator = coordinated_round()
    application = references_complete(round_)
    with pytest.raises(RecruitmentRefused, match="after the eligibility check"):
        criterion_judge(
            actor=coordinator,
            application=application,
            criterion_id="coaching_experience",
            result="met",
            evidence="Seen",
        )
    assert judgeable_criteria_ids(application) == set()
