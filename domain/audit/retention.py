"""How long the service keeps each kind of record, and what happens at the end (issue 13, UK GDPR
Article 5(1)(e), storage limitation): ONE table, `RULES`.

The privacy notice (web/templates/public/privacy.html) renders this table, and
docs/data-protection.md holds the same table as Markdown, which a test compares with
`markdown_table()`; so the page, the document and the code never disagree. Regenerate the
document's table with `python -m domain.audit.retention`.

A rule with an `apply` function is carried out every day by `manage.py apply_retention` (the task
`domain.audit.tasks.apply_retention`): each kind in its own transaction, with one audit event
("audit.retention.applied") giving how many records it deleted. A rule without one says what the
regional body does by hand; the daily task does not touch those records.

Each `apply` function takes `now` and `dry_run` and returns how many records are past their
period; unless `dry_run`, it deletes them. Models are imported inside the functions, so that
printing the table needs no database."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

RETENTION_APPLIED = "audit.retention.applied"
# The subject of the audit event a kind's deletion writes: "audit.retention", the rule's key.
RETENTION_SUBJECT_TYPE = "audit.retention"


@dataclass(frozen=True)
class Rule:
    key: str
    record: str  # what the records are, in plain words
    period: str  # how long they are kept, in plain words
    at_end: str  # what happens at the end
    reason: str  # why that long
    age: dt.timedelta | None = None  # for the rules the daily task applies
    apply: Callable[..., int] | None = None

    @property
    def automatic(self) -> bool:
        return self.apply is not None


DAY = dt.timedelta(days=1)
YEAR = dt.timedelta(days=365)


def _delete(queryset, dry_run: bool) -> int:
    """Deletes the queryset's records (and what cascades from them); returns how many of its own
    kind there were."""
    model = queryset.model
    if dry_run:
        return queryset.count()
    _, per_model = queryset.delete()
    return per_model.get(model._meta.label, 0)


# The daily rules ---------------------------------------------------------------------------------


def _unconfirmed_accounts(*, now, dry_run: bool) -> int:
    """Accounts made through "Create an account" whose e-mail address was never confirmed:
    inactive, nothing has happened to them since they were registered, and their confirmation link
    expired more than 30 days ago. They hold no role, application or anything else."""
    from django.db.models import CharField, OuterRef, Subquery
    from django.db.models.functions import Cast

    from domain.accounts.models import User
    from domain.accounts.registration import LINK_LIFETIME, REGISTERED

    from .models import AuditEvent

    last_action = (
        AuditEvent.objects.filter(subject_type="accounts.user", subject_id=Cast(OuterRef("pk"), CharField()))
        .order_by("-occurred_at", "-id")
        .values("action")[:1]
    )
    cutoff = now - LINK_LIFETIME - 30 * DAY
    candidates = (
        User.objects.filter(is_active=False, date_joined__lt=cutoff, memberships__isnull=True)
        .annotate(last_action=Subquery(last_action))
        .filter(last_action=REGISTERED)
    )
    ids = list(candidates.values_list("pk", flat=True))
    return _delete(User.objects.filter(pk__in=ids), dry_run)


def _unaccepted_invitations(*, now, dry_run: bool) -> int:
    """Invitations sent and never accepted, 30 days after their link expired. The role the
    invitation added stays, as its organisation's record; a new invitation can be sent."""
    from domain.accounts.models import Invitation

    return _delete(
        Invitation.objects.filter(accepted_at__isnull=True, expires_at__lt=now - 30 * DAY),
        dry_run,
    )


def _ended_applications(*, now, dry_run: bool) -> int:
    """Applications withdrawn, or declined by the panel (and not appealed, or the appeal
    dismissed), 2 years after the withdrawal or the last decision. Their references, eligibility
    check, paper exercise, scores, panel decisions and appeal go with them."""
    from django.db.models import Max, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from domain.recruitment.models import Appeal, Application, PanelDecision, PanelOutcome
    from domain.recruitment.workflows import ApplicationStatus as S

    declined_at = (
        PanelDecision.objects.filter(application=OuterRef("pk"), outcome=PanelOutcome.DECLINED)
        .values("application")
        .annotate(latest=Max("decided_at"))
        .values("latest")[:1]
    )
    appeal_decided_at = Appeal.objects.filter(application=OuterRef("pk")).values("decided_at")[:1]
    cutoff = now - 2 * YEAR
    candidates = (
        Application.objects.filter(status__in=[S.WITHDRAWN, S.DECLINED, S.DEPARTMENT_DECLINED, S.APPEAL_DISMISSED])
        .annotate(
            ended_at=Coalesce(Subquery(appeal_decided_at), Subquery(declined_at), "updated_at"),
        )
        .filter(ended_at__lt=cutoff)
    )
    ids = list(candidates.values_list("pk", flat=True))
    return _delete(Application.objects.filter(pk__in=ids), dry_run)


def _read_notifications(*, now, dry_run: bool) -> int:
    from domain.notifications.models import Notification

    return _delete(Notification.objects.filter(read_at__lt=now - YEAR), dry_run)


def _finished_reminders(*, now, dry_run: bool) -> int:
    from django.db.models import Q

    from domain.notifications.models import Reminder

    cutoff = now - YEAR
    return _delete(Reminder.objects.filter(Q(sent_at__lt=cutoff) | Q(cancelled_at__lt=cutoff)), dry_run)


def _sign_in_records(*, now, dry_run: bool) -> int:
    """django-axes' records: failed attempts (and their lockouts), the log of failures, and the log
    of sign-ins, each with the address and browser it came from."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    cutoff = now - YEAR
    return sum(
        _delete(model.objects.filter(attempt_time__lt=cutoff), dry_run)
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
    )


def _task_results(*, now, dry_run: bool) -> int:
    """The background worker's record of each finished task (django-tasks-db)."""
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return _delete(
        DBTaskResult.objects.filter(
            status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED], finished_at__lt=now - 30 * DAY
        ),
        dry_run,
    )


# THE table. Order: what the privacy notice lists, the daily rules first. ---------------------------

RULES: tuple[Rule, ...] = (
    Rule(
        key="unconfirmed-accounts",
        record="Accounts whose e-mail address was never confirmed",
        period="30 days after the confirmation link expires",
        at_end="Deleted",
        reason="The person did not finish creating the account, so there is no reason to keep it",
        age=30 * DAY,
        apply=_unconfirmed_accounts,
    ),
    Rule(
        key="unaccepted-invitations",
        record="Invitations that were not accepted",
        period="30 days after the invitation's link expires",
        at_end="Deleted (the role the invitation gave stays until the organisation ends it)",
        reason="Long enough to send the invitation again, and no longer",
        age=30 * DAY,
        apply=_unaccepted_invitations,
    ),
    Rule(
        key="ended-applications",
        record="Applications to be a system leader that were withdrawn or declined, with their references, "
        "assessment and appeal",
        period="2 years after the application was withdrawn or finally declined",
        at_end="Deleted",
        reason="To answer questions or complaints about the decision and to see a person's earlier "
        "applications in later rounds",
        age=2 * YEAR,
        apply=_ended_applications,
    ),
    Rule(
        key="read-notifications",
        record="Messages on people's home pages that they have read",
        period="1 year after being read",
        at_end="Deleted",
        reason="A read message is only needed for a while, to look back at",
        age=YEAR,
        apply=_read_notifications,
    ),
    Rule(
        key="finished-reminders",
        record="Reminders that were sent or cancelled",
        period="1 year after being sent or cancelled",
        at_end="Deleted",
        reason="To show that a reminder went out, while that may still be asked",
        age=YEAR,
        apply=_finished_reminders,
    ),
    Rule(
        key="sign-in-records",
        record="Records of signing in and of failed attempts to sign in (the address and browser they came from)",
        period="1 year after the attempt",
        at_end="Deleted",
        reason="To detect and investigate attempts to break into accounts",
        age=YEAR,
        apply=_sign_in_records,
    ),
    Rule(
        key="task-results",
        record="Records of finished background tasks, such as sending an e-mail",
        period="30 days after the task finished",
        at_end="Deleted",
        reason="Only needed to look into a task that went wrong",
        age=30 * DAY,
        apply=_task_results,
    ),
    Rule(
        key="audit-trail",
        record="The audit trail: who changed what, when, and why",
        period="7 years after the change",
        at_end="Kept: the daily clean-up never deletes it; the regional body reviews it after 7 years",
        reason="It is the record of the programme's decisions, which may be challenged or audited",
    ),
    Rule(
        key="deployments",
        record="Deployments, with their contract, notes of visit, time logged, concerns, reviews and invoices",
        period="6 years after the deployment ends",
        at_end="Reviewed by the regional body, then deleted",
        reason="Contract and financial records: claims may be brought for 6 years (Limitation Act 1980)",
    ),
    Rule(
        key="accounts-and-roles",
        record="Accounts and roles, designations, pen portraits, availability, requests for support, "
        "events and bookings",
        period="While the person takes part in the programme, and 6 years after their last role ends",
        at_end="Reviewed by the regional body, then deleted",
        reason="To run the programme, and to answer for designations and deployments afterwards",
    ),
)

RULES_BY_KEY = {rule.key: rule for rule in RULES}


# Applying the rules ------------------------------------------------------------------------------


def _record_applied(*, rule: Rule, count: int, now) -> None:
    from .models import AuditEvent

    AuditEvent.objects.create(
        occurred_at=now,
        actor=None,
        action=RETENTION_APPLIED,
        subject_type=RETENTION_SUBJECT_TYPE,
        subject_id=rule.key,
        subject_label=rule.record[:255],
        to_state="deleted",
        reason=f"Kept for {rule.period}",
        data={"count": count, "period_days": rule.age.days},
    )


def retention_apply(*, dry_run: bool = False, now=None) -> dict[str, int]:
    """Applies every daily rule: for each kind, in its own transaction, deletes what is past its
    period and records one audit event with the count (none when there was nothing to delete).
    Returns {rule key: count}. With `dry_run`, counts and changes nothing."""
    now = now or timezone.now()
    counts = {}
    for rule in RULES:
        if not rule.automatic:
            continue
        if dry_run:
            counts[rule.key] = rule.apply(now=now, dry_run=True)
            continue
        with transaction.atomic():
            count = rule.apply(now=now, dry_run=False)
            if count:
                _record_applied(rule=rule, count=count, now=now)
        counts[rule.key] = count
    return counts


# The table as Markdown, for docs/data-protection.md ----------------------------------------------

TABLE_START = "<!-- retention table: generated by `python -m domain.audit.retention`; do not edit -->"
TABLE_END = "<!-- end of retention table -->"


def markdown_table() -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = [
        "| record | kept for | then | why | by the daily task |",
        "|---|---|---|---|---|",
    ]
    for rule in RULES:
        daily = f"yes (`{rule.key}`)" if rule.automatic else "no"
        lines.append(
            f"| {cell(rule.record)} | {cell(rule.period)} | {cell(rule.at_end)} | {cell(rule.reason)} | {daily} |"
        )
    return "\n".join([TABLE_START, *lines, TABLE_END])


if __name__ == "__main__":  # pragma: no cover
    print(markdown_table())
