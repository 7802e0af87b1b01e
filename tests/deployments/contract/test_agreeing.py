"""Agreeing the contract: each party agrees the version it read (issue 6 "Bad input": "a party
cannot agree a contract version it has not seen"); when all have, it is in force, the deployment
starts, and a change is agreed again, superseding the version before."""

from decimal import Decimal

import pytest

from domain.audit.models import AuditEvent
from domain.deployments import contract_services as services
from domain.deployments.errors import DeploymentRefused
from domain.deployments.models import ContractAgreement, ContractVersion, ContractView, Deployment, ImpactMeasure
from domain.deployments.workflows import ContractStatus, DeploymentStatus
from domain.leaders.models import Commitment

from .helpers import agree, agree_all, proposed, representative_of

pytestmark = pytest.mark.django_db


def _state(cast, version):
    return (
        ContractVersion.objects.get(pk=version.pk).status,
        list(ContractAgreement.objects.filter(contract=version).values_list("party", flat=True)),
        Deployment.objects.get(pk=cast.deployment.pk).status,
    )


def test_a_party_sees_a_version_once(cast):
    version = proposed(cast)
    assert services.contract_seen(actor=cast.client, contract=version) is True
    assert services.contract_seen(actor=cast.client, contract=version) is False
    assert ContractView.objects.filter(contract=version, person=cast.client).count() == 1


def test_a_draft_is_not_seen(cast):
    from .helpers import ready_draft

    assert services.contract_seen(actor=cast.client, contract=ready_draft(cast)) is False
    assert not ContractView.objects.exists()


def test_a_party_cannot_agree_a_version_it_has_not_seen(cast):
    version = proposed(cast)
    before = _state(cast, version)
    with pytest.raises(DeploymentRefused, match="you have not seen. Read version 1 and agree again"):
        services.contract_agree(actor=cast.client, contract=version, party="client", digest=version.digest)
    assert _state(cast, version) == before


def test_a_stale_digest_is_refused_and_changes_nothing(cast):
    version = proposed(cast)
    services.contract_seen(actor=cast.client, contract=version)
    before = _state(cast, version)
    with pytest.raises(DeploymentRefused, match="Read version 1 and agree again"):
        services.contract_agree(actor=cast.client, contract=version, party="client", digest="0" * 64)
    assert _state(cast, version) == before


@pytest.mark.parametrize(
    ("who", "party"), [("leader", "client"), ("client", "leader"), ("coordinator", "commissioner")]
)
def test_a_person_agrees_only_for_their_own_side(cast, who, party):
    version = proposed(cast)
    person = getattr(cast, who)
    services.contract_seen(actor=person, contract=version)
    with pytest.raises(DeploymentRefused, match="You cannot agree the contract for"):
        services.contract_agree(actor=person, contract=version, party=party, digest=version.digest)
    assert not ContractAgreement.objects.exists()


def test_a_representative_of_the_region_does_not_agree_for_the_alliance(cast):
    version = proposed(cast)
    representative = representative_of(cast)
    services.contract_seen(actor=representative, contract=version)
    with pytest.raises(DeploymentRefused, match="for the brokering alliance"):
        services.contract_agree(actor=representative, contract=version, party="alliance", digest=version.digest)
    assert not ContractAgreement.objects.exists()


def test_a_party_agrees_once(cast):
    version = proposed(cast)
    agree(cast, version, "client")
    with pytest.raises(DeploymentRefused, match="already agreed version 1"):
        agree(cast, version, "client")
    assert ContractAgreement.objects.filter(party="client").count() == 1


def test_a_party_not_asked_cannot_agree():
    from tests.deployments import builders

    cast = builders.deployment(commissioned=False)
    version = proposed(cast)
    with pytest.raises(DeploymentRefused, match="You cannot agree the contract for the commissioner"):
        services.contract_agree(actor=cast.client, contract=version, party="commissioner", digest=version.digest)
    assert not ContractAgreement.objects.exists()


def test_a_draft_cannot_be_agreed(cast):
    from .helpers import ready_draft

    draft = ready_draft(cast)
    with pytest.raises(DeploymentRefused, match="not waiting for agreement"):
        services.contract_agree(actor=cast.client, contract=draft, party="client", digest=draft.digest)


def test_the_contract_is_in_force_when_every_party_has_agreed_and_the_deployment_starts(cast):
    version = proposed(cast, days=Decimal("5"))
    for party in ("client", "leader", "alliance"):
        agree(cast, version, party)
    assert _state(cast, version) == ("proposed", ["client", "leader", "alliance"], DeploymentStatus.CONTRACTING)
    agree(cast, version, "commissioner")
    deployment = Deployment.objects.get(pk=cast.deployment.pk)
    version = ContractVersion.objects.get(pk=version.pk)
    assert (version.status, deployment.status, deployment.current_contract_id, deployment.days) == (
        ContractStatus.AGREED,
        DeploymentStatus.ACTIVE,
        version.pk,
        Decimal("5"),
    )
    assert version.agreed_at is not None
    # The leader's commitments follow the contract: 4 days when the offer was accepted (1 in the
    # autumn term, 3 in the spring, by working days), 1 more now, in the term it starts in.
    live = Commitment.objects.filter(reference=f"deployment:{deployment.pk}", released_at__isnull=True)
    assert sorted((c.term, c.days) for c in live) == [("autumn", 1), ("autumn", 1), ("spring", 3)]


def test_fewer_agreed_days_release_the_leaders_commitment_down_to_them(cast):
    agree_all(cast, proposed(cast, days=Decimal("2.5")))
    reference = f"deployment:{cast.deployment.pk}"
    live = Commitment.objects.filter(reference=reference, released_at__isnull=True)
    released = Commitment.objects.filter(reference=reference, released_at__isnull=False)
    # The latest commitment (the spring term's 3 days) is released, and 1.5 of it committed again.
    assert sorted((c.term, c.days) for c in live) == [("autumn", 1), ("spring", Decimal("1.5"))]
    assert list(released.values_list("days", flat=True)) == [Decimal("3")]


def test_one_agreed_day_releases_the_rest_with_the_agreement_in_the_singular_as_the_reason(cast):
    agree_all(cast, proposed(cast, days=Decimal("1")))
    released = AuditEvent.objects.get(action="leaders.commitment.released")
    assert released.reason == "Every party agreed 1 day in version 1 of the contract"


def test_more_agreed_days_than_the_leader_offered_are_committed_with_the_agreement_as_the_reason(cast):
    # The window's first term, where the offer committed 1 of its 4 days (of 10 offered).
    offered = cast.leader.term_availability.get(term="autumn")
    agree_all(cast, proposed(cast, days=Decimal("14")))
    extra = Commitment.objects.filter(reference=f"deployment:{cast.deployment.pk}", released_at__isnull=True).latest(
        "id"
    )
    assert (extra.term, extra.days, offered.days_offered) == ("autumn", Decimal("10"), Decimal("10"))
    assert extra.override_reason == "Every party agreed 14 days in version 1 of the contract"


def test_a_change_is_agreed_again_and_supersedes_the_version_before(cast):
    first = agree_all(cast, proposed(cast))
    second = services.contract_change(actor=cast.coordinator, deployment=cast.deployment, summary="Two more days")
    assert (second.number, second.status, second.change_summary) == (2, "draft", "Two more days")
    assert list(second.measures.values_list("measure", flat=True)) == list(
        first.measures.values_list("measure", flat=True)
    )
    services.contract_update_terms(
        actor=cast.coordinator,
        contract=second,
        values={name: getattr(second, name) for name in services.TERMS} | {"days": Decimal("6")},
    )
    second = services.contract_propose(actor=cast.coordinator, contract=second)
    # The agreed version stays in force until the change is agreed by every party.
    agree(cast, second, "client")
    deployment = Deployment.objects.get(pk=cast.deployment.pk)
    assert (deployment.current_contract_id, deployment.days) == (first.pk, Decimal("4"))
    assert ContractVersion.objects.get(pk=first.pk).status == ContractStatus.AGREED
    for party in ("leader", "alliance", "commissioner"):
        agree(cast, second, party)
    deployment = Deployment.objects.get(pk=cast.deployment.pk)
    assert (deployment.current_contract_id, deployment.days, deployment.status) == (
        second.pk,
        Decimal("6"),
        DeploymentStatus.ACTIVE,
    )
    assert ContractVersion.objects.get(pk=first.pk).status == ContractStatus.SUPERSEDED
    assert ImpactMeasure.objects.filter(contract=first).count() == 1  # kept for the record


def test_a_change_needs_a_summary_and_no_open_version(cast):
    with pytest.raises(DeploymentRefused, match="Version 1 is draft"):
        services.contract_change(actor=cast.coordinator, deployment=cast.deployment, summary="Change")
    agree_all(cast, proposed(cast))
    with pytest.raises(DeploymentRefused, match="Enter what changes"):
        services.contract_change(actor=cast.coordinator, deployment=cast.deployment, summary="  ")
    with pytest.raises(DeploymentRefused, match="only"):
        services.contract_change(actor=cast.leader, deployment=cast.deployment, summary="More days")
    assert ContractVersion.objects.filter(deployment=cast.deployment).count() == 1


def test_a_withdrawn_version_is_redrafted_and_the_parties_are_told(cast):
    from domain.notifications.models import Notification

    version = proposed(cast)
    services.contract_seen(actor=cast.client, contract=version)
    with pytest.raises(DeploymentRefused, match="Enter a reason"):
        services.contract_withdraw(actor=cast.coordinator, contract=version, reason=" ")
    services.contract_withdraw(actor=cast.coordinator, contract=version, reason="The dates are wrong")
    assert ContractVersion.objects.get(pk=version.pk).status == ContractStatus.WITHDRAWN
    assert Notification.objects.filter(user=cast.client, title__startswith="Contract withdrawn").exists()
    with pytest.raises(DeploymentRefused, match="not waiting for agreement"):
        services.contract_agree(actor=cast.client, contract=version, party="client", digest=version.digest)
    redraft = services.contract_change(actor=cast.coordinator, deployment=cast.deployment, summary="New dates")
    assert (redraft.number, redraft.status, redraft.measures.count()) == (2, "draft", 1)


def test_nothing_changes_on_an_ended_deployment(cast):
    version = proposed(cast)
    services.contract_seen(actor=cast.client, contract=version)
    from domain.deployments.services import deployment_end_early

    deployment_end_early(actor=cast.coordinator, deployment=cast.deployment, reason="The school closed")
    with pytest.raises(DeploymentRefused, match="ended early"):
        services.contract_agree(actor=cast.client, contract=version, party="client", digest=version.digest)
    assert not ContractAgreement.objects.exists()
