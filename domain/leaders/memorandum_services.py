"""The memorandum of understanding between a leader and the alliance, hub or grouping they
associate with (DESIGN.md capability 4: "A memorandum of understanding records the relationship").
Each region publishes versions; each side of an association accepts the current version, and every
acceptance is kept."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max

from domain.audit.services import audit_record
from domain.organisations.models import Region

from .models import Association, Memorandum, MemorandumAcceptance, MemorandumParty
from .people import AssociationRefused
from .workflows import AssociationStatus


def memorandum_current(region) -> Memorandum | None:
    """The region's newest version, or None when it has published none."""
    if region is None:
        return None
    return Memorandum.objects.filter(region=region).order_by("-version").first()


def region_of(association: Association):
    organisation = association.organisation
    return organisation.region if organisation.region_id else None


@dataclass(frozen=True)
class MemorandumState:
    memorandum: Memorandum | None
    leader: MemorandumAcceptance | None
    organisation: MemorandumAcceptance | None

    @property
    def complete(self) -> bool:
        return self.memorandum is not None and self.leader is not None and self.organisation is not None

    def outstanding_for(self, party: str) -> bool:
        """True when `party` has still to accept the current version."""
        if self.memorandum is None:
            return False
        return (self.leader if party == MemorandumParty.LEADER else self.organisation) is None


def memorandum_state(association: Association, memorandum: Memorandum | None = None) -> MemorandumState:
    """Who has accepted the current version of the memorandum for this association."""
    memorandum = memorandum or memorandum_current(region_of(association))
    if memorandum is None:
        return MemorandumState(None, None, None)
    accepted = {
        a.party: a
        for a in MemorandumAcceptance.objects.filter(association=association, memorandum=memorandum).select_related(
            "accepted_by"
        )
    }
    return MemorandumState(memorandum, accepted.get(MemorandumParty.LEADER), accepted.get(MemorandumParty.ORGANISATION))


@transaction.atomic
def memorandum_publish(*, actor, region, title: str, body: str) -> Memorandum:
    """Publishes a new version of the region's memorandum. Associations then show the new version
    as waiting for both sides; earlier acceptances stay on the record."""
    title, body = (title or "").strip(), (body or "").strip()
    if not title:
        raise AssociationRefused("Enter a title for the memorandum")
    if not body:
        raise AssociationRefused("Enter the text of the memorandum")
    # One publisher at a time per region: the region's row is the lock (a lock on the versions
    # would not stop two publishers who both read the same newest version from numbering alike).
    Region.objects.select_for_update().get(pk=region.pk)
    latest = Memorandum.objects.filter(region=region).aggregate(v=Max("version"))["v"] or 0
    memorandum = Memorandum.objects.create(
        region=region, version=latest + 1, title=title[:200], body=body, published_by=actor
    )
    audit_record(
        actor=actor,
        action="leaders.memorandum.published",
        subject=memorandum,
        to_state=f"version {memorandum.version}",
        data={"region_id": region.pk, "version": memorandum.version},
    )
    return memorandum


@transaction.atomic
def memorandum_accept(
    *, actor, association: Association, party: str, memorandum: Memorandum | None = None
) -> MemorandumAcceptance:
    """Records that `actor` accepted the current version for `party` (the leader, or the alliance
    through one of its coordinators). The caller's policy decides who may speak for which side."""
    if party not in MemorandumParty.values:
        raise AssociationRefused(f"{party!r} is not a side of the memorandum")
    # Read again: the caller's copy may predate the association's end.
    if not Association.objects.filter(pk=association.pk, status=AssociationStatus.ACTIVE).exists():
        raise AssociationRefused("The memorandum is accepted for an active association only")
    current = memorandum_current(region_of(association))
    if current is None:
        raise AssociationRefused("The region has not published a memorandum of understanding yet")
    if memorandum is not None and memorandum.pk != current.pk:
        raise AssociationRefused(
            f"A newer version of the memorandum (version {current.version}) has been published: "
            "read it and accept that one"
        )
    try:
        with transaction.atomic():
            acceptance = MemorandumAcceptance.objects.create(
                association=association, memorandum=current, party=party, accepted_by=actor
            )
    except IntegrityError:
        raise AssociationRefused(f"Version {current.version} of the memorandum has already been accepted") from None
    audit_record(
        actor=actor,
        action="leaders.memorandum.accepted",
        subject=association,
        reason=f"{MemorandumParty(party).label} accepted version {current.version}",
        organisation=association.organisation,
        data={"memorandum_id": current.pk, "version": current.version, "party": party},
    )
    return acceptance
