"""Reading the contract (selectors) and the home page's things to do, each in a constant number
of queries."""

import pytest

from domain.deployments import contract_services as services
from domain.deployments.contract_selectors import (
    parties_still_to_agree,
    version_for,
    versions_of,
)
from domain.deployments.contract_todo import to_do_for
from domain.deployments.models import ContractVersion
from tests.queries import assert_constant_queries, count_queries

from .helpers import agree, agree_all, proposed, ready_draft, representative_of

pytestmark = pytest.mark.django_db


def test_only_the_alliance_reads_a_draft(cast):
    ready_draft(cast)
    assert version_for(cast.client, cast.deployment) is None
    assert version_for(cast.leader, cast.deployment) is None
    assert version_for(cast.coordinator, cast.deployment).number == 1
    assert version_for(representative_of(cast), cast.deployment).number == 1


def test_the_version_waiting_for_agreement_comes_before_the_one_in_force(cast):
    agree_all(cast, proposed(cast))
    assert version_for(cast.client, cast.deployment).number == 1
    second = services.contract_change(actor=cast.coordinator, deployment=cast.deployment, summary="More days")
    assert version_for(cast.client, cast.deployment).number == 1  # the draft is the alliance's
    services.contract_propose(actor=cast.coordinator, contract=second)
    assert version_for(cast.client, cast.deployment).number == 2


def test_the_parties_still_to_agree(cast):
    version = proposed(cast)
    agree(cast, version, "leader")
    (read,) = [v for v in versions_of(cast.deployment) if v.pk == version.pk]
    assert parties_still_to_agree(read) == ["client", "alliance", "commissioner"]


def test_versions_are_read_in_a_constant_number_of_queries(cast):
    agree_all(cast, proposed(cast))

    def grow():
        version = services.contract_change(actor=cast.coordinator, deployment=cast.deployment, summary="A change")
        version = services.contract_propose(actor=cast.coordinator, contract=version)
        agree_all(cast, version)

    def fetch():
        versions = versions_of(cast.deployment)
        return [(len(v.measures.all()), [a.person.full_name for a in v.agreements.all()]) for v in versions]

    assert_constant_queries(fetch, grow)


def test_each_party_is_asked_to_agree_until_it_has(cast):
    version = proposed(cast)
    school = cast.deployment.client_school.display_name
    for person in (cast.client, cast.leader, cast.coordinator, cast.commissioner):
        assert [(item.code, item.text) for item in to_do_for(person)] == [
            ("contract", f"Agree the contract for {school}")
        ]
    agree(cast, version, "client")
    assert to_do_for(cast.client) == []
    assert len(to_do_for(cast.leader)) == 1
    assert to_do_for(representative_of(cast)) == []  # oversees, does not agree


def test_nothing_to_agree_for_a_draft_or_an_agreed_version(cast):
    ready_draft(cast)
    assert to_do_for(cast.client) == []
    agree_all(cast, services.contract_propose(actor=cast.coordinator, contract=ContractVersion.objects.get()))
    assert to_do_for(cast.client) == to_do_for(cast.coordinator) == []


def test_the_things_to_do_run_a_constant_number_of_queries(cast):
    from tests.deployments import builders

    proposed(cast)
    to_do_for(cast.coordinator)  # memberships cached on the person

    def grow():
        proposed(builders.deployment(organisation=cast.deployment.organisation, coordinator=cast.coordinator))

    assert_constant_queries(lambda: to_do_for(cast.coordinator), grow)
    assert len(to_do_for(cast.coordinator)) == 3
    queries, _ = count_queries(lambda: to_do_for(cast.coordinator))
    assert queries <= 2


def test_who_speaks_for_each_party(cast):
    from domain.deployments.contract_services import parties_to_agree_as, speaks_for

    deployment = cast.refresh()
    expected = {
        cast.client: {"client"},
        cast.leader: {"leader"},
        cast.coordinator: {"alliance"},
        cast.commissioner: {"commissioner"},
        representative_of(cast): set(),
    }
    for person, parties in expected.items():
        assert {p for p in ("client", "leader", "alliance", "commissioner") if speaks_for(person, deployment, p)} == (
            parties
        )
    version = proposed(cast)
    assert parties_to_agree_as(cast.leader, version) == ["leader"]
    agree(cast, version, "leader")
    assert parties_to_agree_as(cast.leader, ContractVersion.objects.get(pk=version.pk)) == []
