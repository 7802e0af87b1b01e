"""How a deployment's days fall across school terms (issue 15, "Offer and acceptance": "Days are
committed across the terms they fall in, by working days"). Support from 15 December to 5 April
is mostly spring-term work: committing all of it to the autumn term would leave the leader's
autumn looking full and their spring empty, and skew later matching.

The days are shared in proportion to the working days of the window in each term (as the notes
of visit count them: domain.deployments.working_days), in half days (the smallest part of a day
the service records), largest remainder first, so that the shares add up to the days exactly.
Terms are the service's calendar-month terms (models.availability.Term)."""

import datetime as dt
from decimal import ROUND_FLOOR, Decimal

from domain.deployments.working_days import is_working_day

from .models import Term

HALF = Decimal("0.5")


def working_days_by_term(starts_on: dt.date, ends_on: dt.date) -> list[tuple[Term, int]]:
    """The working days from `starts_on` to `ends_on` (both counted) in each term they touch, in
    term order; terms with none are left out."""
    counts: dict[Term, int] = {}
    day = starts_on
    while day <= ends_on:
        term = Term.containing(day)
        last = min(term.ends_on, ends_on)
        counts[term] = sum(is_working_day(day + dt.timedelta(days=n)) for n in range((last - day).days + 1))
        day = last + dt.timedelta(days=1)
    return [(term, count) for term, count in counts.items() if count]


def days_by_term(starts_on: dt.date, ends_on: dt.date, days) -> list[tuple[Term, Decimal]]:
    """The days of a deployment from `starts_on` to `ends_on`, shared across the terms they fall in
    by working days, in half days; the shares add up to `days`. A window without a working day (or
    a backwards one) puts them all in the term it starts in."""
    days = Decimal(str(days))
    by_term = working_days_by_term(starts_on, ends_on) if starts_on <= ends_on else []
    total = sum(count for _, count in by_term)
    halves = (days / HALF).to_integral_value(rounding=ROUND_FLOOR)
    if not total or len(by_term) == 1 or halves <= 0 or halves * HALF != days:
        # One term, or days not in half days (the service refuses those before here): all together.
        return [(by_term[0][0] if by_term else Term.containing(starts_on), days)]
    quotas = [(term, halves * count / total) for term, count in by_term]
    shares = {term: quota.to_integral_value(rounding=ROUND_FLOOR) for term, quota in quotas}
    left = halves - sum(shares.values())
    # The largest remainders get the half days left over; on a tie, the earlier term.
    by_remainder = sorted(quotas, key=lambda tq: (-(tq[1] - shares[tq[0]]), tq[0]))
    for term, _ in by_remainder[: int(left)]:
        shares[term] += 1
    return [(term, shares[term] * HALF) for term, _ in by_term if shares[term]]


def days_a_leader_can_give(free_by_term: dict[Term, Decimal], shares: list[tuple[Term, Decimal]]) -> Decimal:
    """The most days of a request, shared across terms as `shares` are, that a leader with these
    free days in each term can give: the request's days when every term has room for its share,
    fewer when a term is short (its free days scaled up by the share it must hold)."""
    total = sum(share for _, share in shares)
    if not total:
        return Decimal(0)
    return max(
        Decimal(0),
        min(
            total if free_by_term.get(term, 0) >= share else free_by_term.get(term, 0) * total / share
            for term, share in shares
        ),
    )


def terms_words(shares: list[tuple[Term, Decimal]]) -> str:
    """The terms of `shares` as a person reads them: "the spring term 2026 to 2027", or "the
    autumn term 2026 to 2027 and the spring term 2026 to 2027"."""
    names = [f"the {term.label.lower()}" for term, _ in shares]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
