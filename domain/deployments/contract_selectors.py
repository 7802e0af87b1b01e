"""Reading a deployment's contract: its versions with their measures and agreements (a constant
number of queries however many there are), the version a person should read, and the parties
still to agree."""

from dataclasses import dataclass

from django.db.models import Prefetch

from .contract_services import PARTY_ORDER
from .models import ContractAgreement, ContractVersion
from .policies import can_manage_deployment
from .workflows import ContractStatus

C = ContractStatus


def versions_of(deployment) -> list[ContractVersion]:
    """Every version of the deployment's contract, newest first, with its measures and agreements
    (three queries)."""
    versions = list(
        ContractVersion.objects.filter(deployment=deployment)
        .order_by("-number")
        .prefetch_related(
            "measures",
            Prefetch("agreements", queryset=ContractAgreement.objects.select_related("person").order_by("agreed_at")),
        )
    )
    for version in versions:
        version.deployment = deployment  # the caller's, with its related rows already fetched
    return versions


def version_numbered(versions, number: int) -> ContractVersion | None:
    return next((v for v in versions if v.number == number), None)


def open_version(versions) -> ContractVersion | None:
    """The version being drafted or waiting for agreement, if any (at most one)."""
    return next((v for v in versions if v.status in (C.DRAFT, C.PROPOSED)), None)


def agreed_version(versions) -> ContractVersion | None:
    return next((v for v in versions if v.status == C.AGREED), None)


def draft_version(versions) -> ContractVersion | None:
    return next((v for v in versions if v.status == C.DRAFT), None)


def version_for(user, deployment, versions=None) -> ContractVersion | None:
    """The version the person should read: the one waiting for agreement, else the one in force,
    else (for the brokering alliance only) the draft."""
    versions = versions_of(deployment) if versions is None else versions
    proposed = next((v for v in versions if v.status == C.PROPOSED), None)
    if proposed is not None:
        return proposed
    agreed = agreed_version(versions)
    if agreed is not None:
        return agreed
    if can_manage_deployment(user, deployment):
        return draft_version(versions)
    return None


def can_read_version(user, deployment, version) -> bool:
    """Parties read versions that were sent to them; only the alliance reads drafts and versions
    withdrawn before they were sent."""
    if version is None:
        return False
    if version.proposed_at is not None:
        return True
    return can_manage_deployment(user, deployment)


def parties_still_to_agree(version) -> list[str]:
    """The parties of a proposed version who have not agreed it yet (agreements prefetched)."""
    if version is None or version.status != C.PROPOSED:
        return []
    agreed = {a.party for a in version.agreements.all()}
    return [p for p in PARTY_ORDER if p in version.parties and p not in agreed]


@dataclass(frozen=True)
class PartyLine:
    party: str
    name: str
    agreement: object | None  # ContractAgreement


def party_lines(version) -> list[PartyLine]:
    """Each party of a sent version and its agreement, if given (agreements prefetched)."""
    from domain.deployments.models import Party

    by_party = {a.party: a for a in version.agreements.all()}
    return [
        PartyLine(party=p, name=Party(p).label, agreement=by_party.get(p)) for p in PARTY_ORDER if p in version.parties
    ]


def measure_of(deployment, measure_id):
    """An impact measure of one of the deployment's versions, with its version, or None."""
    from .models import ImpactMeasure

    return (
        ImpactMeasure.objects.select_related("contract").filter(pk=measure_id, contract__deployment=deployment).first()
    )
