"""Drafting a version of the contract: terms and impact measures, changed only by the brokering
alliance and only while the version is a draft; every refusal changes nothing."""

import datetime as dt
from decimal import Decimal

import pytest

from domain.audit.models import AuditEvent
from domain.deployments import contract_services as services
from domain.deployments.errors import DeploymentRefused
from domain.deployments.models import ContractVersion, ImpactMeasure, Payer

from .helpers import MEASURE, draft_of, proposed, ready_draft, representative_of, terms

pytestmark = pytest.mark.django_db


def _snapshot(version):
    version = ContractVersion.objects.get(pk=version.pk)
    return (
        [getattr(version, name) for name in services.TERMS],
        list(ImpactMeasure.objects.filter(contract=version).values_list("measure", flat=True)),
        version.status,
    )


def test_the_alliance_sets_the_terms_of_the_draft(cast):
    draft = draft_of(cast)
    services.contract_update_terms(actor=cast.coordinator, contract=draft, values=terms(cast, days=Decimal("4.5")))
    saved = ContractVersion.objects.get(pk=draft.pk)
    assert (saved.days, saved.day_rate, saved.leader_school_rate, saved.action_plan) == (
        Decimal("4.5"),
        Decimal("450.00"),
        Decimal("350.00"),
        "Coach the headteacher to plan the pupil premium",
    )
    assert AuditEvent.objects.filter(action="deployments.contract.terms_changed", subject_id=str(draft.pk)).exists()


def test_a_representative_of_the_region_may_draft_too(cast):
    services.contract_update_terms(actor=representative_of(cast), contract=draft_of(cast), values=terms(cast))
    assert draft_of(cast).day_rate == Decimal("450.00")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"leader_school_rate": Decimal("500")}, "must be the same as or less than the day rate"),
        ({"days": Decimal("0")}, "must be more than 0"),
        ({"days": Decimal("4.3")}, "whole or half days"),
        ({"days": Decimal("201")}, "200 or fewer"),
        ({"ends_on": dt.date(2026, 11, 30)}, "must be the same as or after the start date"),
        ({"ends_on": dt.date(2030, 1, 1)}, "2 years or less"),
        ({"starts_on": dt.date(2026, 9, 1), "ends_on": dt.date(2026, 11, 1)}, "today or in the future"),
        ({"payer_name": " "}, "Enter the name of the school, trust or body that pays"),
        ({"day_rate": Decimal("0")}, "The day rate must be more than £0"),
        ({"payer": "friends"}, "Select who pays"),
    ],
)
def test_bad_terms_are_refused_and_change_nothing(cast, changes, message):
    draft = draft_of(cast)
    before = _snapshot(draft)
    with pytest.raises(DeploymentRefused, match=message):
        services.contract_update_terms(actor=cast.coordinator, contract=draft, values=terms(cast, **changes))
    assert _snapshot(draft) == before


def test_free_support_has_no_rates(cast):
    draft = draft_of(cast)
    services.contract_update_terms(
        actor=cast.coordinator, contract=draft, values=terms(cast, payer=Payer.NOBODY, payer_name="Someone")
    )
    saved = ContractVersion.objects.get(pk=draft.pk)
    assert (saved.payer, saved.payer_name, saved.day_rate, saved.leader_school_rate) == (
        Payer.NOBODY,
        "",
        Decimal("0"),
        Decimal("0"),
    )


@pytest.mark.parametrize("who", ["leader", "client", "commissioner"])
def test_only_the_alliance_drafts_the_contract(cast, who):
    draft = draft_of(cast)
    before = _snapshot(draft)
    with pytest.raises(DeploymentRefused, match="only .* draws it up"):
        services.contract_update_terms(actor=getattr(cast, who), contract=draft, values=terms(cast))
    with pytest.raises(DeploymentRefused, match=r"You cannot change the contract because only .* draws it up"):
        services.measure_add(actor=getattr(cast, who), contract=draft, values=MEASURE)
    assert _snapshot(draft) == before


def test_impact_measures_are_added_changed_and_removed(cast):
    draft = draft_of(cast)
    first = services.measure_add(actor=cast.coordinator, contract=draft, values=MEASURE)
    second = services.measure_add(actor=cast.coordinator, contract=draft, values={**MEASURE, "measure": "Attendance"})
    assert (first.position, second.position) == (1, 2)
    services.measure_change(actor=cast.coordinator, measure=first, values={**MEASURE, "target": "65% in July 2027"})
    assert ImpactMeasure.objects.get(pk=first.pk).target == "65% in July 2027"
    services.measure_remove(actor=cast.coordinator, measure=second)
    assert list(ImpactMeasure.objects.filter(contract=draft).values_list("pk", flat=True)) == [first.pk]


@pytest.mark.parametrize("missing", services.MEASURE_FIELDS)
def test_a_measure_needs_every_part(cast, missing):
    draft = draft_of(cast)
    with pytest.raises(DeploymentRefused, match="Enter "):
        services.measure_add(actor=cast.coordinator, contract=draft, values={**MEASURE, missing: "  "})
    assert not ImpactMeasure.objects.filter(contract=draft).exists()


def test_only_a_draft_changes(cast):
    version = proposed(cast)
    measure = version.measures.get()
    before = _snapshot(version)
    with pytest.raises(DeploymentRefused, match="only a draft can change"):
        services.contract_update_terms(actor=cast.coordinator, contract=version, values=terms(cast, days=Decimal(6)))
    with pytest.raises(DeploymentRefused, match="only a draft can change"):
        services.measure_change(actor=cast.coordinator, measure=measure, values={**MEASURE, "target": "99%"})
    with pytest.raises(DeploymentRefused, match="only a draft can change"):
        services.measure_remove(actor=cast.coordinator, measure=measure)
    assert _snapshot(version) == before


def test_proposing_needs_an_impact_measure(cast):
    draft = draft_of(cast)
    services.contract_update_terms(actor=cast.coordinator, contract=draft, values=terms(cast))
    with pytest.raises(DeploymentRefused, match="at least one objective"):
        services.contract_propose(actor=cast.coordinator, contract=draft)
    assert draft_of(cast).status == "draft"


def test_proposing_needs_who_pays_unless_free(cast):
    draft = draft_of(cast)
    services.measure_add(actor=cast.coordinator, contract=draft, values=MEASURE)
    ContractVersion.objects.filter(pk=draft.pk).update(action_plan="A plan", payer_name="")
    with pytest.raises(DeploymentRefused, match="name of who pays"):
        services.contract_propose(actor=cast.coordinator, contract=draft)
    assert draft_of(cast).status == "draft"


def test_proposing_fixes_the_parties_and_the_digest_and_tells_them(cast):
    from domain.notifications.models import Notification

    version = proposed(cast)
    assert version.status == "proposed"
    assert version.parties == ["client", "leader", "alliance", "commissioner"]
    assert len(version.digest) == 64
    assert version.digest == services.contract_digest(version)
    told = set(Notification.objects.filter(title__startswith="Agree the contract").values_list("user_id", flat=True))
    assert {cast.leader.pk, cast.client.pk, cast.commissioner.pk} <= told
    assert cast.coordinator.pk not in told  # who sent it


def test_a_school_that_asked_itself_has_three_parties():
    from tests.deployments import builders

    cast = builders.deployment(commissioned=False)
    assert proposed(cast).parties == ["client", "leader", "alliance"]


def test_the_digest_changes_with_anything_a_party_reads(cast):
    version = ready_draft(cast)
    before = services.contract_digest(version, parties=["client"])
    ImpactMeasure.objects.filter(contract=version).update(target="61% in July 2027")
    assert services.contract_digest(ContractVersion.objects.get(pk=version.pk), parties=["client"]) != before
