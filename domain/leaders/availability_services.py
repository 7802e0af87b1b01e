"""Availability: the days a leader offers each term, when they are unavailable, and the days
committed to deployments. DESIGN.md invariant: "A leader's committed days never exceed the
capacity they declared without an explicit override" (`commitment_add`)."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from domain.audit.services import audit_record

from .models import Commitment, Term, TermAvailability, UnavailablePeriod
from .models.availability import days_text, days_words
from .people import AssociationRefused
from .people import lock_leader as _lock_leader

# A term has about 13 weeks of five days; nobody offers more than every working day of it.
MAX_DAYS_PER_TERM = Decimal(65)
# How many terms the availability page shows, starting with the current one.
TERMS_SHOWN = 3
# TermAvailability.note's length.
NOTE_LIMIT = 500


def _days(value, *, what="the number of days") -> Decimal:
    try:
        days = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise AssociationRefused(f"Enter {what} as a number, like 6 or 2.5") from None
    if not days.is_finite() or days < 0:
        raise AssociationRefused(f"Enter {what} as 0 or more")
    if days > MAX_DAYS_PER_TERM:
        raise AssociationRefused(f"Enter {what} as {MAX_DAYS_PER_TERM} or fewer: a term has about 65 working days")
    if days * 2 != (days * 2).to_integral_value():
        raise AssociationRefused(f"Enter {what} in whole or half days")
    return days


def committed_days(leader, term: Term) -> Decimal:
    total = Commitment.objects.filter(
        leader=leader, academic_year=term.year, term=term.name, released_at__isnull=True
    ).aggregate(total=Sum("days"))["total"]
    return total or Decimal(0)


def offered_days(leader, term: Term) -> Decimal:
    row = TermAvailability.objects.filter(leader=leader, academic_year=term.year, term=term.name).first()
    return row.days_offered if row else Decimal(0)


@transaction.atomic
def availability_set(*, actor, leader, term: Term, days, note: str = "") -> TermAvailability:
    """Sets the days the leader offers in `term`. Refused below the days already committed, and
    for a term that has ended."""
    days = _days(days)
    note = (note or "").strip()
    if len(note) > NOTE_LIMIT:
        raise AssociationRefused(f"The note must be {NOTE_LIMIT} characters or fewer")
    if term.ends_on < timezone.localdate():
        raise AssociationRefused(f"The {term.label.lower()} has ended")
    _lock_leader(leader)  # as commitment_add does: the days committed cannot change while we compare
    committed = committed_days(leader, term)
    if days < committed:
        already = "1 day is" if committed == 1 else f"{days_text(committed)} days are"
        raise AssociationRefused(f"{already} already committed in the {term.label.lower()}: offer at least that many")
    row, created = TermAvailability.objects.select_for_update().get_or_create(
        leader=leader, academic_year=term.year, term=term.name, defaults={"days_offered": days, "note": note}
    )
    before = None if created else row.days_offered
    if not created:
        row.days_offered, row.note, row.updated_at = days, note, timezone.now()
        row.save(update_fields=["days_offered", "note", "updated_at"])
    audit_record(
        actor=actor,
        action="leaders.availability.set",
        subject=leader,
        from_state="" if before is None else days_words(before),
        to_state=days_words(days),
        reason=term.label,
        data={"term": term.key},
    )
    return row


@transaction.atomic
def unavailable_add(*, actor, leader, starts_on: dt.date, ends_on: dt.date, reason: str = "") -> UnavailablePeriod:
    if not isinstance(starts_on, dt.date) or not isinstance(ends_on, dt.date):
        raise AssociationRefused("Enter the first and last day you are unavailable")
    if ends_on < starts_on:
        raise AssociationRefused("The last day must be the same as or after the first day")
    if ends_on < timezone.localdate():
        raise AssociationRefused("The period has already ended")
    period = UnavailablePeriod.objects.create(
        leader=leader, starts_on=starts_on, ends_on=ends_on, reason=(reason or "").strip()[:300]
    )
    audit_record(
        actor=actor,
        action="leaders.unavailable.added",
        subject=leader,
        reason=f"{starts_on.isoformat()} to {ends_on.isoformat()}",
        data={"period_id": period.pk},
    )
    return period


@transaction.atomic
def unavailable_remove(*, actor, period: UnavailablePeriod) -> None:
    audit_record(
        actor=actor,
        action="leaders.unavailable.removed",
        subject=period.leader,
        reason=f"{period.starts_on.isoformat()} to {period.ends_on.isoformat()}",
        data={"period_id": period.pk},
    )
    period.delete()


@transaction.atomic
def commitment_add(
    *, actor, leader, term: Term, days, purpose: str, reference: str = "", override_reason: str = ""
) -> Commitment:
    """Commits `days` of the leader's `term`. Refused when it would take them past the days they
    offered, unless `override_reason` says why (the invariant's "explicit override")."""
    days = _days(days, what="the days committed")
    if days == 0:
        raise AssociationRefused("Enter the days committed as more than 0")
    if not (purpose or "").strip():
        raise AssociationRefused("Enter what the days are committed to")
    _lock_leader(leader)  # one commitment at a time per leader
    offered, committed = offered_days(leader, term), committed_days(leader, term)
    over = committed + days - offered
    override_reason = (override_reason or "").strip()
    if over > 0 and not override_reason:
        raise AssociationRefused(
            f"{leader.full_name} has {days_words(max(offered - committed, Decimal(0)))} left in the "
            f"{term.label.lower()}: committing {days_text(days)} needs a reason to go past what they offered"
        )
    commitment = Commitment.objects.create(
        leader=leader,
        academic_year=term.year,
        term=term.name,
        days=days,
        purpose=purpose.strip()[:300],
        reference=reference[:100],
        override_reason=override_reason if over > 0 else "",
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        action="leaders.commitment.added",
        subject=leader,
        to_state=f"{days_text(committed + days)} of {days_words(offered)} committed",
        reason=override_reason if over > 0 else purpose.strip(),
        data={"term": term.key, "commitment_id": commitment.pk, "over_capacity": over > 0},
    )
    return commitment


@transaction.atomic
def commitment_release(*, actor, commitment: Commitment, reason: str = "") -> Commitment:
    if commitment.released_at is not None:
        raise AssociationRefused("These days have already been released")
    commitment.released_at = timezone.now()
    commitment.save(update_fields=["released_at"])
    audit_record(
        actor=actor,
        action="leaders.commitment.released",
        subject=commitment.leader,
        reason=(reason or "").strip() or commitment.purpose,
        data={"commitment_id": commitment.pk, "term": commitment.term_of.key},
    )
    return commitment


@dataclass
class TermSummary:
    term: Term
    offered: Decimal
    committed: Decimal
    note: str = ""
    unavailable: list = field(default_factory=list)

    @property
    def remaining(self) -> Decimal:
        return self.offered - self.committed

    @property
    def over_capacity(self) -> bool:
        return self.committed > self.offered


def availability_summaries(leaders, terms: list[Term]) -> dict[int, list[TermSummary]]:
    """For each leader (by id), one summary per term: offered, committed, remaining and the
    unavailable periods that overlap it. Three queries whatever the number of leaders; the
    matching engine reads remaining days from here."""
    ids = [getattr(leader, "pk", leader) for leader in leaders]
    years = {t.year for t in terms}
    offers = {
        (r.leader_id, r.academic_year, r.term): r
        for r in TermAvailability.objects.filter(leader_id__in=ids, academic_year__in=years)
    }
    commitments = {}
    for row in (
        Commitment.objects.filter(leader_id__in=ids, academic_year__in=years, released_at__isnull=True)
        .values("leader_id", "academic_year", "term")
        .annotate(total=Sum("days"))
    ):
        commitments[(row["leader_id"], row["academic_year"], row["term"])] = row["total"]
    first, last = min(t.starts_on for t in terms), max(t.ends_on for t in terms)
    periods = list(
        UnavailablePeriod.objects.filter(leader_id__in=ids, ends_on__gte=first, starts_on__lte=last).order_by(
            "starts_on"
        )
    )
    result = {}
    for leader_id in ids:
        rows = []
        for term in terms:
            key = (leader_id, term.year, term.name)
            offer = offers.get(key)
            rows.append(
                TermSummary(
                    term=term,
                    offered=offer.days_offered if offer else Decimal(0),
                    committed=commitments.get(key) or Decimal(0),
                    note=offer.note if offer else "",
                    unavailable=[
                        p
                        for p in periods
                        if p.leader_id == leader_id and p.ends_on >= term.starts_on and p.starts_on <= term.ends_on
                    ],
                )
            )
        result[leader_id] = rows
    return result


def upcoming_terms(today: dt.date | None = None, count: int = TERMS_SHOWN) -> list[Term]:
    return Term.containing(today or timezone.localdate()).following(count)
