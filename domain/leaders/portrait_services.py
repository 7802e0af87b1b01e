"""The leader writes their pen portrait; the alliance, hub or grouping they are associated with
approves it before it is published (issue: register, "Profile and availability"). Only a
published version ever reaches the directory."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from domain.designation.specialisms import PHASE_CODES, unknown_specialisms
from domain.notifications.services import notify
from domain.workflows.table import transition

from .association_services import _coordinators_of
from .models import Association, PenPortrait
from .people import AssociationRefused, holds_direct_contact_role, is_designated, lock_leader, region_id_of
from .workflows import PEN_PORTRAIT, AssociationStatus, PortraitStatus

P = PortraitStatus
FIELDS = ("experience", "specialisms", "phases", "school_context", "areas_served", "public_contact")
LIMITS = {"experience": 3000, "school_context": 2000, "areas_served": 500, "public_contact": 254}


def portrait_latest(leader) -> PenPortrait | None:
    return PenPortrait.objects.filter(leader=leader).order_by("-version").first()


def portrait_published(leader) -> PenPortrait | None:
    return PenPortrait.objects.filter(leader=leader, status=P.PUBLISHED).first()


def _clean(values: dict) -> dict:
    cleaned = {}
    for name in ("experience", "school_context", "areas_served", "public_contact"):
        text = str(values.get(name) or "").strip()
        if len(text) > LIMITS[name]:
            label = name.replace("_", " ")
            raise AssociationRefused(f"The {label} must be {LIMITS[name]:,} characters or fewer")
        cleaned[name] = text
    specialisms = list(values.get("specialisms") or [])
    phases = list(values.get("phases") or [])
    if unknown := unknown_specialisms(specialisms):
        raise AssociationRefused(f"These are not on the list of specialisms: {', '.join(unknown)}")
    if unknown := [p for p in phases if p not in PHASE_CODES]:
        raise AssociationRefused(f"These are not phases: {', '.join(unknown)}")
    cleaned["specialisms"] = list(dict.fromkeys(specialisms))
    cleaned["phases"] = list(dict.fromkeys(phases))
    return cleaned


@transaction.atomic
def portrait_save_draft(*, actor, values: dict) -> PenPortrait:
    """Saves the leader's (`actor`'s) changes as a draft: into their draft or returned version, or a
    new version when the latest is published or taken down (the published one stays in the
    directory until the new one is approved). Refused while a version waits for approval."""
    if not is_designated(actor):
        raise AssociationRefused("Only a designated system leader has a pen portrait")
    cleaned = _clean(values)
    # The leader's row is the lock: with no portrait yet there is no portrait row to lock, and two
    # saves at once would both make version 1.
    lock_leader(actor)
    latest = PenPortrait.objects.filter(leader=actor).order_by("-version").first()
    if latest is not None and latest.status == P.SUBMITTED:
        raise AssociationRefused(
            "Your pen portrait is waiting for approval. You can change it once it has been approved or returned"
        )
    if latest is not None and latest.status in (P.DRAFT, P.RETURNED):
        for name, value in cleaned.items():
            setattr(latest, name, value)
        latest.save(update_fields=list(cleaned))
        return latest
    version = (PenPortrait.objects.filter(leader=actor).aggregate(v=Max("version"))["v"] or 0) + 1
    portrait = PenPortrait.objects.create(leader=actor, version=version, **cleaned)
    from domain.audit.services import audit_record

    audit_record(actor=actor, action="leaders.pen_portrait.created", subject=portrait, to_state=portrait.status)
    return portrait


def _representatives_of(region_id) -> list:
    from domain.accounts.roles import Role
    from domain.accounts.selectors import people_in_role

    return [] if region_id is None else people_in_role(Role.REGIONAL_REPRESENTATIVE, organisation__region_id=region_id)


def _approver_organisation(leader):
    active = (
        Association.objects.filter(leader=leader, status=AssociationStatus.ACTIVE)
        .select_related("organisation")
        .first()
    )
    return active.organisation if active else None


@transaction.atomic
def portrait_submit(*, actor, portrait: PenPortrait) -> PenPortrait:
    """The leader submits a draft for approval by the alliance, hub or grouping they are
    associated with. Refused when the portrait says nothing, or the leader has no association."""
    if portrait.leader_id != actor.pk:
        raise AssociationRefused("Only the leader can submit their own pen portrait")
    if not portrait.experience.strip():
        raise AssociationRefused("Enter your experience before you submit your pen portrait")
    organisation = _approver_organisation(actor)
    if organisation is None and not holds_direct_contact_role(actor):
        raise AssociationRefused(
            "Associate with an alliance, hub or grouping first: they approve your pen portrait before it is published"
        )
    locked = transition(workflow=PEN_PORTRAIT, obj=portrait, event="submit", actor=actor, organisation=organisation)
    locked.submitted_at = portrait.submitted_at = timezone.now()
    locked.save(update_fields=["submitted_at"])
    # The associated alliance approves; an NLE or NLG with no association, their region.
    approvers = _coordinators_of(organisation) if organisation else _representatives_of(region_id_of(actor))
    for approver in approvers:
        notify(
            user=approver,
            title=f"{actor.full_name}'s pen portrait is waiting for approval",
            body=(
                f"{actor.full_name} submitted version {portrait.version} of their pen portrait. "
                "Approve it or return it with the changes it needs."
            ),
            link=f"/home/leaders/pen-portraits/{portrait.pk}/",
        )
    return locked


def _decide(portrait, locked, *, actor, note=""):
    for obj in (portrait, locked):
        obj.decided_at = timezone.now()
        obj.decided_by = actor
        obj.decision_note = note
    locked.save(update_fields=["decided_at", "decided_by", "decision_note"])


@transaction.atomic
def portrait_save_and_submit(*, actor, values: dict) -> PenPortrait:
    """Saves the leader's changes and submits them for approval in one step: a refused submission
    saves nothing."""
    return portrait_submit(actor=actor, portrait=portrait_save_draft(actor=actor, values=values))


@transaction.atomic
def portrait_approve(*, actor, portrait: PenPortrait) -> PenPortrait:
    """Publishes the version; the version it replaces becomes `superseded`. The caller's policy
    (policies.can_approve_portrait) checks that `actor` speaks for the leader's alliance."""
    from .directory import directory_refresh

    organisation = _approver_organisation(portrait.leader)
    for old in PenPortrait.objects.filter(leader=portrait.leader, status=P.PUBLISHED).exclude(pk=portrait.pk):
        transition(workflow=PEN_PORTRAIT, obj=old, event="supersede", actor=actor, organisation=organisation)
    locked = transition(workflow=PEN_PORTRAIT, obj=portrait, event="approve", actor=actor, organisation=organisation)
    _decide(portrait, locked, actor=actor)
    directory_refresh(portrait.leader)
    notify(
        user=portrait.leader,
        title="Your pen portrait is published",
        body="Your pen portrait was approved and is now in the school-to-school support directory.",
        link="/home/pen-portrait/",
    )
    return locked


@transaction.atomic
def portrait_return(*, actor, portrait: PenPortrait, reason: str) -> PenPortrait:
    """Returns the version to the leader with the changes it needs; the published one (if any) stays."""
    if not (reason or "").strip():
        raise AssociationRefused("Enter the changes the pen portrait needs")
    locked = transition(
        workflow=PEN_PORTRAIT,
        obj=portrait,
        event="return",
        actor=actor,
        reason=reason.strip(),
        organisation=_approver_organisation(portrait.leader),
    )
    _decide(portrait, locked, actor=actor, note=reason.strip())
    notify(
        user=portrait.leader,
        title="Your pen portrait needs changes",
        body=f"Your pen portrait was returned with these changes to make: {reason.strip()}",
        link="/home/pen-portrait/",
    )
    return locked


@transaction.atomic
def portrait_withdraw(*, actor, portrait: PenPortrait, reason: str) -> PenPortrait:
    """Takes a published portrait out of the directory, saying why (the leader or the alliance)."""
    from .directory import directory_refresh

    if not (reason or "").strip():
        raise AssociationRefused("Enter why the pen portrait is being taken down")
    locked = transition(
        workflow=PEN_PORTRAIT,
        obj=portrait,
        event="withdraw",
        actor=actor,
        reason=reason.strip(),
        organisation=_approver_organisation(portrait.leader),
    )
    _decide(portrait, locked, actor=actor, note=reason.strip())
    directory_refresh(portrait.leader)
    return locked
