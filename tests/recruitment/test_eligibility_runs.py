"""Each run of the eligibility check is kept, and the check runs again when the facts change
(issue 14); the latest run is the one in force and the status does not move backwards."""

import pytest

from domain.audit.models import AuditEvent
from domain.recruitment.eligibility import (
    application_check_eligibility,
    earlier_checks,
    eligibility_result,
    latest_check,
)
from domain.recruitment.models import EligibilityCheck
from domain.recruitment.services import RecruitmentRefused
from tests import factories
from tests.recruitment.selection_builders import coordinated_round, eligibility_checked, references_complete

pytestmark = pytest.mark.django_db


def test_the_coordinator_runs_the_check_again_and_every_run_is_kept():
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    first = latest_check(application)
    first_evaluation = dict(first.evaluation)

    again = application_check_eligibility(actor=coordinator, application=application)

    application.refresh_from_db()
    assert application.status == "eligibility_checked"  # not moved backwards, nor on
    assert [c.run for c in EligibilityCheck.objects.filter(application=application)] == [1, 2]
    assert latest_check(application) == again
    assert eligibility_result(application)["run"] == 2
    first.refresh_from_db()
    assert first.evaluation == first_evaluation  # each run stays as it was
    assert earlier_checks(application) == [first]
    event = AuditEvent.objects.get(action="recruitment.application.eligibility_rerun", subject_id=str(application.pk))
    assert event.data["run"] == 2 and event.actor == coordinator


# Decision table: status -> may the coordinator run the check?
RUN_TABLE = [
    ("submitted", False),
    ("references_complete", True),
    ("eligibility_checked", True),
    ("paper_scored", True),
    ("assessed", True),
    ("approved", False),
    ("declined", False),
    ("appealed", False),
    ("withdrawn", False),
]


@pytest.mark.parametrize(("status", "allowed"), RUN_TABLE)
def test_when_the_check_may_run(status, allowed):
    round_, coordinator = coordinated_round()
    application = references_complete(round_)
    type(application).objects.filter(pk=application.pk).update(status=status)
    application.refresh_from_db()
    expected = "eligibility_checked" if status == "references_complete" else status
    if allowed:
        application_check_eligibility(actor=coordinator, application=application)
        application.refresh_from_db()
        assert application.status == expected
        assert EligibilityCheck.objects.filter(application=application).count() == 1
    else:
        with pytest.raises(RecruitmentRefused, match="Eligibility is"):
            application_check_eligibility(actor=coordinator, application=application)
        assert not EligibilityCheck.objects.filter(application=application).exists()


def test_someone_not_running_the_round_cannot_run_it_again():
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    with pytest.raises(RecruitmentRefused, match="Only the alliance or hub"):
        application_check_eligibility(actor=factories.UserFactory(), application=application)
    assert EligibilityCheck.objects.filter(application=application).count() == 1
