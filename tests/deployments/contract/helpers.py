"""Building contracts through the services for the contract tests."""

from decimal import Decimal

from domain.accounts.roles import Role
from domain.deployments import contract_services as services
from domain.deployments.models import ContractVersion, Party, Payer
from domain.organisations.models import OrganisationKind
from tests import factories
from tests.conftest import person_in_role

MEASURE = {
    "objective": "Pupil premium spending is planned on evidence",
    "measure": "Disadvantaged pupils at the expected standard in reading",
    "baseline": "48% in July 2026",
    "target": "60% in July 2027",
    "method": "The school's termly assessment",
    "when_measured": "At each review",
}


def terms(cast, **changes) -> dict:
    deployment = cast.deployment
    return {
        "action_plan": "Coach the headteacher to plan the pupil premium",
        "schedule": "One day a fortnight",
        "days": Decimal("4"),
        "starts_on": deployment.starts_on,
        "ends_on": deployment.ends_on,
        "payer": Payer.CLIENT,
        "payer_name": deployment.client_school.display_name,
        "day_rate": Decimal("450.00"),
        "leader_school_rate": Decimal("350.00"),
        **changes,
    }


def draft_of(cast) -> ContractVersion:
    return ContractVersion.objects.get(deployment=cast.deployment, status="draft")


def ready_draft(cast, **changes) -> ContractVersion:
    """The first draft with its terms and one impact measure."""
    draft = draft_of(cast)
    services.contract_update_terms(actor=cast.coordinator, contract=draft, values=terms(cast, **changes))
    services.measure_add(actor=cast.coordinator, contract=draft, values=MEASURE)
    return ContractVersion.objects.get(pk=draft.pk)


def proposed(cast, **changes) -> ContractVersion:
    version = services.contract_propose(actor=cast.coordinator, contract=ready_draft(cast, **changes))
    return ContractVersion.objects.get(pk=version.pk)


def speakers(cast) -> dict:
    return {
        Party.CLIENT: cast.client,
        Party.LEADER: cast.leader,
        Party.ALLIANCE: cast.coordinator,
        Party.COMMISSIONER: cast.commissioner,
    }


def agree(cast, version, party) -> ContractVersion:
    person = speakers(cast)[party]
    version = ContractVersion.objects.get(pk=version.pk)
    services.contract_seen(actor=person, contract=version)
    return services.contract_agree(actor=person, contract=version, party=party, digest=version.digest)


def agree_all(cast, version) -> ContractVersion:
    for party in ContractVersion.objects.get(pk=version.pk).parties:
        agree(cast, version, party)
    return ContractVersion.objects.get(pk=version.pk)


def representative_of(cast):
    """A representative of the brokering alliance's region (oversees; not a party)."""
    body = factories.OrganisationFactory(
        kind=OrganisationKind.REGIONAL_BODY, region=cast.deployment.organisation.region
    )
    return person_in_role(Role.REGIONAL_REPRESENTATIVE, organisation=body)
