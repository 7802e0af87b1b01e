"""The eligibility check: the round's criteria set run on the application's facts, stored and shown
criterion by criterion (issue 3; seed 000 Criteria; seed 004 §13 i)."""

import datetime as dt

import pytest

from domain.audit.models import AuditEvent
from domain.designation.criteria.facts import Post
from domain.recruitment.eligibility import application_check_eligibility, eligibility_result, facts_for_application
from domain.recruitment.models import EligibilityCheck
from domain.recruitment.services import RecruitmentRefused
from tests import factories
from tests.recruitment.helpers import submitted_application
from tests.recruitment.selection_builders import coordinated_round, references_complete

pytestmark = pytest.mark.django_db


def _row(result, criterion_id):
    return next(r for r in result["criteria"] if r["id"] == criterion_id)


def test_the_check_is_stored_with_its_set_and_moves_the_application_on():
    round_, coordinator = coordinated_round()
    application = references_complete(round_)

    check = application_check_eligibility(actor=coordinator, application=application)

    application.refresh_from_db()
    assert application.status == "eligibility_checked"
    assert check.criteria_set == "yh-lle@1"
    assert check.evaluation["criteria_set"] == "yh-lle@1"
    event = AuditEvent.objects.get(action="recruitment.application.check_eligibility", subject_id=str(application.pk))
    assert event.data == {"criteria_set": "yh-lle@1", "result": check.result}
    assert event.actor == coordinator


def test_the_coordinator_sees_each_criterion_with_its_result_and_reason():
    round_, coordinator = coordinated_round()
    application = references_complete(round_)
    assert eligibility_result(application) is None

    application_check_eligibility(actor=coordinator, application=application)
    result = eligibility_result(application)

    ids = [r["id"] for r in result["criteria"]]
    assert "years_as_head" in ids and "school_rated_good" in ids and "stay_two_years" in ids
    # Declared on the form, and the chair of governors confirmed the support.
    assert _row(result, "stay_two_years")["result"] == "met"
    assert _row(result, "governing_body_support")["result"] == "met"
    # No posts given and a school with no inspection: evidence is needed, never "not met".
    assert _row(result, "years_as_head")["result"] == "needs_evidence"
    assert _row(result, "school_rated_good")["result"] == "needs_evidence"
    assert result["result"] == "needs_evidence"
    assert result["reason"]


def test_governors_who_do_not_support_the_application_make_that_criterion_not_met():
    round_, coordinator = coordinated_round()
    application = references_complete(round_, governors_answer={"supports": False, "comment": "Not now"})

    application_check_eligibility(actor=coordinator, application=application)

    result = eligibility_result(application)
    assert _row(result, "governing_body_support")["result"] == "not_met"
    assert result["result"] == "not_met"


def test_facts_given_by_the_coordinator_are_used():
    round_, coordinator = coordinated_round()
    application = references_complete(round_)
    posts = (
        Post(role="acting_head", start=dt.date(2021, 9, 1), end=dt.date(2022, 8, 31)),
        Post(role="headteacher", start=dt.date(2022, 9, 1)),
    )
    facts = facts_for_application(application, posts=posts, post="headteacher")

    application_check_eligibility(actor=coordinator, application=application, facts=facts)

    assert _row(eligibility_result(application), "years_as_head")["result"] == "met"


def test_the_check_is_refused_before_the_references_are_complete():
    round_, coordinator = coordinated_round()
    application = submitted_application(round_)

    with pytest.raises(RecruitmentRefused, match="once the references are complete; this application is submitted"):
        application_check_eligibility(actor=coordinator, application=application)
    assert not EligibilityCheck.objects.exists()


def test_someone_not_running_the_round_cannot_check_eligibility():
    round_, _ = coordinated_round()
    application = references_complete(round_)

    with pytest.raises(RecruitmentRefused, match="Only the alliance or hub running the round can check eligibility"):
        application_check_eligibility(actor=factories.UserFactory(), application=application)
    application.refresh_from_db()
    assert application.status == "references_complete"


def test_a_round_with_an_unknown_criteria_set_cannot_be_checked():
    round_, coordinator = coordinated_round()
    application = references_complete(round_)
    # Its set was taken out of the service after the round was made (a new round must choose one
    # on file: test_rounds).
    type(round_).objects.filter(pk=round_.pk).update(criteria_set="no-such-set@1")
    type(application).objects.filter(pk=application.pk).update(criteria_set="no-such-set@1")
    application.refresh_from_db()

    with pytest.raises(
        RecruitmentRefused, match="The round's criteria set cannot be used: No criteria set 'no-such-set'"
    ):
        application_check_eligibility(actor=coordinator, application=application)
    assert not EligibilityCheck.objects.exists()
