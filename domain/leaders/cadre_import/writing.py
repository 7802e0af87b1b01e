"""The import of a region's existing leaders: check the file, then write everything in one
transaction, in bulk (issue 12, part 4). Re-runnable: the same file again changes nothing.

For each row: the person's account (no usable password) and their system leader role in their
school's organisation, the designation with its source, the association (active), the pen
portrait text sent to the alliance for approval, and the directory kept current. The people it
creates are invited (or their invitations held). One audit row records the import and its
counts; every record it creates has its own audit row."""

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from domain.accounts.models import Membership, User
from domain.accounts.roles import Role
from domain.accounts.workflows import MembershipStatus
from domain.audit.models import AuditEvent
from domain.audit.services import audit_record, subject_type_of
from domain.designation.models import Designation
from domain.organisations.models import AllianceMembership, Organisation
from domain.organisations.school_organisations import school_organisations_for
from domain.schools.models import School

from ..association_services import associations_start_many
from ..directory import directory_refresh
from ..models import AssociationOrigin, CadreUpload, PenPortrait
from ..people import AssociationRefused
from ..workflows import PortraitStatus
from .checking import CREATED, UPDATED, CheckResult, LeaderRow, RowResult, check_sheet
from .context import load_context
from .reading import read_sheet
from .values import CellRefused, urn_of


class CadreImportRefused(Exception):
    """Nothing was written; `result` says why, by row and column."""

    def __init__(self, result: CheckResult):
        super().__init__("; ".join(result.reasons[:3]) or "The file cannot be imported")
        self.result = result


@dataclass
class ImportReport:
    result: CheckResult
    upload: CadreUpload
    counts: dict = field(default_factory=dict)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_file(*, actor, data: bytes, today: dt.date | None = None) -> CheckResult:
    """Reads and checks the file; writes nothing."""
    sheet = read_sheet(data)
    if sheet.problems:
        return CheckResult(problems=sheet.problems)
    urns = []
    for raw in sheet.rows:
        cell = raw.cells.get("urn")
        try:
            urns.append(urn_of(cell.value if cell else None))
        except CellRefused:
            continue
    context = load_context(
        actor=actor,
        emails=[raw.text("email").lower() for raw in sheet.rows],
        urns=urns,
        today=today or timezone.localdate(),
    )
    return check_sheet(sheet, context)


def cadre_import(
    *, actor, data: bytes, filename: str, hold_invitations: bool = False, upload: CadreUpload | None = None
) -> ImportReport:
    """Checks `data` again and writes it all, or nothing (CadreImportRefused with the check)."""
    with transaction.atomic():
        result = check_file(actor=actor, data=data)
        if not result.ok:
            raise CadreImportRefused(result)
        if upload is None:
            upload = CadreUpload.objects.create(
                uploaded_by=actor, filename=filename[:255], content=data, sha256=sha256_of(data)
            )
        try:
            counts = _write(actor=actor, result=result, hold_invitations=hold_invitations)
        except AssociationRefused as refusal:
            raise CadreImportRefused(CheckResult(rows=result.rows, problems=[str(refusal)])) from None
        upload.imported_at = timezone.now()
        upload.counts = counts
        upload.save(update_fields=["imported_at", "counts"])
        audit_record(
            actor=actor,
            action="leaders.cadre.imported",
            subject=upload,
            to_state="imported",
            reason=f"Existing leaders imported from {upload.filename}",
            data={**counts, "sha256": upload.sha256, "held_invitations": hold_invitations},
        )
    return ImportReport(result=result, upload=upload, counts=counts)


# Writing ----------------------------------------------------------------------------------------


class _Events:
    """Audit rows for what the import creates, written together in one bulk insert."""

    def __init__(self, actor):
        self.actor = actor if getattr(actor, "pk", None) else None
        self.now = timezone.now()
        self.rows: list[AuditEvent] = []

    def add(self, action, subject, *, to_state="", organisation=None, data=None, reason=""):
        self.rows.append(
            AuditEvent(
                occurred_at=self.now,
                actor=self.actor,
                action=action,
                subject_type=subject_type_of(subject),
                subject_id=str(subject.pk),
                subject_label=str(subject)[:255],
                to_state=to_state,
                reason=reason,
                data={**(data or {}), "bulk": True, "import": True},
                organisation=organisation,
            )
        )

    def write(self):
        AuditEvent.objects.bulk_create(self.rows, batch_size=2_000)


def _people(rows: list[RowResult], events: _Events) -> dict[str, User]:
    """The account of each person in the file, by e-mail address: existing or made now."""
    firsts: dict[str, LeaderRow] = {}
    existing: dict[str, int] = {}
    for result in rows:
        firsts.setdefault(result.row.email, result.row)
        if result.person_id:
            existing[result.row.email] = result.person_id
    people = {u.email.lower(): u for u in _in_bulk(User, existing.values())}
    new = [
        User(email=email, full_name=row.full_name, password=make_password(None))
        for email, row in firsts.items()
        if email not in existing
    ]
    User.objects.bulk_create(new, batch_size=2_000)
    for user in new:
        events.add("accounts.user.created", user, to_state="active")
        people[user.email] = user
    return people


def _in_bulk(model, ids, **select):
    ids = sorted(set(ids))
    found = []
    for start in range(0, len(ids), 2_000):
        found.extend(model.objects.filter(pk__in=ids[start : start + 2_000], **select))
    return found


def _memberships(people, schools_by_email, organisations, events) -> list[Membership]:
    """A system leader role in the leader's school's organisation, unless they hold it already."""
    ids = [u.pk for u in people.values()]
    held = set()
    for start in range(0, len(ids), 2_000):
        held.update(
            Membership.objects.filter(
                user_id__in=ids[start : start + 2_000], role=Role.SYSTEM_LEADER, status=MembershipStatus.ACTIVE
            ).values_list("user_id", "organisation_id")
        )
    made = []
    for email, user in people.items():
        organisation = organisations[schools_by_email[email]]
        if (user.pk, organisation.pk) not in held:
            made.append(Membership(user=user, organisation=organisation, role=Role.SYSTEM_LEADER))
    Membership.objects.bulk_create(made, batch_size=2_000)
    for membership in made:
        events.add(
            "accounts.membership.added",
            membership,
            to_state="active",
            organisation=membership.organisation,
            data={"role": Role.SYSTEM_LEADER, "organisation_id": membership.organisation_id},
        )
    return made


def _designation_values(row: LeaderRow) -> dict:
    return {
        "school_id": row.school.id,
        "phases": row.phases,
        "specialisms": row.specialisms,
        "ends_on": row.ends_on,
        "term_years": row.term_years,
    }


def _designations(rows, people, organisations_by_id, events) -> None:
    created = []
    for result in rows:
        if result.outcome != CREATED:
            continue
        row = result.row
        body = row.designating_organisation
        created.append(
            Designation(
                person=people[row.email],
                role=row.role,
                source=row.source,
                organisation=organisations_by_id[body.id] if body else None,
                starts_on=row.designated_on,
                **_designation_values(row),
            )
        )
    Designation.objects.bulk_create(created, batch_size=2_000)
    for d in created:
        events.add(
            "designation.designation.created",
            d,
            to_state=d.status,
            organisation=d.organisation,
            data={
                "person_id": d.person_id,
                "role": d.role,
                "source": d.source,
                "organisation_id": d.organisation_id,
                "school_id": d.school_id,
                "starts_on": d.starts_on.isoformat(),
                "ends_on": d.ends_on.isoformat() if d.ends_on else None,
            },
        )
    changed = {r.designation_id: r.row for r in rows if r.outcome == UPDATED and r.designation_id}
    fields = ["school_id", "phases", "specialisms", "ends_on", "term_years"]
    updates = []
    for designation in _in_bulk(Designation, changed):
        values = _designation_values(changed[designation.pk])
        before = {name: getattr(designation, name) for name in fields}
        if before == values:
            continue
        for name, value in values.items():
            setattr(designation, name, value)
        updates.append(designation)
        events.add(
            "designation.designation.changed",
            designation,
            to_state=designation.status,
            reason="Changed by the import of existing leaders",
            data={"ends_on": designation.ends_on.isoformat() if designation.ends_on else None},
        )
    Designation.objects.bulk_update(updates, fields, batch_size=500)


def _said(rows) -> tuple[dict, dict]:
    """What a person's rows name, by e-mail address: their association and pen portrait text
    (the first row that names one; the checker has refused rows that disagree)."""
    organisations, texts = {}, {}
    for r in rows:
        if r.row.organisation is not None:
            organisations.setdefault(r.row.email, r.row.organisation)
        if r.row.portrait_text:
            texts.setdefault(r.row.email, r.row.portrait_text)
    return organisations, texts


def _associations(actor, rows, people, organisations_by_id, events) -> int:
    """Seed 000: one alliance, hub or grouping brokers each leader; their school joins it."""
    said, _ = _said(rows)
    wanted = {people[r.row.email].pk: organisations_by_id[said[r.row.email].id] for r in rows if r.associates}
    associations_start_many(actor=actor, organisation_by_leader=wanted, origin=AssociationOrigin.IMPORT)
    school_of = {people[r.row.email].pk: r.row.school.id for r in rows}
    pairs = {(organisation.pk, school_of[leader_id]) for leader_id, organisation in wanted.items()}
    alliance_ids = sorted({a for a, _ in pairs})
    existing = set()
    for start in range(0, len(alliance_ids), 2_000):
        existing.update(
            AllianceMembership.objects.filter(alliance_id__in=alliance_ids[start : start + 2_000]).values_list(
                "alliance_id", "school_id"
            )
        )
    joins = [AllianceMembership(alliance_id=a, school_id=s) for a, s in sorted(pairs - existing)]
    AllianceMembership.objects.bulk_create(joins, batch_size=2_000)
    for join in joins:
        organisation = organisations_by_id[join.alliance_id]
        events.add(
            "organisations.alliance_membership.created",
            organisation,
            organisation=organisation,
            reason="The school of an associated leader joined (import of existing leaders)",
            data={"school_id": join.school_id},
        )
    return len(wanted)


def _portraits(rows, people, events) -> int:
    """The pen portrait text, sent to the alliance for approval (issue 12: leaders are "in the
    directory once their pen portraits are approved"). A version waiting for approval takes the
    new text; otherwise a new version is submitted, and a published one stays until approved."""
    texts, specialisms, phases = {}, {}, {}
    for r in rows:
        user = people[r.row.email]
        specialisms.setdefault(user.pk, []).extend(s for s in r.row.specialisms if s not in specialisms[user.pk])
        phases.setdefault(user.pk, []).extend(p for p in r.row.phases if p not in phases[user.pk])
        if r.writes_portrait:
            texts[user.pk] = next(
                x.row.portrait_text for x in rows if x.row.email == r.row.email and x.row.portrait_text
            )
    if not texts:
        return 0
    latest = {}
    ids = sorted(texts)
    for start in range(0, len(ids), 2_000):
        for portrait in PenPortrait.objects.filter(leader_id__in=ids[start : start + 2_000]).order_by("version"):
            latest[portrait.leader_id] = portrait
    now = timezone.now()
    new, changed = [], []
    for leader_id, text in texts.items():
        current = latest.get(leader_id)
        if current is not None and current.status == PortraitStatus.SUBMITTED:
            current.experience = text
            changed.append(current)
            continue
        new.append(
            PenPortrait(
                leader_id=leader_id,
                version=(current.version + 1) if current else 1,
                status=PortraitStatus.SUBMITTED,
                experience=text,
                specialisms=specialisms.get(leader_id, []),
                phases=phases.get(leader_id, []),
                submitted_at=now,
            )
        )
    PenPortrait.objects.bulk_create(new, batch_size=2_000)
    PenPortrait.objects.bulk_update(changed, ["experience"], batch_size=500)
    for portrait in new:
        events.add("leaders.pen_portrait.created", portrait, to_state=PortraitStatus.SUBMITTED)
    for portrait in changed:
        events.add("leaders.pen_portrait.changed", portrait, to_state=portrait.status)
    return len(new) + len(changed)


def _write(*, actor, result: CheckResult, hold_invitations: bool) -> dict:
    from domain.accounts.invitations import InvitationRefused, invitations_create

    rows = [r for r in result.rows if r.row is not None]
    events = _Events(actor)
    people = _people(rows, events)
    schools_by_email = {}
    for r in rows:
        schools_by_email.setdefault(r.row.email, r.row.school.id)
    schools = _in_bulk(School, schools_by_email.values())
    organisations = school_organisations_for(schools=schools, actor=actor)
    memberships = _memberships(people, schools_by_email, organisations, events)
    named = {r.row.organisation.id for r in rows if r.row.organisation is not None}
    organisations_by_id = {o.pk: o for o in _in_bulk(Organisation, named)}
    _designations(rows, people, organisations_by_id, events)
    associated = _associations(actor, rows, people, organisations_by_id, events)
    portraits = _portraits(rows, people, events)
    events.write()
    # The directory lists only published pen portraits: it changes for people who already had one.
    existing = [people[r.row.email] for r in rows if r.person_id]
    listed = set()
    ids = sorted({u.pk for u in existing})
    for start in range(0, len(ids), 2_000):
        listed.update(
            PenPortrait.objects.filter(
                leader_id__in=ids[start : start + 2_000], status=PortraitStatus.PUBLISHED
            ).values_list("leader_id", flat=True)
        )
    for user in {u.pk: u for u in existing if u.pk in listed}.values():
        directory_refresh(user)
    if hasattr(actor, "_invite_scope"):
        del actor._invite_scope  # read again: the import has just added schools to alliances
    new_accounts = {
        u.pk for u in people.values() if not u.has_usable_password() and u.pk not in {r.person_id for r in rows}
    }
    try:
        invitations = invitations_create(
            actor=actor, memberships=[m for m in memberships if m.user_id in new_accounts], send=not hold_invitations
        )
    except InvitationRefused as refusal:
        raise AssociationRefused(str(refusal)) from None
    counts = result.counts
    return {
        "created": counts["created"],
        "updated": counts["updated"],
        "unchanged": counts["unchanged"],
        "accounts": len({r.row.email for r in rows if not r.person_id}),
        "roles": len(memberships),
        "associations": associated,
        "pen_portraits": portraits,
        "invitations": len(invitations),
    }
