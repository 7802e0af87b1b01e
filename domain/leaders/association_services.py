"""Association of a system leader with one teaching school alliance, hub or strategic grouping
(seed 000, "Association"; DESIGN.md capability 4 and its invariant "One active association per
leader, whatever two coordinators do at the same moment").

Every service that could make an association active locks the leader's row first
(`_lock_leader`), then checks; the partial unique constraint on active associations is the last
word if anything slips past. Each service runs in one transaction and writes its audit events."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from domain.accounts.selectors import coordinators_of as _coordinators_of
from domain.audit.services import audit_record
from domain.notifications.services import notify
from domain.organisations.models import BROKERING_KINDS, AllianceMembership
from domain.workflows.table import transition

from .models import Association, AssociationOrigin
from .people import AssociationRefused, is_designated, school_of
from .people import lock_leader as _lock_leader
from .workflows import ASSOCIATION, AssociationStatus

# An invitation or request the other side has not answered in this many days expires.
OFFER_DAYS = 28

S = AssociationStatus


def _active_of(leader) -> Association | None:
    return Association.objects.filter(leader=leader, status=S.ACTIVE).select_related("organisation").first()


def _check_organisation(organisation) -> None:
    if organisation is None or organisation.kind not in BROKERING_KINDS:
        name = organisation.name if organisation is not None else "That organisation"
        raise AssociationRefused(
            f"{name} is not a teaching school alliance, hub or strategic grouping, so leaders cannot associate with it"
        )
    if not organisation.is_active:
        raise AssociationRefused(f"{organisation.name} is closed, so leaders cannot associate with it")


def _refuse_if_associated(leader, *, organisation=None, you=False) -> None:
    active = _active_of(leader)
    if active is None:
        return
    who = "You are" if you else f"{leader.full_name} is"
    if organisation is not None and active.organisation_id == organisation.pk:
        raise AssociationRefused(f"{who} already associated with {organisation.name}")
    raise AssociationRefused(  # seed 000, "Principles of association"
        f"{who} already associated with {active.organisation.name}. A leader associates with one alliance, "
        "hub or grouping at a time: "
        + ("end or transfer that association first" if you else "they would need to end or transfer it first")
    )


def _school_joins_alliance(*, actor, association: Association) -> None:
    """Seed 000: "An association between a LLE and TSA/strategic TSA grouping should result in
    automatic alliance membership for the LLE's school"."""
    school = school_of(association.leader)
    if school is None:
        return
    membership, created = AllianceMembership.objects.get_or_create(alliance=association.organisation, school=school)
    if created:
        audit_record(
            actor=actor,
            action="organisations.alliance_membership.created",
            subject=association.organisation,
            organisation=association.organisation,
            reason=f"{school.name} joined as the school of associated leader {association.leader.full_name}",
            data={"school_id": school.pk, "association_id": association.pk},
        )


def _became_active(*, actor, association: Association) -> None:
    """What follows once an association is active: the school joins the alliance, the leader's
    other open invitations and requests close, and the directory shows the new route to contact."""
    from .directory import directory_refresh

    association.starts_on = timezone.localdate()
    association.save(update_fields=["starts_on"])
    _school_joins_alliance(actor=actor, association=association)
    others = Association.objects.filter(leader=association.leader, status__in=[S.INVITED, S.REQUESTED]).exclude(
        pk=association.pk
    )
    for other in others:
        transition(
            workflow=ASSOCIATION,
            obj=other,
            event="withdraw",
            actor=actor,
            reason=f"The leader associated with {association.organisation.name}",
            organisation=other.organisation,
        )
    directory_refresh(association.leader)


def _create(*, actor, leader, organisation, status, origin, message="", previous=None) -> Association:
    try:
        with transaction.atomic():
            association = Association.objects.create(
                leader=leader,
                organisation=organisation,
                status=status,
                origin=origin,
                started_by=actor if getattr(actor, "pk", None) else None,
                message=(message or "").strip(),
                expires_on=timezone.localdate() + dt.timedelta(days=OFFER_DAYS) if status != S.ACTIVE else None,
                previous=previous,
            )
    except IntegrityError:
        # Only reachable when the lock was bypassed; the constraint keeps the register right.
        raise AssociationRefused(
            f"{leader.full_name} has just associated or been invited by {organisation.name}: refresh and try again"
        ) from None
    audit_record(
        actor=actor,
        action="leaders.association.created",
        subject=association,
        to_state=status,
        organisation=organisation,
        data={"leader_id": leader.pk, "organisation_id": organisation.pk, "origin": origin},
    )
    return association


# Starting: invitation, request, designation -----------------------------------------------


@transaction.atomic
def association_invite(*, actor, organisation, leader, message: str = "") -> Association:
    """The alliance invites a designated leader to associate (seed 000: "TSAs should approach
    existing LLEs to instigate association"). Refused, saying why, when the leader is already
    associated (with anyone) or already has an open invitation from this alliance."""
    _check_organisation(organisation)
    leader = _lock_leader(leader)
    if not is_designated(leader):
        raise AssociationRefused(f"{leader.full_name} is not a designated system leader")
    _refuse_if_associated(leader, organisation=organisation)
    if Association.objects.filter(
        leader=leader, organisation=organisation, status__in=[S.INVITED, S.REQUESTED]
    ).exists():
        raise AssociationRefused(
            f"{leader.full_name} already has an open invitation or request with {organisation.name}"
        )
    association = _create(
        actor=actor,
        leader=leader,
        organisation=organisation,
        status=S.INVITED,
        origin=AssociationOrigin.INVITATION,
        message=message,
    )
    notify(
        user=leader,
        title=f"{organisation.name} invites you to associate with them",
        body=(
            f"{organisation.name} invites you to associate with them: they would broker all your deployments. "
            f"Accept or decline by {association.expires_on:%-d %B %Y}."
        ),
        link="/home/association/",
    )
    return association


def association_invite_many(*, actor, organisation, leaders, message: str = "") -> tuple[list[Association], list[str]]:
    """Invites each leader in turn, each in its own transaction: returns the invitations made and,
    for each leader who could not be invited, the reason (seed 000: "All TSA will be sent the
    regional list of existing LLEs and should contact LLEs within their area")."""
    made, refused = [], []
    for leader in leaders:
        try:
            made.append(association_invite(actor=actor, organisation=organisation, leader=leader, message=message))
        except AssociationRefused as refusal:
            refused.append(str(refusal))
    return made, refused


@transaction.atomic
def association_request(*, actor, organisation, message: str = "") -> Association:
    """The leader (`actor`) asks an alliance to associate with them ("or vice versa", seed 000)."""
    _check_organisation(organisation)
    leader = _lock_leader(actor)
    if not is_designated(leader):
        raise AssociationRefused("Only a designated system leader can ask to associate with an alliance or hub")
    _refuse_if_associated(leader, organisation=organisation, you=True)
    if Association.objects.filter(
        leader=leader, organisation=organisation, status__in=[S.INVITED, S.REQUESTED]
    ).exists():
        raise AssociationRefused(f"You already have an open invitation or request with {organisation.name}")
    association = _create(
        actor=leader,
        leader=leader,
        organisation=organisation,
        status=S.REQUESTED,
        origin=AssociationOrigin.REQUEST,
        message=message,
    )
    for coordinator in _coordinators_of(organisation):
        notify(
            user=coordinator,
            title=f"{leader.full_name} asks to associate with {organisation.name}",
            body=f"{leader.full_name} asks to associate with {organisation.name}. Accept or decline their request.",
            link=f"/home/leaders/associations/{association.pk}/",
        )
    return association


@transaction.atomic
def association_from_designation(*, actor, designation) -> Association | None:
    """Seed 000: "LLEs designated by TSA/strategic TSA groupings will be automatically associated
    with them." An association with another alliance is transferred: the leader applied to this
    one, so this is their choice. Nothing changes when already associated with it."""
    organisation = designation.organisation
    if organisation is None or organisation.kind not in BROKERING_KINDS:
        return None
    leader = _lock_leader(designation.person)
    active = _active_of(leader)
    if active is not None and active.organisation_id == organisation.pk:
        return active
    return _start_active(
        actor=actor,
        leader=leader,
        organisation=organisation,
        origin=AssociationOrigin.DESIGNATION,
        replacing=active,
        reason=f"Designated by {organisation.name}",
    )[1]


def _start_active(*, actor, leader, organisation, origin, replacing=None, reason="", data=None):
    """Starts an active association, transferring `replacing` (the leader's active one) first when
    given. The caller holds the leader's lock. Returns (the transferred one or None, the new one)."""
    previous = None
    if replacing is not None:
        previous = transition(
            workflow=ASSOCIATION,
            obj=replacing,
            event="transfer",
            actor=actor,
            reason=reason,
            organisation=replacing.organisation,
            data=data,
        )
        _close(replacing, previous, reason=reason)
    association = _create(
        actor=actor, leader=leader, organisation=organisation, status=S.ACTIVE, origin=origin, previous=previous
    )
    _became_active(actor=actor, association=association)
    return previous, association


# Answering ------------------------------------------------------------------------------------


@transaction.atomic
def association_accept(*, actor, association: Association) -> Association:
    """The leader accepts an invitation, or the alliance accepts a leader's request. Refused when
    the leader has become associated meanwhile, or the offer has expired or been withdrawn."""
    leader = _lock_leader(association.leader)
    current = Association.objects.select_for_update(of=("self",)).get(pk=association.pk)
    if current.status not in (S.INVITED, S.REQUESTED):
        raise AssociationRefused(_closed_reason(current))
    if current.expires_on and current.expires_on < timezone.localdate():
        raise AssociationRefused(f"This {_offer_word(current)} expired on {current.expires_on:%-d %B %Y}")
    _check_side(actor, current, "accept")
    _check_organisation(current.organisation)
    _refuse_if_associated(leader, organisation=current.organisation, you=actor.pk == leader.pk)
    locked = transition(
        workflow=ASSOCIATION, obj=current, event="accept", actor=actor, organisation=current.organisation
    )
    association.status = locked.status
    _became_active(actor=actor, association=locked)
    association.starts_on = locked.starts_on
    _tell_other_side(actor=actor, association=locked, what="accepted")
    return locked


def _check_side(actor, association, event: str) -> None:
    """The side that received an invitation or request answers it (accept, decline); the side that
    sent it takes it back (withdraw). The leader is one side; the alliance, through its
    coordinators or the region's representatives (the caller's policy), is the other."""
    by_leader = getattr(actor, "pk", None) == association.leader_id
    invited = association.status == S.INVITED  # sent by the alliance, to the leader
    leader_may = invited if event in ("accept", "decline") else not invited
    if by_leader == leader_may:
        return
    word = _offer_word(association)
    if event == "withdraw":
        raise AssociationRefused(f"Only the side that sent this {word} can withdraw it")
    answerer = association.leader.full_name if invited else association.organisation.name
    raise AssociationRefused(f"Only {answerer} can accept or decline this {word}")


def association_decline(*, actor, association: Association, reason: str = "") -> Association:
    """The side that received the invitation or request declines it."""
    return _close_offer(actor=actor, association=association, event="decline", reason=reason)


def association_withdraw(*, actor, association: Association, reason: str = "") -> Association:
    """The side that sent the invitation or request takes it back."""
    return _close_offer(actor=actor, association=association, event="withdraw", reason=reason)


@transaction.atomic
def _close_offer(*, actor, association, event, reason) -> Association:
    current = Association.objects.select_for_update(of=("self",)).get(pk=association.pk)
    if current.status not in (S.INVITED, S.REQUESTED):
        raise AssociationRefused(_closed_reason(current))
    _check_side(actor, current, event)
    locked = transition(
        workflow=ASSOCIATION,
        obj=current,
        event=event,
        actor=actor,
        reason=(reason or "").strip(),
        organisation=current.organisation,
    )
    association.status = locked.status
    _tell_other_side(actor=actor, association=locked, what="declined" if event == "decline" else "withdrew")
    return locked


def associations_expire_due(*, today: dt.date | None = None) -> int:
    """Expires every invitation and request not answered by its day; returns how many."""
    today = today or timezone.localdate()
    expired = 0
    for association in Association.objects.filter(status__in=[S.INVITED, S.REQUESTED], expires_on__lt=today):
        with transaction.atomic():
            current = Association.objects.select_for_update(of=("self",)).get(pk=association.pk)
            if current.status not in (S.INVITED, S.REQUESTED):
                continue
            transition(
                workflow=ASSOCIATION,
                obj=current,
                event="expire",
                actor=None,
                reason=f"Not answered by {current.expires_on.isoformat()}",
                organisation=current.organisation,
            )
            expired += 1
    return expired


# Ending and transferring ---------------------------------------------------------------------


def _refuse_unless_active(association) -> None:
    """Re-reads the association (the caller holds the leader's lock) and refuses, saying why, when
    it is no longer active: a page read before someone else ended or moved it."""
    status = Association.objects.filter(pk=association.pk).values_list("status", flat=True).first()
    if status == S.ACTIVE:
        return
    raise AssociationRefused(
        {
            S.ENDED: "This association has already ended",
            S.TRANSFERRED: "This association has already moved to another alliance, hub or grouping",
            S.INVITED: "This association has not started: the invitation has not been accepted",
            S.REQUESTED: "This association has not started: the request has not been accepted",
        }.get(status, "This association is not active")
    )


def _close(association, locked, *, reason: str) -> None:
    for obj in (association, locked):
        obj.ended_on = timezone.localdate()
        obj.end_reason = reason
    locked.save(update_fields=["ended_on", "end_reason"])


@transaction.atomic
def association_end(*, actor, association: Association, reason: str) -> Association:
    """Either side ends an active association, saying why. The leader's school stays a member of
    the alliance (membership is the alliance's to change). The leader leaves the directory's
    listing of that alliance, and LLEs and SLEs leave the directory until they associate again."""
    from .directory import directory_refresh

    if not (reason or "").strip():
        raise AssociationRefused("Enter why the association is ending")
    _lock_leader(association.leader)
    _refuse_unless_active(association)
    locked = transition(
        workflow=ASSOCIATION,
        obj=association,
        event="end",
        actor=actor,
        reason=reason.strip(),
        organisation=association.organisation,
    )
    _close(association, locked, reason=reason.strip())
    directory_refresh(locked.leader)
    _tell_other_side(actor=actor, association=locked, what="ended")
    return locked


@transaction.atomic
def association_transfer(*, actor, association: Association, organisation, reason: str) -> Association:
    """Moves an active association to another alliance, hub or grouping in one step: the old one
    becomes `transferred`, a new active one starts, linked to it. The leader chooses (seed 000:
    "ultimately it will be the choice of LLEs who they associate with"); a regional representative
    may record it for them. Returns the new association."""
    _check_organisation(organisation)
    if not (reason or "").strip():
        raise AssociationRefused("Enter why the association is moving")
    if organisation.pk == association.organisation_id:
        raise AssociationRefused(f"The leader is already associated with {organisation.name}")
    leader = _lock_leader(association.leader)
    _refuse_unless_active(association)
    locked, new = _start_active(
        actor=actor,
        leader=leader,
        organisation=organisation,
        origin=AssociationOrigin.TRANSFER,
        replacing=association,
        reason=reason.strip(),
        data={"to_organisation_id": organisation.pk},
    )
    for coordinator in _coordinators_of(organisation):
        notify(
            user=coordinator,
            title=f"{leader.full_name} is now associated with {organisation.name}",
            body=f"{leader.full_name} moved their association from {locked.organisation.name} to {organisation.name}.",
            link=f"/home/leaders/associations/{new.pk}/",
        )
    return new


# Words -------------------------------------------------------------------------------------


def _offer_word(association) -> str:
    return (
        "invitation"
        if association.status == S.INVITED or association.origin == AssociationOrigin.INVITATION
        else "request"
    )


def _closed_reason(association) -> str:
    word = _offer_word(association)
    return {
        S.ACTIVE: f"This {word} has already been accepted",
        S.DECLINED: f"This {word} was declined",
        S.WITHDRAWN: f"This {word} was withdrawn",
        S.EXPIRED: f"This {word} expired on {association.expires_on:%-d %B %Y}"
        if association.expires_on
        else f"This {word} expired",
    }.get(association.status, f"This {word} is no longer open")


def _tell_other_side(*, actor, association, what: str) -> None:
    """Tells the leader when the alliance acted, and the alliance's coordinators when the leader did."""
    leader = association.leader
    if getattr(actor, "pk", None) == leader.pk:
        for coordinator in _coordinators_of(association.organisation):
            notify(
                user=coordinator,
                title=f"{leader.full_name} {what} the association with {association.organisation.name}",
                body=f"{leader.full_name} {what} the association with {association.organisation.name}.",
                link=f"/home/leaders/associations/{association.pk}/",
            )
    else:
        notify(
            user=leader,
            title=f"{association.organisation.name} {what} your association",
            body=f"{association.organisation.name} {what} the association with you.",
            link="/home/association/",
        )
