"""Moving a teaching school alliance to a teaching school hub in one step.

Seed 003 ("Teaching school hubs"): "Teaching school hubs will replace teaching schools in 2021"
and "The current teaching school programme ends on 31 August 2021 and will be replaced with
teaching school hubs". So an alliance's leaders and member schools move to the hub that replaces
it, and the alliance closes. Each active association moves through `association_transfer` (its own
audit rows, the leader's lock and the one-active-association rule, seed 000 "Association"); the
whole move is one transaction: if one leader cannot move, nothing moves."""

from dataclasses import dataclass

from django.db import transaction

from domain.audit.services import audit_record
from domain.organisations.models import AllianceMembership, Organisation, OrganisationKind

from .association_services import association_transfer
from .models import Association
from .people import AssociationRefused
from .workflows import AssociationStatus

REASON = "{alliance} moved to {hub}: teaching school hubs replace teaching schools"


class HubMoveRefused(AssociationRefused):
    """The alliance cannot move to that hub; the message says why."""


@dataclass(frozen=True)
class HubMove:
    """What moved: the new associations with the hub and the number of member schools."""

    alliance: Organisation
    hub: Organisation
    associations: list
    schools_moved: int


@dataclass(frozen=True)
class HubMovePreview:
    leaders: int
    schools: int


def hub_move_preview(alliance: Organisation) -> HubMovePreview:
    """How many leaders (active associations) and member schools would move: two queries."""
    return HubMovePreview(
        leaders=Association.objects.filter(organisation=alliance, status=AssociationStatus.ACTIVE).count(),
        schools=AllianceMembership.objects.filter(alliance=alliance).count(),
    )


def _check(alliance: Organisation, hub: Organisation) -> None:
    if alliance.kind != OrganisationKind.TSA:
        raise HubMoveRefused(f"{alliance.name} is not a teaching school alliance")
    if not alliance.is_active:
        raise HubMoveRefused(f"{alliance.name} is already closed")
    if hub is None or hub.kind != OrganisationKind.HUB:
        raise HubMoveRefused("Choose a teaching school hub")
    if not hub.is_active:
        raise HubMoveRefused(f"{hub.name} is closed: choose an open hub")
    if hub.region_id != alliance.region_id:
        raise HubMoveRefused(f"{hub.name} is not a hub of {alliance.name}'s region")


@transaction.atomic
def alliance_move_to_hub(*, actor, alliance: Organisation, hub: Organisation) -> HubMove:
    """Moves every active association of the alliance's leaders to the hub, and the alliance's
    member schools, then closes the alliance (is_active False), with an audit row for each step.
    All or nothing: a refusal for one leader leaves everything as it was."""
    alliance = Organisation.objects.select_for_update().get(pk=alliance.pk)
    hub = Organisation.objects.select_for_update().get(pk=hub.pk) if hub is not None else None
    _check(alliance, hub)
    reason = REASON.format(alliance=alliance.name, hub=hub.name)
    moved = []
    for association in (
        Association.objects.filter(organisation=alliance, status=AssociationStatus.ACTIVE)
        .select_related("leader", "organisation")
        .order_by("pk")
    ):
        moved.append(association_transfer(actor=actor, association=association, organisation=hub, reason=reason))

    # The member schools: the hub may already hold some (a leader's school joins the hub when its
    # association moves), so those memberships of the alliance are folded into the hub's.
    memberships = list(AllianceMembership.objects.select_for_update().filter(alliance=alliance).order_by("pk"))
    at_hub = {
        m.school_id: m
        for m in AllianceMembership.objects.select_for_update().filter(
            alliance=hub, school_id__in=[m.school_id for m in memberships]
        )
    }
    for membership in memberships:
        existing = at_hub.get(membership.school_id)
        if existing is None:
            membership.alliance = hub
            membership.save(update_fields=["alliance"])
        else:
            if membership.is_teaching_school and not existing.is_teaching_school:
                existing.is_teaching_school = True
                existing.save(update_fields=["is_teaching_school"])
            membership.delete()
    school_ids = sorted(m.school_id for m in memberships)
    audit_record(
        actor=actor,
        action="organisations.alliance_membership.moved",
        subject=hub,
        organisation=hub,
        reason=reason,
        data={"from_organisation_id": alliance.pk, "school_ids": school_ids},
    )

    alliance.is_active = False
    alliance.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action="organisations.organisation.moved_to_hub",
        subject=alliance,
        from_state="active",
        to_state="inactive",
        reason=reason,
        organisation=alliance,
        data={
            "hub_id": hub.pk,
            "associations_moved": len(moved),
            "schools_moved": len(memberships),
        },
    )
    return HubMove(alliance=alliance, hub=hub, associations=moved, schools_moved=len(memberships))
