"""What an offer of support will cost the school, and who pays, shown before the school accepts
(seed 002 "Remuneration of Staff": the teaching school charges for its leaders' time; the contract
then fixes the terms). The day rate is the brokering alliance's own, kept with its contact details;
the contract may change it."""

from dataclasses import dataclass
from decimal import Decimal

from domain.leaders.availability_services import availability_summaries
from domain.leaders.models import Term
from domain.leaders.models.availability import days_text
from domain.leaders.term_split import days_by_term

from .models import Funding


@dataclass(frozen=True)
class OfferCost:
    who_pays: str
    day_rate: Decimal | None  # None when free, or when the alliance agrees it case by case
    total: Decimal | None
    days: Decimal | None = None

    @property
    def summary(self) -> str:
        if self.day_rate is None:
            return self.who_pays
        days = f"{days_text(self.days)} day{'' if self.days == 1 else 's'}"
        return f"{self.who_pays}: £{self.total:,.2f} ({days} at £{self.day_rate:,.2f} a day)"


def offer_cost(support_request) -> OfferCost:
    organisation = support_request.brokering_organisation
    if support_request.funding == Funding.FREE:
        return OfferCost("Nothing: the support is free of charge", None, None)
    if support_request.funding == Funding.DFE_OFFER:
        who = "The Department for Education pays"
    else:
        payer = support_request.client_trust.name if support_request.client_trust_id else "The school"
        who = f"{payer} pays {organisation.name}" if organisation else f"{payer} pays"
    rate = getattr(organisation, "day_rate", None)
    if rate is None:
        where = f" with {organisation.name}" if organisation else ""
        return OfferCost(f"{who}. The day rate is agreed in the contract{where}", None, None)
    return OfferCost(who, rate, (rate * support_request.days).quantize(Decimal("0.01")), support_request.days)


@dataclass(frozen=True)
class TermDays:
    """One term of an offer's window: the days accepting commits there (by working days,
    domain.leaders.term_split) and the leader's days offered and free in it."""

    term: Term
    share: Decimal
    offered: Decimal
    free: Decimal

    @property
    def enough(self) -> bool:
        return self.free >= self.share


def days_to_commit(offer) -> list[TermDays]:
    """What accepting `offer` would commit in each term, with the leader's free days there: the
    same shares offer_leader_accept commits. A fixed number of queries."""
    request = offer.request
    shares = days_by_term(request.window_starts, request.window_ends, request.days)
    summaries = availability_summaries([offer.leader], [term for term, _ in shares])[offer.leader_id]
    return [
        TermDays(term=term, share=share, offered=summary.offered, free=max(summary.remaining, Decimal(0)))
        for (term, share), summary in zip(shares, summaries, strict=True)
    ]
