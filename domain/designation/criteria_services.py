"""Changes to the stored criteria sets and assessment grids: a new draft from the version in
force, its document edited, the regional board's agreement recorded, the agreed version put in
force (the one in force before it is superseded, never deleted). Each change is audited in its
transaction. Seed 000, Criteria and Application and selection: the region's criteria and its
assessment grid are the regional board's to agree."""

import copy
import datetime as dt
import json

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from domain.audit.services import audit_record

from .criteria.grids import parse_grid
from .criteria.sets import CriteriaSetError, parse_set
from .criteria_models import CriteriaKind, CriteriaStatus, CriteriaVersion
from .criteria_policies import can_manage_criteria_version
from .criteria_wording import MAX_NUMBER, MAX_WORDING, apply_wording, wording_parts

MAX_AGREED_BY = 200
MAX_DOCUMENT = 200_000


# Where each entry comes from (the delivery plans' sections) is kept with the version but not
# edited on the page: people read the criteria, not the references behind them.
KEPT_KEYS = ("source",)
KEPT_TOP_KEYS = ("source", "description")


def _children(document: dict):
    """(path, entry) for every entry of a set or grid that may carry a source."""
    for g in document.get("groups") or []:
        if isinstance(g, dict):
            yield ("group", g.get("id")), g
            for c in g.get("criteria") or []:
                if isinstance(c, dict):
                    yield ("criterion", c.get("id")), c
                    if isinstance(c.get("exception"), dict):
                        yield ("exception", c["exception"].get("id")), c["exception"]
    for c in document.get("competencies") or []:
        if isinstance(c, dict):
            yield ("competency", c.get("key")), c


def editable_document(document: dict) -> dict:
    """The document as the page edits it: without the sources and the set's description."""
    editable = {k: v for k, v in copy.deepcopy(document).items() if k not in KEPT_TOP_KEYS}
    for _, entry in _children(editable):
        for key in KEPT_KEYS:
            entry.pop(key, None)
    return editable


def with_kept_entries(edited: dict, previous: dict) -> dict:
    """The edited document with the sources and description of `previous` put back, entry by
    entry (by id); a new entry has none."""
    document = {**edited, **{k: previous[k] for k in KEPT_TOP_KEYS if k in previous and k not in edited}}
    kept = dict(_children(previous))
    for path, entry in _children(document):
        for key in KEPT_KEYS:
            if key not in entry and key in kept.get(path, {}):
                entry[key] = kept[path][key]
    return document


class CriteriaRefused(ValueError):
    """A change to a criteria set or grid that is not allowed; the message says why."""


def _refuse_unless_allowed(actor, version):
    if not can_manage_criteria_version(actor, version):
        raise CriteriaRefused("Only a regional representative of the region can change its criteria")


def _locked(version: CriteriaVersion) -> CriteriaVersion:
    return CriteriaVersion.objects.select_for_update().get(pk=version.pk)


def validate_document(kind: str, document) -> None:
    """Raises CriteriaRefused naming the bad entry when the document is not a valid set, grid or
    application form."""
    try:
        if kind == CriteriaKind.GRID:
            parse_grid(document, file="The grid")
        elif kind == CriteriaKind.FORM:
            from domain.recruitment.form_documents import parse_form

            parse_form(document, file="The form")
        else:
            parse_set({**document, "status": "draft"} if isinstance(document, dict) else document, file="The criteria")
    except CriteriaSetError as error:
        raise CriteriaRefused(str(error)) from None


@transaction.atomic
def criteria_draft_start(*, actor, source: CriteriaVersion) -> CriteriaVersion:
    """A new draft version of `source`'s set or grid, starting from `source`'s document."""
    _refuse_unless_allowed(actor, source)
    source = _locked(source)
    same = CriteriaVersion.objects.select_for_update().filter(kind=source.kind, set_id=source.set_id)
    draft = same.filter(status=CriteriaStatus.DRAFT).first()
    if draft is not None:
        raise CriteriaRefused(f"Version {draft.version} is already a draft: change that one")
    number = (same.aggregate(n=Max("version"))["n"] or 0) + 1
    document = {**copy.deepcopy(source.document), "version": number}
    draft = CriteriaVersion.objects.create(
        kind=source.kind,
        set_id=source.set_id,
        version=number,
        role=source.role,
        region=source.region,
        title=source.title,
        status=CriteriaStatus.DRAFT,
        document=document,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        action="designation.criteria.drafted",
        subject=draft,
        to_state=draft.status,
        data={"ref": draft.ref, "from": source.ref},
    )
    return draft


def _save_draft(*, actor, draft: CriteriaVersion, document: dict, how: str) -> CriteriaVersion:
    _refuse_unless_allowed(actor, draft)
    locked = _locked(draft)
    if locked.status != CriteriaStatus.DRAFT:
        raise CriteriaRefused("Only a draft can be changed: start a new draft from the version in force")
    document.pop("status", None)  # a stored version's status is its row's
    for key in ("id", "version", "role", "region"):
        if key in locked.document and document.get(key) != locked.document[key]:
            raise CriteriaRefused(f"The {key} of a version cannot be changed: keep {locked.document[key]!r}")
    document = with_kept_entries(document, locked.document)
    validate_document(locked.kind, document)
    locked.document = document
    locked.title = document["title"].strip()[:200]
    locked.save(update_fields=["document", "title"])
    audit_record(
        actor=actor, action="designation.criteria.edited", subject=locked, data={"ref": locked.ref, "how": how}
    )
    draft.document, draft.title = locked.document, locked.title
    return draft


@transaction.atomic
def criteria_draft_update(*, actor, draft: CriteriaVersion, text: str) -> CriteriaVersion:
    """Replaces the draft's document with `text` (JSON), validated as a set or grid. Its id,
    version, role and region stay the draft's."""
    if not isinstance(text, str) or not text.strip():
        raise CriteriaRefused("Enter the criteria")
    if len(text) > MAX_DOCUMENT:
        raise CriteriaRefused(f"The criteria must be {MAX_DOCUMENT:,} characters or fewer")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise CriteriaRefused(f"The criteria are not written correctly (line {error.lineno}: {error.msg})") from None
    if not isinstance(document, dict):
        raise CriteriaRefused("The criteria must be one object, starting with { and ending with }")
    return _save_draft(actor=actor, draft=draft, document=document, how="document")


@transaction.atomic
def criteria_draft_reword(*, actor, draft: CriteriaVersion, values: dict) -> CriteriaVersion:
    """Changes the draft's wording and numbers (criteria_wording.wording_parts: key -> value):
    each text non-empty (an optional one, like a section's hint, may be empty) and at most
    MAX_WORDING characters, each number a whole number from 0 to MAX_NUMBER, each yes or no a
    boolean."""
    _refuse_unless_allowed(actor, draft)
    parts = {p.key: p for p in wording_parts(draft.kind, draft.document)}
    clean = {}
    for key, value in (values or {}).items():
        part = parts.get(key)
        if part is None:
            continue
        if part.kind == "number":
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_NUMBER:
                raise CriteriaRefused(f"{part.full_label} must be a whole number from 0 to {MAX_NUMBER}")
        elif part.kind == "yes_no":
            if not isinstance(value, bool):
                raise CriteriaRefused(f"Say {part.full_label[0].lower()}{part.full_label[1:]}")
        else:
            value = value.strip() if isinstance(value, str) else ""
            if not value and part.kind != "optional_text":
                raise CriteriaRefused(f"Enter the wording of {part.full_label[0].lower()}{part.full_label[1:]}")
            if len(value) > MAX_WORDING:
                raise CriteriaRefused(f"{part.full_label} must be {MAX_WORDING:,} characters or fewer")
        clean[key] = value
    document = apply_wording(draft.kind, draft.document, clean)
    return _save_draft(actor=actor, draft=draft, document=document, how="wording")


@transaction.atomic
def criteria_agree(*, actor, version: CriteriaVersion, agreed_by: str, agreed_on: dt.date) -> CriteriaVersion:
    """Records that the regional board agreed the draft: who (as the board's record names it)
    and on which day. The representative records it on the board's behalf."""
    _refuse_unless_allowed(actor, version)
    locked = _locked(version)
    if locked.status != CriteriaStatus.DRAFT:
        raise CriteriaRefused(f"Only a draft can be agreed; this version is {locked.get_status_display().lower()}")
    agreed_by = (agreed_by or "").strip()
    if not agreed_by:
        raise CriteriaRefused("Enter who agreed the criteria, for example the regional board")
    if len(agreed_by) > MAX_AGREED_BY:
        raise CriteriaRefused(f"Who agreed the criteria must be {MAX_AGREED_BY} characters or fewer")
    if not isinstance(agreed_on, dt.date):
        raise CriteriaRefused("Enter the date the board agreed the criteria")
    if agreed_on > timezone.localdate():
        raise CriteriaRefused("The date the board agreed the criteria must be today or in the past")
    validate_document(locked.kind, locked.document)
    locked.status = CriteriaStatus.AGREED
    locked.agreed_by, locked.agreed_on = agreed_by, agreed_on
    locked.agreement_recorded_by = actor if getattr(actor, "pk", None) else None
    locked.save(update_fields=["status", "agreed_by", "agreed_on", "agreement_recorded_by"])
    audit_record(
        actor=actor,
        action="designation.criteria.agreed",
        subject=locked,
        from_state=CriteriaStatus.DRAFT,
        to_state=locked.status,
        data={"ref": locked.ref, "agreed_by": agreed_by, "agreed_on": agreed_on.isoformat()},
    )
    return locked


@transaction.atomic
def criteria_put_in_force(*, actor, version: CriteriaVersion) -> CriteriaVersion:
    """Puts the agreed version in force from today; the version in force before it is superseded
    (kept: applications made under it are still judged by it)."""
    _refuse_unless_allowed(actor, version)
    locked = _locked(version)
    if locked.status != CriteriaStatus.AGREED:
        raise CriteriaRefused(
            "Only a version the regional board has agreed can be put in force; this version is "
            f"{locked.get_status_display().lower()}"
        )
    today = timezone.localdate()
    previous = (
        CriteriaVersion.objects.select_for_update()
        .filter(kind=locked.kind, set_id=locked.set_id, status=CriteriaStatus.IN_FORCE)
        .first()
    )
    if previous is not None:
        previous.status, previous.superseded_on = CriteriaStatus.SUPERSEDED, today
        previous.save(update_fields=["status", "superseded_on"])
        audit_record(
            actor=actor,
            action="designation.criteria.superseded",
            subject=previous,
            from_state=CriteriaStatus.IN_FORCE,
            to_state=previous.status,
            data={"ref": previous.ref, "by": locked.ref},
        )
    locked.status, locked.in_force_from = CriteriaStatus.IN_FORCE, today
    locked.save(update_fields=["status", "in_force_from"])
    audit_record(
        actor=actor,
        action="designation.criteria.in_force",
        subject=locked,
        from_state=CriteriaStatus.AGREED,
        to_state=locked.status,
        data={"ref": locked.ref},
    )
    return locked
