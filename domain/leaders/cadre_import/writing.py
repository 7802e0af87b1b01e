"""The import of a region's existing leaders: check the file, then write everything in one
transaction, in bulk (issue 12, part 4). Re-runnable: the same file again changes nothing.

For each row: the person's account (no usable password) and their system leader role in their
school's organisation, the designation with its source, the association (active), the pen
portrait text sent to the alliance for approval, and the directory kept current. The people it
creates are invited (or their invitations held). One audit row records the import and its
counts; every record it creates has its own audit row."""

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass, field

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX as UNUSABLE
from django.db import transaction
from django.utils import timezone

from domain.accounts.models import Membership, User
from domain.accounts.roles import Role
from domain.accounts.workflows import MembershipStatus
from domain.audit.bulk import Audit, chunks, insert_rows
from domain.audit.services import audit_record
from domain.designation.models import Designation, DesignationRole
from domain.designation.workflows import DesignationStatus
from domain.organisations.models import AllianceMembership, Organisation
from domain.organisations.school_organisations import school_organisations_for
from domain.schools.bulk_writes import update_rows
from domain.schools.models import School

from ..association_bulk import associations_start_many
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


def _people(rows: list[RowResult], audit: Audit) -> dict[str, tuple[int, str]]:
    """(id, name) of each person in the file, by e-mail address: existing accounts, or made now
    with no usable password (the invitation's link lets them choose one)."""
    firsts: dict[str, LeaderRow] = {}
    people: dict[str, tuple[int, str]] = {}
    for result in rows:
        firsts.setdefault(result.row.email, result.row)
        if result.person_id:
            people[result.row.email] = (result.person_id, result.row.full_name)
    new = {email: row for email, row in firsts.items() if email not in people}
    # Each its own unusable password ("!" and a random suffix) and session salt (a default would
    # be computed once for every row).
    insert_rows(
        User,
        [
            {
                "email": e,
                "full_name": r.full_name,
                "password": UNUSABLE + secrets.token_hex(20),
                "session_salt": secrets.token_hex(),
            }
            for e, r in new.items()
        ],
    )
    for chunk in chunks(new):
        for pk, email, name in User.objects.filter(email__in=chunk).values_list("pk", "email", "full_name"):
            people[email] = (pk, name)
            audit.add("accounts.user.created", "accounts.user", pk, name, to_state="active")
    return people


def _memberships(people, school_of, organisations, audit) -> list[int]:
    """A system leader role in the leader's school's organisation, unless they hold it already.
    Returns the new roles' ids."""
    ids = [pk for pk, _ in people.values()]
    active = {"role": Role.SYSTEM_LEADER, "status": MembershipStatus.ACTIVE}
    held = set()
    for chunk in chunks(ids):
        held.update(Membership.objects.filter(user_id__in=chunk, **active).values_list("user_id", "organisation_id"))
    wanted = {
        pk: organisations[school_of[email]]
        for email, (pk, _) in people.items()
        if (pk, organisations[school_of[email]].pk) not in held
    }
    insert_rows(Membership, [{"user_id": pk, "organisation_id": o.pk, **active} for pk, o in wanted.items()])
    names = dict(people.values())
    made = []
    for chunk in chunks(wanted):
        for pk, user_id, organisation_id in Membership.objects.filter(user_id__in=chunk, **active).values_list(
            "pk", "user_id", "organisation_id"
        ):
            if wanted[user_id].pk != organisation_id:
                continue
            made.append(pk)
            label = f"{names[user_id]} - System leader, {wanted[user_id].name}"
            data = {"role": Role.SYSTEM_LEADER, "organisation_id": organisation_id}
            audit.add(
                "accounts.membership.added",
                "accounts.membership",
                pk,
                label,
                to_state="active",
                organisation_id=organisation_id,
                data=data,
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


def _designations(rows, people, audit) -> None:
    created = {}
    for result in rows:
        if result.outcome == CREATED:
            row = result.row
            body = row.designating_organisation
            created[(people[row.email][0], row.role)] = {
                "person_id": people[row.email][0],
                "role": row.role,
                "source": row.source,
                "organisation_id": body.id if body else None,
                "starts_on": row.designated_on,
                "status": DesignationStatus.ACTIVE,
                **_designation_values(row),
            }
    insert_rows(Designation, list(created.values()))
    names = dict(people.values())
    for chunk in chunks(pk for pk, _ in created):
        current = Designation.objects.current().filter(person_id__in=chunk)
        for pk, person_id, role in current.values_list("pk", "person_id", "role"):
            values = created.get((person_id, role))
            if values is None:
                continue
            starts = values["starts_on"]
            ends = values["ends_on"]
            audit.add(
                "designation.designation.created",
                "designation.designation",
                pk,
                f"{DesignationRole(role).label}: {names[person_id]} from {starts.day} {starts:%B %Y}",
                to_state=DesignationStatus.ACTIVE,
                organisation_id=values["organisation_id"],
                data={
                    "person_id": person_id,
                    "role": role,
                    "source": values["source"],
                    "organisation_id": values["organisation_id"],
                    "school_id": values["school_id"],
                    "starts_on": starts.isoformat(),
                    "ends_on": ends.isoformat() if ends else None,
                },
            )
    changed = [
        (r.designation_id, _designation_values(r.row)) for r in rows if r.outcome == UPDATED and r.designation_id
    ]
    update_rows(Designation, changed)
    for pk, values in changed:
        ends = values["ends_on"]
        audit.add(
            "designation.designation.changed",
            "designation.designation",
            pk,
            f"Designation {pk}",
            to_state=DesignationStatus.ACTIVE,
            reason="Changed by the import of existing leaders",
            data={"ends_on": ends.isoformat() if ends else None, "school_id": values["school_id"]},
        )


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


def _associations(actor, rows, people, organisations_by_id, audit) -> int:
    """Seed 000: one alliance, hub or grouping brokers each leader; their school joins it."""
    said, _ = _said(rows)
    wanted = {people[r.row.email][0]: organisations_by_id[said[r.row.email].id] for r in rows if r.associates}
    if not wanted:
        return 0
    associations_start_many(actor=actor, organisation_by_leader=wanted, origin=AssociationOrigin.IMPORT)
    school_of = {people[r.row.email][0]: r.row.school.id for r in rows}
    pairs = {(organisation.pk, school_of[leader_id]) for leader_id, organisation in wanted.items()}
    existing = set()
    for chunk in chunks(a for a, _ in pairs):
        existing.update(
            AllianceMembership.objects.filter(alliance_id__in=chunk).values_list("alliance_id", "school_id")
        )
    joins = sorted(pairs - existing)
    insert_rows(AllianceMembership, [{"alliance_id": a, "school_id": s, "is_teaching_school": False} for a, s in joins])
    for alliance_id, school_id in joins:
        organisation = organisations_by_id[alliance_id]
        audit.add(
            "organisations.alliance_membership.created",
            "organisations.organisation",
            alliance_id,
            organisation.name,
            organisation_id=alliance_id,
            reason="The school of an associated leader joined (import of existing leaders)",
            data={"school_id": school_id},
        )
    return len(wanted)


def _portraits(rows, people, audit) -> int:
    """The pen portrait text, sent to the alliance for approval (issue 12: leaders are "in the
    directory once their pen portraits are approved"). A version waiting for approval takes the
    new text; otherwise a new version is submitted, and a published one stays until approved."""
    _, said = _said(rows)
    texts, specialisms, phases = {}, {}, {}
    for r in rows:
        pk = people[r.row.email][0]
        mine = specialisms.setdefault(pk, [])
        mine.extend(code for code in r.row.specialisms if code not in mine)
        mine = phases.setdefault(pk, [])
        mine.extend(code for code in r.row.phases if code not in mine)
        if r.writes_portrait:
            texts[pk] = said[r.row.email]
    latest = {}
    for chunk in chunks(texts):
        for pk, leader_id, version, status in (
            PenPortrait.objects.filter(leader_id__in=chunk)
            .order_by("version")
            .values_list("pk", "leader_id", "version", "status")
        ):
            latest[leader_id] = (pk, version, status)
    now = timezone.now()
    new, changed = [], []
    for leader_id, text in texts.items():
        pk, version, status = latest.get(leader_id, (None, 0, None))
        if status == PortraitStatus.SUBMITTED:
            changed.append((pk, {"experience": text}))
            continue
        new.append(
            {
                "leader_id": leader_id,
                "version": version + 1,
                "status": PortraitStatus.SUBMITTED,
                "experience": text,
                "specialisms": specialisms.get(leader_id, []),
                "phases": phases.get(leader_id, []),
                "submitted_at": now,
                "created_at": now,
            }
        )
    insert_rows(PenPortrait, new)
    update_rows(PenPortrait, changed)
    names = dict(people.values())
    made = {(p["leader_id"], p["version"]) for p in new}
    for chunk in chunks(leader for leader, _ in made):
        query = PenPortrait.objects.filter(leader_id__in=chunk, status=PortraitStatus.SUBMITTED)
        for pk, leader_id, version in query.values_list("pk", "leader_id", "version"):
            if (leader_id, version) in made:
                label = f"Pen portrait of {names[leader_id]} (version {version})"
                audit.add(
                    "leaders.pen_portrait.created", "leaders.penportrait", pk, label, to_state=PortraitStatus.SUBMITTED
                )
    for pk, _ in changed:
        audit.add(
            "leaders.pen_portrait.changed",
            "leaders.penportrait",
            pk,
            f"Pen portrait {pk}",
            to_state=PortraitStatus.SUBMITTED,
        )
    return len(new) + len(changed)


def _write(*, actor, result: CheckResult, hold_invitations: bool) -> dict:
    from domain.accounts.invitations import InvitationRefused, invitations_create

    rows = [r for r in result.rows if r.row is not None]
    if not any(r.outcome in (CREATED, UPDATED) for r in rows):
        return {**result.counts, "accounts": 0, "roles": 0, "associations": 0, "pen_portraits": 0, "invitations": 0}
    audit = Audit(actor)
    people = _people(rows, audit)
    school_of = {}
    for r in rows:
        school_of.setdefault(r.row.email, r.row.school.id)
    schools = [
        s
        for chunk in chunks(school_of.values())
        for s in School.objects.filter(pk__in=chunk).only("pk", "name", "region_id")
    ]
    organisations = school_organisations_for(schools=schools, actor=actor)
    memberships = _memberships(people, school_of, organisations, audit)
    named = {r.row.organisation.id for r in rows if r.row.organisation is not None}
    organisations_by_id = {o.pk: o for chunk in chunks(named) for o in Organisation.objects.filter(pk__in=chunk)}
    _designations(rows, people, audit)
    associated = _associations(actor, rows, people, organisations_by_id, audit)
    portraits = _portraits(rows, people, audit)
    audit.write()
    # The directory lists only published pen portraits: it changes only for people who had one.
    existing = {r.person_id for r in rows if r.person_id}
    for chunk in chunks(existing):
        published = PenPortrait.objects.filter(leader_id__in=chunk, status=PortraitStatus.PUBLISHED)
        for user in User.objects.filter(pk__in=published.values("leader_id")):
            directory_refresh(user)
    if hasattr(actor, "_invite_scope"):
        del actor._invite_scope  # read again: the import has just added schools to alliances
    roles = [m for chunk in chunks(memberships) for m in Membership.objects.filter(pk__in=chunk)]
    try:
        invitations = invitations_create(actor=actor, memberships=roles, send=not hold_invitations)
    except InvitationRefused as refusal:
        raise AssociationRefused(str(refusal)) from None
    return {
        **result.counts,
        "accounts": len({r.row.email for r in rows if not r.person_id}),
        "roles": len(memberships),
        "associations": associated,
        "pen_portraits": portraits,
        "invitations": len(invitations),
    }
