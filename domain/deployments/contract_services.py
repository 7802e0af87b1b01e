"""The contract and action plan of a deployment, in versions (seed 002 "Contracting and Quality
Assurance": "At the start of the deployment, objectives and impact measures will be agreed so that
everyone is clear about the expectations from the outset. An LLE contract will be drawn up by the
teaching school and agree with all parties involved"; seed 000: "contract/action plan ... process
and payment contract").

The brokering alliance drafts a version (terms, schedule, days, payment and impact measures) and
proposes it; the parties read it and each agrees the version they read (named by its digest); when
every party has agreed, it is in force and the deployment is under way. A change is a new version,
agreed again; the agreed one stays in force until then. Every refusal is a DeploymentRefused and
changes nothing."""

import datetime as dt
import hashlib
import json
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from domain.accounts.policies import is_signed_in
from domain.audit.services import audit_record

from .contract_commitments import commitments_follow_contract
from .contract_terms import MEASURE_FIELDS, MOST_MEASURES, TERMS, clean_measure, clean_terms
from .errors import DeploymentRefused
from .models import ContractAgreement, ContractVersion, ContractView, Deployment, ImpactMeasure, Party, Payer
from .policies import can_manage_deployment, parties_of, speaks_for
from .services import require_open, step, tell
from .workflows import CONTRACT, DEPLOYMENT, ContractStatus, DeploymentStatus

C = ContractStatus

# The order parties are listed and asked in.
PARTY_ORDER = (Party.CLIENT, Party.LEADER, Party.ALLIANCE, Party.COMMISSIONER)
PARTY_NAMES = {
    Party.CLIENT: "the client school",
    Party.LEADER: "the system leader",
    Party.ALLIANCE: "the brokering alliance",
    Party.COMMISSIONER: "the commissioner",
}


# Who speaks for a party when agreeing --------------------------------------------------------


def parties_to_agree_as(user, contract) -> list[str]:
    """The parties of a proposed version the person may still agree for (agreements prefetched
    or not)."""
    if contract is None or contract.status != C.PROPOSED:
        return []
    agreed = {a.party for a in contract.agreements.all()}
    return [
        p for p in PARTY_ORDER if p in contract.parties and p not in agreed and speaks_for(user, contract.deployment, p)
    ]


# The digest: everything a party reads --------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def contract_digest(contract, measures=None, parties=None) -> str:
    """A sha256 of the version as a party reads it: who, the terms and the impact measures, as
    canonical JSON. An agreement names it, so what was agreed is what was read."""
    deployment = contract.deployment
    measures = list(contract.measures.all()) if measures is None else measures
    content = {
        "deployment": deployment.reference,
        "version": contract.number,
        "client_school": deployment.client_school.display_name,
        "leader": deployment.leader.full_name,
        "alliance": deployment.organisation.name,
        "commissioner": deployment.commissioner.name if deployment.commissioner_id else "",
        "parties": list(contract.parties if parties is None else parties),
        "change_summary": contract.change_summary,
        "terms": {name: _text(getattr(contract, name)) for name in TERMS},
        "measures": [{name: getattr(m, name) for name in MEASURE_FIELDS} for m in measures],
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# Helpers --------------------------------------------------------------------------------------


def _require_manager(actor, deployment) -> None:
    if not can_manage_deployment(actor, deployment):
        raise DeploymentRefused(
            f"You cannot change the contract because only {deployment.organisation.name} draws it up"
        )


CONTRACT_RELATED = (
    "deployment__organisation",
    "deployment__client_school",
    "deployment__leader",
    "deployment__commissioner",
    "deployment__request",
)


def _locked(contract) -> ContractVersion:
    return ContractVersion.objects.select_for_update(of=("self",)).select_related(*CONTRACT_RELATED).get(pk=contract.pk)


def _locked_draft(actor, contract) -> ContractVersion:
    """The version, locked, if it is a draft the actor may edit on an open deployment."""
    locked = _locked(contract)
    _require_manager(actor, locked.deployment)
    require_open(locked.deployment)
    if locked.status != C.DRAFT:
        raise DeploymentRefused(
            f"Version {locked.number} is {locked.get_status_display().lower()}: only a draft can change. "
            "Make a new version to change the contract"
        )
    return locked


def _audit(actor, action: str, contract, data=None, reason: str = "") -> None:
    audit_record(
        actor=actor,
        action=f"deployments.contract.{action}",
        subject=contract,
        to_state=contract.status,
        reason=reason,
        organisation=contract.deployment.organisation,
        data=data,
    )


def _school(deployment) -> str:
    return deployment.client_school.display_name


# Drafting -------------------------------------------------------------------------------------


@transaction.atomic
def contract_update_terms(*, actor, contract, values: dict) -> ContractVersion:
    """The alliance sets a draft's terms: action plan, schedule, days, dates and payment."""
    locked = _locked_draft(actor, contract)
    terms = clean_terms(values)
    before = {name: _text(getattr(locked, name)) for name in TERMS}
    for name, value in terms.items():
        setattr(locked, name, value)
    locked.save(update_fields=list(TERMS))
    changed = {name: _text(getattr(locked, name)) for name in TERMS if _text(getattr(locked, name)) != before[name]}
    _audit(actor, "terms_changed", locked, data={"changed": changed})
    return locked


@transaction.atomic
def measure_add(*, actor, contract, values: dict) -> ImpactMeasure:
    """Adds an objective with its impact measure (measure, baseline, target, how and when) to a draft."""
    locked = _locked_draft(actor, contract)
    clean = clean_measure(values)
    count = locked.measures.count()
    if count >= MOST_MEASURES:
        raise DeploymentRefused(f"A contract can have up to {MOST_MEASURES} impact measures")
    position = (locked.measures.aggregate(top=Max("position"))["top"] or 0) + 1
    measure = ImpactMeasure.objects.create(contract=locked, position=position, **clean)
    _audit(actor, "measure_added", locked, data={"measure_id": measure.pk, "measure": clean["measure"]})
    return measure


@transaction.atomic
def measure_change(*, actor, measure, values: dict) -> ImpactMeasure:
    locked = _locked_draft(actor, measure.contract)
    clean = clean_measure(values)
    measure = ImpactMeasure.objects.select_for_update().get(pk=measure.pk, contract=locked)
    for name, value in clean.items():
        setattr(measure, name, value)
    measure.save(update_fields=list(MEASURE_FIELDS))
    _audit(actor, "measure_changed", locked, data={"measure_id": measure.pk, "measure": clean["measure"]})
    return measure


@transaction.atomic
def measure_remove(*, actor, measure) -> None:
    locked = _locked_draft(actor, measure.contract)
    removed = ImpactMeasure.objects.filter(pk=measure.pk, contract=locked)
    name = measure.measure
    if not removed.delete()[0]:
        raise DeploymentRefused("This impact measure has already been removed")
    _audit(actor, "measure_removed", locked, data={"measure_id": measure.pk, "measure": name})


def parties_for(deployment) -> list[str]:
    """Who must agree: the client, the leader, the alliance and, when there is one, the commissioner."""
    parties = [Party.CLIENT, Party.LEADER, Party.ALLIANCE]
    if deployment.commissioner_id:
        parties.append(Party.COMMISSIONER)
    return [str(p) for p in parties]


def _people_parties(contract) -> tuple[str, ...]:
    return tuple(p for p in contract.parties if p != Party.ALLIANCE) + (Party.ALLIANCE,)


@transaction.atomic
def contract_propose(*, actor, contract) -> ContractVersion:
    """Sends a draft to the parties to agree: fixes who must agree and the digest of what they read."""
    locked = _locked_draft(actor, contract)
    deployment = locked.deployment
    measures = list(locked.measures.all())
    if not measures:
        raise DeploymentRefused("Add at least one objective with its impact measure before you send the contract")
    if not locked.action_plan.strip():
        raise DeploymentRefused("Enter the action plan before you send the contract")
    if locked.payer != Payer.NOBODY and not locked.payer_name.strip():
        raise DeploymentRefused("Enter the name of who pays before you send the contract")
    if locked.payer != Payer.NOBODY and locked.day_rate <= 0:
        raise DeploymentRefused("Enter a day rate before you send the contract, or choose that nobody pays")
    if locked.number > 1 and not locked.change_summary.strip():
        raise DeploymentRefused("Enter what changes in this version before you send it")
    parties = parties_for(deployment)
    locked.parties = parties
    locked.digest = contract_digest(locked, measures=measures, parties=parties)
    locked.proposed_at = timezone.now()
    locked.save(update_fields=["parties", "digest", "proposed_at"])
    step(
        workflow=CONTRACT,
        obj=locked,
        event="propose",
        actor=actor,
        data={"parties": parties, "digest": locked.digest, "number": locked.number},
    )
    tell(
        deployment,
        *_people_parties(locked),
        title=f"Agree the contract for {_school(deployment)}",
        body=(
            f"{deployment.organisation.name} has sent version {locked.number} of the contract and action plan "
            f"for {deployment.leader.full_name}'s support at {_school(deployment)}. Read it and agree to it."
        ),
        exclude=actor,
    )
    return locked


# Reading and agreeing -------------------------------------------------------------------------


@transaction.atomic
def contract_seen(*, actor, contract) -> bool:
    """Records that a party opened a proposed or agreed version (once a person). A party cannot
    agree a version it has not seen (issue 6 "Bad input"). True when this is the first time."""
    if contract.status not in (C.PROPOSED, C.AGREED) or not is_signed_in(actor):
        return False
    if not parties_of(actor, contract.deployment) & set(contract.parties):
        return False
    _, created = ContractView.objects.get_or_create(contract=contract, person=actor)
    if created:
        _audit(actor, "seen", contract, data={"number": contract.number})
    return created


@transaction.atomic
def contract_agree(*, actor, contract, party: str, digest: str) -> ContractVersion:
    """One party agrees the version it read. When every party has agreed, the version is in force:
    the version before it is superseded, the deployment takes its days and dates and, if it was
    agreeing its first contract, is under way."""
    locked = _locked(contract)
    deployment = locked.deployment
    require_open(deployment)
    if party not in Party.values:
        raise DeploymentRefused("Select who you are agreeing for")
    party_name = PARTY_NAMES[party]
    if not speaks_for(actor, deployment, party):
        raise DeploymentRefused(f"You cannot agree the contract for {party_name}")
    if locked.status != C.PROPOSED:
        raise DeploymentRefused(
            f"Version {locked.number} is {locked.get_status_display().lower()}: it is not waiting for agreement"
        )
    if party not in locked.parties:
        raise DeploymentRefused(f"Version {locked.number} does not ask {party_name} to agree")
    if not ContractView.objects.filter(contract=locked, person=actor).exists():
        raise DeploymentRefused(
            "You cannot agree a version of the contract you have not seen. "
            f"Read version {locked.number} and agree again"
        )
    if (digest or "").strip() != locked.digest:
        raise DeploymentRefused(
            f"The contract you agreed to is not version {locked.number} as it was sent. "
            f"Read version {locked.number} and agree again"
        )
    if ContractAgreement.objects.filter(contract=locked, party=party).exists():
        raise DeploymentRefused(f"{party_name[0].upper()}{party_name[1:]} has already agreed version {locked.number}")
    agreement = ContractAgreement.objects.create(contract=locked, party=party, person=actor, digest=locked.digest)
    _audit(actor, "agreed_by_party", locked, data={"party": party, "digest": locked.digest, "number": locked.number})
    agreed = set(ContractAgreement.objects.filter(contract=locked).values_list("party", flat=True))
    school = _school(deployment)
    if set(locked.parties) - agreed:
        tell(
            deployment,
            Party.ALLIANCE,
            title=f"Contract agreed by {party_name}: {school}",
            body=f"{actor.full_name} agreed version {locked.number} of the contract for {party_name}.",
            exclude=actor,
        )
        return locked
    _put_in_force(actor=actor, contract=locked, when=agreement.agreed_at)
    tell(
        deployment,
        *_people_parties(locked),
        title=f"Contract agreed: {school}",
        body=f"Every party has agreed version {locked.number} of the contract and action plan. It is now in force.",
        exclude=actor,
    )
    return locked


def _put_in_force(*, actor, contract, when) -> None:
    deployment = Deployment.objects.select_for_update().get(pk=contract.deployment_id)
    step(workflow=CONTRACT, obj=contract, event="agree", actor=actor, data={"number": contract.number})
    contract.agreed_at = when
    contract.save(update_fields=["agreed_at"])
    for earlier in ContractVersion.objects.filter(deployment=deployment, status=C.AGREED).exclude(pk=contract.pk):
        step(
            workflow=CONTRACT,
            obj=earlier,
            event="supersede",
            actor=actor,
            reason=f"Replaced by version {contract.number}",
        )
    before = {
        "days": _text(deployment.days),
        "starts_on": _text(deployment.starts_on),
        "ends_on": _text(deployment.ends_on),
    }
    deployment.current_contract = contract
    deployment.days = contract.days
    deployment.starts_on = contract.starts_on
    deployment.ends_on = contract.ends_on
    deployment.save(update_fields=["current_contract", "days", "starts_on", "ends_on"])
    change = commitments_follow_contract(actor=actor, deployment=deployment, contract=contract)
    audit_record(
        actor=actor,
        action="deployments.deployment.contract_in_force",
        subject=deployment,
        organisation=deployment.organisation,
        data={
            "contract_id": contract.pk,
            "number": contract.number,
            "before": before,
            "days": _text(contract.days),
            # Days committed (or released, when negative) in the leader's availability to match.
            "commitment_change": _text(change),
        },
    )
    if deployment.status == DeploymentStatus.CONTRACTING:
        step(workflow=DEPLOYMENT, obj=deployment, event="start", actor=actor, data={"contract_id": contract.pk})
    contract.deployment = deployment


# Changing and withdrawing ---------------------------------------------------------------------


@transaction.atomic
def contract_change(*, actor, deployment, summary: str) -> ContractVersion:
    """A new draft version to change the contract: a copy of the agreed version (or, when none was
    ever agreed, of the last withdrawn one). The agreed version stays in force until the new one
    is agreed by every party."""
    deployment = Deployment.objects.select_for_update().get(pk=deployment.pk)
    _require_manager(actor, deployment)
    require_open(deployment)
    summary = (summary or "").strip()
    if not summary:
        raise DeploymentRefused("Enter what changes in the new version")
    versions = list(ContractVersion.objects.filter(deployment=deployment).order_by("-number"))
    open_version = next((v for v in versions if v.status in (C.DRAFT, C.PROPOSED)), None)
    if open_version is not None:
        raise DeploymentRefused(
            f"Version {open_version.number} is {open_version.get_status_display().lower()}: "
            "finish or withdraw it before you make another"
        )
    source = next((v for v in versions if v.status == C.AGREED), None)
    if source is None:
        source = next((v for v in versions if v.status == C.WITHDRAWN), None)
    if source is None:
        raise DeploymentRefused("There is no version of the contract to change")
    number = versions[0].number + 1
    draft = ContractVersion.objects.create(
        deployment=deployment,
        number=number,
        change_summary=summary,
        created_by=actor,
        **{name: getattr(source, name) for name in TERMS},
    )
    ImpactMeasure.objects.bulk_create(
        ImpactMeasure(contract=draft, position=m.position, **{name: getattr(m, name) for name in MEASURE_FIELDS})
        for m in source.measures.all()
    )
    _audit(actor, "created", draft, data={"number": number, "from_number": source.number, "summary": summary})
    return draft


@transaction.atomic
def contract_withdraw(*, actor, contract, reason: str) -> ContractVersion:
    """Withdraws a draft or proposed version, saying why (the parties who were asked are told). A
    new draft can then be made with contract_change."""
    locked = _locked(contract)
    _require_manager(actor, locked.deployment)
    require_open(locked.deployment)
    was_proposed = locked.status == C.PROPOSED
    step(workflow=CONTRACT, obj=locked, event="withdraw", actor=actor, reason=reason)
    if was_proposed:
        tell(
            locked.deployment,
            *_people_parties(locked),
            title=f"Contract withdrawn: {_school(locked.deployment)}",
            body=f"{locked.deployment.organisation.name} withdrew version {locked.number} of the contract: "
            f"{reason.strip()}. You do not need to agree it.",
            exclude=actor,
        )
    return locked
