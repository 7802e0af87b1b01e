"""What the contract asks of a person now, for their home page: a proposed version their side has
not yet agreed ("Agree the contract for Goldthorpe Junior School"). Two queries however many
deployments: the person's memberships (cached) and the proposed versions with their agreements."""

from django.db.models import Exists, OuterRef, Q

from domain.accounts.policies import is_signed_in
from domain.accounts.roles import Role
from domain.accounts.selectors import organisation_ids_of
from domain.leaders.todo import ToDo

from .models import ContractAgreement, ContractVersion, Party
from .policies import client_school_ids_of
from .workflows import ContractStatus


def _agreed_by(party: str):
    return Exists(ContractAgreement.objects.filter(contract=OuterRef("pk"), party=party))


def to_do_for(user) -> list[ToDo]:
    if not is_signed_in(user):
        return []
    schools = client_school_ids_of(user)
    alliances = organisation_ids_of(user, Role.TSA_COORDINATOR)
    commissioners = organisation_ids_of(user, Role.COMMISSIONER)
    # Only while an active contact of the school (policies.is_client_of).
    client = Q(deployment__client_school_id__in=schools)
    sides = {
        Party.LEADER: Q(deployment__leader=user),
        Party.CLIENT: client,
        Party.ALLIANCE: Q(deployment__organisation_id__in=alliances),
        Party.COMMISSIONER: Q(deployment__commissioner_id__in=commissioners),
    }
    scope = Q(pk__in=[])
    for side in sides.values():
        scope |= side
    proposed = (
        ContractVersion.objects.filter(status=ContractStatus.PROPOSED)
        .filter(scope)
        .annotate(**{f"agreed_{party}": _agreed_by(party) for party in sides})
        .annotate(**{f"is_{party}": _case(condition) for party, condition in sides.items()})
        .select_related("deployment__client_school")
        .order_by("deployment__client_school__name", "deployment_id")
    )
    items = []
    for version in proposed:
        waiting = [
            party
            for party in sides
            if getattr(version, f"is_{party}") and party in version.parties and not getattr(version, f"agreed_{party}")
        ]
        if waiting:
            school = version.deployment.client_school.display_name
            items.append(ToDo("contract", f"Agree the contract for {school}", item=(version.deployment_id,)))
    return items


def _case(condition):
    from django.db.models import BooleanField, Case, Value, When

    return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())
