"""The retention table (domain/audit/retention.py) and the daily task that applies it: a record
just inside its period is kept, one just past it is deleted; a dry run changes nothing; each kind
deleted leaves one audit event with its count; the audit trail itself is never deleted."""

import datetime as dt
import io

import pytest
from axes.models import AccessAttempt, AccessLog
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from domain.accounts.invitations import invitation_accept, invite
from domain.accounts.models import Invitation, User
from domain.accounts.registration import registration_start
from domain.accounts.roles import Role
from domain.audit.models import AuditEvent
from domain.audit.retention import RETENTION_APPLIED, RULES, RULES_BY_KEY, retention_apply
from domain.notifications.models import Notification, Reminder
from domain.organisations.models import OrganisationKind
from domain.recruitment.models import (
    Appeal,
    AppealOutcome,
    Application,
    PanelDecision,
    PanelOutcome,
    ReferenceRequest,
)
from domain.recruitment.services import application_withdraw
from domain.recruitment.workflows import ApplicationStatus
from tests import factories
from tests.conftest import person_in_role
from tests.recruitment.helpers import draft_application, send_all_requests, submitted_application

pytestmark = pytest.mark.django_db

SECOND = dt.timedelta(seconds=1)
DAY = dt.timedelta(days=1)
YEAR = dt.timedelta(days=365)


def kept_and_deleted(limit):
    """The moments just inside and just past `limit` (when a record's period ends)."""
    return limit - SECOND, limit + SECOND


def apply(now, **kwargs):
    return retention_apply(now=now, **kwargs)


# Unconfirmed accounts ------------------------------------------------------------------------


def test_an_unconfirmed_account_goes_30_days_after_its_link_expires():
    registration_start(email="never.confirmed@example.test", full_name="Sam Sample", password="a-long-passphrase-1")
    registered = timezone.now()
    inside, past = kept_and_deleted(registered + 2 * DAY + 30 * DAY)

    assert apply(inside)["unconfirmed-accounts"] == 0
    assert User.objects.filter(email="never.confirmed@example.test").exists()
    assert apply(past)["unconfirmed-accounts"] == 1
    assert not User.objects.filter(email="never.confirmed@example.test").exists()


def test_a_confirmed_or_invited_account_is_never_taken_for_an_unconfirmed_one():
    confirmed = factories.UserFactory(email="confirmed@example.test")
    # Deactivated by someone: inactive, but not a registration awaiting confirmation.
    deactivated = factories.UserFactory(email="deactivated@example.test", is_active=False)
    later = timezone.now() + 10 * YEAR
    assert apply(later)["unconfirmed-accounts"] == 0
    assert User.objects.filter(pk__in=[confirmed.pk, deactivated.pk]).count() == 2


# Invitations -----------------------------------------------------------------------------------


@pytest.fixture
def representative():
    region_body = factories.OrganisationFactory(kind=OrganisationKind.REGIONAL_BODY)
    return person_in_role(Role.REGIONAL_REPRESENTATIVE, organisation=region_body)


def _invite(representative, email):
    tsa = factories.OrganisationFactory(
        kind=OrganisationKind.TSA, region=representative.memberships.get().organisation.region
    )
    return invite(
        actor=representative, organisation=tsa, email=email, full_name="Robin Example", role=Role.TSA_COORDINATOR
    )


def test_an_unaccepted_invitation_goes_30_days_after_its_link_expires(representative):
    invitation = _invite(representative, "invited@example.test")
    inside, past = kept_and_deleted(invitation.expires_at + 30 * DAY)

    assert apply(inside)["unaccepted-invitations"] == 0
    assert Invitation.objects.filter(pk=invitation.pk).exists()
    assert apply(past)["unaccepted-invitations"] == 1
    assert not Invitation.objects.filter(pk=invitation.pk).exists()
    # The role it gave, and the person, stay.
    assert User.objects.get(email="invited@example.test").memberships.filter(status="active").exists()


def test_an_accepted_or_held_invitation_stays(representative):
    from domain.accounts import invitations as module

    accepted = _invite(representative, "accepted@example.test")
    token = "t" * 43
    Invitation.objects.filter(pk=accepted.pk).update(token_hash=module.token_hash(token))
    invitation_accept(token=token, password="a-long-unusual-passphrase")
    tsa = factories.OrganisationFactory(kind=OrganisationKind.TSA, region=accepted.organisation.region)
    held = invite(
        actor=representative,
        organisation=tsa,
        email="held@example.test",
        full_name="Held Example",
        role=Role.TSA_COORDINATOR,
        send=False,
    )
    assert apply(timezone.now() + 10 * YEAR)["unaccepted-invitations"] == 0
    assert Invitation.objects.filter(pk__in=[accepted.pk, held.pk]).count() == 2


# Applications ----------------------------------------------------------------------------------


def test_a_withdrawn_application_goes_with_its_references_2_years_after_it_was_withdrawn():
    application = submitted_application()
    send_all_requests(application)
    application_withdraw(actor=application.applicant, application=application, reason="I have moved school")
    inside, past = kept_and_deleted(timezone.now() + 2 * YEAR)

    assert apply(inside)["ended-applications"] == 0
    assert ReferenceRequest.objects.filter(application=application).count() == 3
    assert apply(past)["ended-applications"] == 1
    assert not Application.objects.filter(pk=application.pk).exists()
    assert not ReferenceRequest.objects.filter(application_id=application.pk).exists()
    # The applicant's account is theirs, not the application's: it stays.
    assert User.objects.filter(pk=application.applicant_id).exists()


def _declined(decided_at):
    """An application the panel declined at `decided_at`, last edited long before."""
    application = draft_application()
    Application.objects.filter(pk=application.pk).update(
        status=ApplicationStatus.DECLINED, updated_at=decided_at - 300 * DAY
    )
    PanelDecision.objects.create(
        application=application, outcome=PanelOutcome.DECLINED, feedback="Not yet", decided_at=decided_at
    )
    return application


def test_a_declined_application_counts_its_2_years_from_the_panels_decision():
    decided = timezone.now()
    application = _declined(decided)
    inside, past = kept_and_deleted(decided + 2 * YEAR)

    assert apply(inside)["ended-applications"] == 0
    assert apply(past)["ended-applications"] == 1
    assert not Application.objects.filter(pk=application.pk).exists()


def test_a_dismissed_appeal_counts_its_2_years_from_the_appeals_decision():
    decided = timezone.now()
    application = _declined(decided)
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.APPEAL_DISMISSED)
    heard = decided + 40 * DAY
    Appeal.objects.create(
        application=application,
        grounds="The panel misread my evidence",
        outcome=AppealOutcome.DISMISSED,
        reasons="The decision stands",
        decided_at=heard,
    )
    inside, past = kept_and_deleted(heard + 2 * YEAR)

    assert apply(inside)["ended-applications"] == 0
    assert apply(past)["ended-applications"] == 1


def test_live_and_approved_applications_stay():
    draft = draft_application()
    approved = draft_application()
    Application.objects.filter(pk=approved.pk).update(status=ApplicationStatus.APPROVED)
    assert apply(timezone.now() + 10 * YEAR)["ended-applications"] == 0
    assert Application.objects.filter(pk__in=[draft.pk, approved.pk]).count() == 2


# Notifications and reminders ---------------------------------------------------------------------


def test_a_read_notification_goes_a_year_after_it_was_read_and_an_unread_one_stays():
    person = factories.UserFactory()
    read_at = timezone.now()
    read = Notification.objects.create(user=person, title="Read", read_at=read_at)
    unread = Notification.objects.create(user=person, title="Unread")
    inside, past = kept_and_deleted(read_at + YEAR)

    assert apply(inside)["read-notifications"] == 0
    assert apply(past)["read-notifications"] == 1
    assert list(Notification.objects.values_list("pk", flat=True)) == [unread.pk]
    assert not Notification.objects.filter(pk=read.pk).exists()


def test_a_sent_or_cancelled_reminder_goes_a_year_later_and_a_pending_one_stays():
    person = factories.UserFactory()
    now = timezone.now()
    Reminder.objects.create(user=person, key="sent", title="Sent", due_at=now, sent_at=now)
    Reminder.objects.create(user=person, key="cancelled", title="Cancelled", due_at=now, cancelled_at=now)
    pending = Reminder.objects.create(user=person, key="pending", title="Pending", due_at=now - 5 * YEAR)
    inside, past = kept_and_deleted(now + YEAR)

    assert apply(inside)["finished-reminders"] == 0
    assert apply(past)["finished-reminders"] == 2
    assert list(Reminder.objects.values_list("pk", flat=True)) == [pending.pk]


# Sign-in records and background tasks ------------------------------------------------------------


def test_sign_in_records_go_a_year_after_the_attempt():
    AccessAttempt.objects.create(username="someone@example.test", ip_address="192.0.2.1", failures_since_start=1)
    AccessLog.objects.create(username="someone@example.test", ip_address="192.0.2.1")
    inside, past = kept_and_deleted(timezone.now() + YEAR)

    assert apply(inside)["sign-in-records"] == 0
    assert apply(past)["sign-in-records"] == 2
    assert not AccessAttempt.objects.exists() and not AccessLog.objects.exists()


def _task_result(status, finished_at):
    return DBTaskResult.objects.create(
        status=status,
        finished_at=finished_at,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="domain.audit.tasks.apply_retention",
        backend_name="default",
        run_after=timezone.now(),
    )


def test_finished_task_results_go_30_days_after_they_finished_and_waiting_ones_stay():
    finished = timezone.now()
    _task_result(TaskResultStatus.SUCCESSFUL, finished)
    _task_result(TaskResultStatus.FAILED, finished)
    waiting = _task_result(TaskResultStatus.READY, None)
    inside, past = kept_and_deleted(finished + 30 * DAY)

    assert apply(inside)["task-results"] == 0
    assert apply(past)["task-results"] == 2
    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [waiting.pk]


# The run as a whole ----------------------------------------------------------------------------


def _one_of_each_past():
    """Something past its period for several kinds; returns the moment to apply at."""
    person = factories.UserFactory()
    Notification.objects.create(user=person, title="Read", read_at=timezone.now())
    Notification.objects.create(user=person, title="Read too", read_at=timezone.now())
    AccessAttempt.objects.create(username="someone@example.test", ip_address="192.0.2.1", failures_since_start=1)
    return timezone.now() + 2 * YEAR


def test_a_dry_run_counts_and_changes_nothing():
    later = _one_of_each_past()
    audit_before = AuditEvent.objects.count()

    counts = apply(later, dry_run=True)

    assert counts["read-notifications"] == 2 and counts["sign-in-records"] == 1
    assert Notification.objects.count() == 2 and AccessAttempt.objects.count() == 1
    assert AuditEvent.objects.count() == audit_before


def test_each_kind_deleted_leaves_one_audit_event_with_its_count():
    later = _one_of_each_past()

    apply(later)

    events = {e.subject_id: e for e in AuditEvent.objects.filter(action=RETENTION_APPLIED)}
    assert set(events) == {"read-notifications", "sign-in-records"}  # nothing to delete: no event
    assert events["read-notifications"].data["count"] == 2
    assert events["read-notifications"].occurred_at == later
    assert events["sign-in-records"].data == {"count": 1, "period_days": 365}


def test_the_audit_trail_is_never_deleted():
    person = factories.UserFactory()
    AuditEvent.objects.create(
        occurred_at=timezone.now(), action="test.old", subject_type="accounts.user", subject_id=str(person.pk)
    )
    apply(timezone.now() + 50 * YEAR)
    assert AuditEvent.objects.filter(action="test.old").exists()
    assert not RULES_BY_KEY["audit-trail"].automatic


def test_every_daily_rule_has_an_age_and_every_key_is_unique():
    assert len({rule.key for rule in RULES}) == len(RULES)
    for rule in RULES:
        assert (rule.age is not None) == rule.automatic, rule.key


# The command -------------------------------------------------------------------------------------


def run(*args) -> str:
    out = io.StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def test_the_command_deletes_and_prints_the_counts(frozen_clock):
    later = _one_of_each_past()
    frozen_clock.move_to(later)

    output = run()

    assert "Deleted 2 records: Messages on people's home pages that they have read (read-notifications)." in output
    assert "Deleted 3 records in all." in output
    assert not Notification.objects.exists()


def test_the_command_with_dry_run_prints_and_changes_nothing(frozen_clock):
    later = _one_of_each_past()
    frozen_clock.move_to(later)

    output = run("--dry-run")

    assert "Would delete 1 record: Records of signing in" in output
    assert "Would delete 3 records in all." in output
    assert Notification.objects.count() == 2


def test_the_command_can_leave_the_work_to_the_task_worker(frozen_clock):
    later = _one_of_each_past()
    frozen_clock.move_to(later)

    output = run("--enqueue")

    assert output.startswith("Enqueued apply_retention")
    # The test settings run tasks at once.
    assert not Notification.objects.exists()
