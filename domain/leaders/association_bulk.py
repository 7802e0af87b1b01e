"""Starting many associations at once: an import of a region's existing leaders (issue 12, part
4), thousands in one transaction, keeping the rule of one active association per leader (seed 000)."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from domain.audit.bulk import insert_rows
from domain.audit.models import AuditEvent
from domain.workflows.table import transition

from .association_services import S, _check_organisation
from .models import Association
from .people import AssociationRefused
from .workflows import ASSOCIATION

BULK_CHUNK = 2_000


def _chunked(ids: list) -> list[list]:
    return [ids[start : start + BULK_CHUNK] for start in range(0, len(ids), BULK_CHUNK)]


def associations_start_many(*, actor, organisation_by_leader: dict, origin: str) -> dict[int, int]:
    """Starts an active association of each leader (by id) with the organisation given, in bulk
    (issue 12, part 4: a region's existing associations, thousands at once), in the caller's
    transaction; returns the new associations' ids by leader id. Keeps the rule of one active
    association per leader (seed 000): locks every leader's row first, then refuses them all
    (AssociationRefused, saying who) when any is already actively associated; and closes the
    leaders' open invitations and requests. The caller does the rest of what `_became_active`
    does, in bulk: the school joins the alliance, the directory follows
    (domain.leaders.cadre_import.writing)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("associations_start_many must run inside the caller's transaction")
    ids = sorted(organisation_by_leader)
    for organisation in {o.pk: o for o in organisation_by_leader.values()}.values():
        _check_organisation(organisation)
    names = {}
    for chunk in _chunked(ids):
        locked = get_user_model().objects.select_for_update(of=("self",)).filter(pk__in=chunk)
        names.update(locked.values_list("pk", "full_name"))
    for chunk in _chunked(ids):
        active = Association.objects.filter(leader_id__in=chunk, status=S.ACTIVE).select_related("organisation")
        for association in active[:1]:
            raise AssociationRefused(
                f"{names[association.leader_id]} is already associated with {association.organisation.name}. A "
                "leader associates with one alliance, hub or grouping at a time"
            )  # seed 000, "Principles of association"
    today, now = timezone.localdate(), timezone.now()
    started_by = getattr(actor, "pk", None)
    try:
        with transaction.atomic():
            insert_rows(
                Association,
                [
                    {
                        "leader_id": pk,
                        "organisation_id": organisation_by_leader[pk].pk,
                        "status": S.ACTIVE,
                        "origin": origin,
                        "started_by_id": started_by,
                        "starts_on": today,
                        "created_at": now,
                    }
                    for pk in ids
                ],
            )
    except IntegrityError:
        raise AssociationRefused("A leader has just been associated by someone else: check the file again") from None
    made = {}
    for chunk in _chunked(ids):
        made.update(Association.objects.filter(leader_id__in=chunk, status=S.ACTIVE).values_list("leader_id", "pk"))
    insert_rows(
        AuditEvent,
        [
            {
                "occurred_at": now,
                "actor_id": started_by,
                "action": "leaders.association.created",
                "subject_type": "leaders.association",
                "subject_id": str(made[pk]),
                "subject_label": f"{names[pk]} with {organisation_by_leader[pk].name}"[:255],
                "to_state": S.ACTIVE,
                "data": {
                    "leader_id": pk,
                    "organisation_id": organisation_by_leader[pk].pk,
                    "origin": origin,
                    "bulk": True,
                },
                "organisation_id": organisation_by_leader[pk].pk,
            }
            for pk in ids
        ],
    )
    for chunk in _chunked(ids):
        for other in Association.objects.filter(leader_id__in=chunk, status__in=[S.INVITED, S.REQUESTED]):
            transition(
                workflow=ASSOCIATION,
                obj=other,
                event="withdraw",
                actor=actor,
                reason=f"The leader associated with {organisation_by_leader[other.leader_id].name}",
                organisation=other.organisation,
            )
    return made
