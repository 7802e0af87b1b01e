"""Application forms as the region's own data (issue 14, item 6: "Criteria sets, forms and grids as
the region's own data: each goes draft, then agreed by the regional board, then in force. Every
version is kept."). A form's version is a stored criteria_models.CriteriaVersion of kind "form",
its document JSON mirroring the application_form dataclasses:

    {"id": "yh-lle-2026", "version": 1, "role": "lle", "region": "YH", "title": "...",
     "posts_required": true, "asks_specialisms": false, "preferred_posts": ["headteacher"],
     "sections": [{"key": "headship", "title": "...", "required": true, "criteria": [],
                   "route": "", "hint": ""}],
     "declarations": [{"key": "information_true", "text": "...", "criterion": ""}],
     "routes": [{"key": "turnaround_head", "title": "...", "hint": "..."}]}

`parse_form` validates a document into the same ApplicationForm, refusing a malformed one with
one message naming the bad entry (like criteria.sets.parse_set). The form's version string
("yh-lle-2026@1") is the stored version's ref, so a round's `form_version` names its row. The
forms written in code (application_form.FORMS) are the first versions (migration 0005) and the
tests' fixtures."""

from domain.designation.criteria.sets import ID_PATTERN, CriteriaSetError, identity

from .application_form import ApplicationForm, Declaration, Route, Section

ROLES = ("lle", "sle", "nle", "nlg")
NATIONAL = "national"
# The first versions' titles and regions: the LLE forms are the region's (seed 000, Application and
# selection: "a regional application form"); the SLE, NLE and NLG forms start national.
FIRST_VERSIONS = {
    "yh-2017@1": ("Local leader of education application form, 2017", "YH"),
    "yh-lle-2026@1": ("Local leader of education application form", "YH"),
    "sle-2026@1": ("Specialist leader of education application form", NATIONAL),
    "nlg-2026@1": ("National leader of governance application form", NATIONAL),
    "nle-2026@1": ("National leader of education application form", NATIONAL),
}


def document_of(form: ApplicationForm, title: str = "", region: str = "") -> dict:
    """The JSON document of a form written in code (the first versions and the tests)."""
    set_id, _, version = form.version.partition("@")
    first_title, first_region = FIRST_VERSIONS.get(form.version, ("", NATIONAL))
    return {
        "id": set_id,
        "version": int(version),
        "role": form.role,
        "region": region or first_region,
        "title": title or first_title,
        "posts_required": form.posts_required,
        "asks_specialisms": form.asks_specialisms,
        "preferred_posts": list(form.preferred_posts),
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "required": s.required,
                "criteria": list(s.criteria),
                "route": s.route,
                "hint": s.hint,
            }
            for s in form.sections
        ],
        "declarations": [{"key": d.key, "text": d.text, "criterion": d.criterion} for d in form.declarations],
        "routes": [{"key": r.key, "title": r.title, "hint": r.hint} for r in form.routes],
    }


def _need(condition, where: str, message: str):
    if not condition:
        raise CriteriaSetError(f"{where}: {message}")


def _text(raw: dict, key: str, where: str, required: bool = True) -> str:
    value = raw.get(key, "")
    _need(isinstance(value, str) and (value.strip() or not required), f"{where}.{key}", "give a non-empty text")
    return value


def _flag(raw: dict, key: str, where: str, default: bool) -> bool:
    value = raw.get(key, default)
    _need(isinstance(value, bool), f"{where}.{key}", "give true or false")
    return value


def _codes(raw: dict, key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    _need(
        isinstance(value, list) and all(isinstance(v, str) and ID_PATTERN.match(v) for v in value),
        f"{where}.{key}",
        "give a list of codes (lower case letters, digits, - and _)",
    )
    return tuple(value)


def _entries(raw: dict, name: str, file: str, required: bool):
    """(where, entry) for each entry of the list `name`, each an object with a key used once."""
    listed = raw.get(name, [])
    _need(isinstance(listed, list) and (listed or not required), f"{file}: {name}", f"give at least one {name[:-1]}")
    seen = set()
    for n, item in enumerate(listed):
        where = f"{file}: {name}[{n}]"
        _need(isinstance(item, dict), where, "expected an object {...}")
        key = item.get("key")
        _need(isinstance(key, str) and bool(ID_PATTERN.match(key)), f"{where}.key", f"{key!r} is not a key")
        _need(key not in seen, f"{where}.key", f"the key {key!r} is used twice in this form")
        seen.add(key)
        yield f"{where} ({key!r})", item


def parse_form(raw, file: str = "<form>") -> ApplicationForm:
    """An ApplicationForm from its JSON document; CriteriaSetError names the bad entry."""
    _need(isinstance(raw, dict), file, "an application form is a JSON object {...}")
    form_id, version = identity(raw, file)
    role = raw.get("role")
    _need(role in ROLES, f"{file}: role", f"{role!r} is not one of {', '.join(ROLES)}")
    for key in ("title", "region"):
        _text(raw, key, file)
    routes = tuple(
        Route(key=item["key"], title=_text(item, "title", where), hint=_text(item, "hint", where, required=False))
        for where, item in _entries(raw, "routes", file, required=False)
    )
    route_keys = {r.key for r in routes}
    sections = []
    for where, item in _entries(raw, "sections", file, required=True):
        route = _text(item, "route", where, required=False)
        _need(not route or route in route_keys, f"{where}.route", f"{route!r} is not one of the form's routes")
        sections.append(
            Section(
                key=item["key"],
                title=_text(item, "title", where),
                required=_flag(item, "required", where, True),
                criteria=_codes(item, "criteria", where),
                route=route,
                hint=_text(item, "hint", where, required=False),
            )
        )
    declarations = tuple(
        Declaration(
            key=item["key"],
            text=_text(item, "text", where),
            criterion=_text(item, "criterion", where, required=False),
        )
        for where, item in _entries(raw, "declarations", file, required=True)
    )
    return ApplicationForm(
        version=f"{form_id}@{version}",
        sections=tuple(sections),
        declarations=declarations,
        role=role,
        posts_required=_flag(raw, "posts_required", file, True),
        asks_specialisms=_flag(raw, "asks_specialisms", file, False),
        routes=routes,
        preferred_posts=_codes(raw, "preferred_posts", file),
    )


# Reads of the stored versions ------------------------------------------------------------------


def _form_rows():
    from domain.designation.criteria_models import CriteriaKind, CriteriaVersion

    return CriteriaVersion.objects.filter(kind=CriteriaKind.FORM)


def stored_form(row) -> ApplicationForm:
    return parse_form(row.document, file=f"{row.set_id} version {row.version}")


def form_row(ref: str):
    """The stored version of a form by its version string ("ID@VERSION"), or None."""
    set_id, _, version = (ref or "").partition("@")
    if not version.isdigit():
        return None
    return _form_rows().filter(set_id=set_id, version=int(version)).first()


def in_force_form_version(role: str, region: str | None = None) -> str | None:
    """The version string of `role`'s form in force: the region's own, else the national one (for
    an organisation in no region, any region's)."""
    from domain.designation.criteria_models import CriteriaStatus

    rows = _form_rows().filter(role=role, status=CriteriaStatus.IN_FORCE)
    if region is not None:
        rows = rows.filter(region__in=[region, NATIONAL])
    found = sorted(rows, key=lambda r: (r.region == NATIONAL, r.region, r.set_id))
    return found[0].ref if found else None


def form_choices(regions=None) -> list[tuple[str, str]]:
    """The forms a round may be made on, as (version, label): those the regional board has agreed
    or in force, of the given region codes and the national ones (all regions when None)."""
    from domain.designation.criteria_models import CriteriaKind
    from domain.designation.criteria_selectors import version_choices

    return version_choices(CriteriaKind.FORM, regions)
