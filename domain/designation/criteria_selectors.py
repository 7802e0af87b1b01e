"""Reads of the stored criteria sets and assessment grids (criteria_models.CriteriaVersion)."""

from domain.accounts.roles import Role
from domain.accounts.selectors import organisation_ids_of

from .criteria.grids import Grid, parse_grid
from .criteria.sets import CriteriaSetError
from .criteria_models import CHOOSABLE, CriteriaKind, CriteriaStatus, CriteriaVersion

NATIONAL = "national"


def region_codes_of(user) -> set[str] | None:
    """The codes of the regions a regional representative represents; None (every region) for a
    superuser."""
    from domain.organisations.models import Organisation

    if getattr(user, "is_superuser", False):
        return None
    ids = organisation_ids_of(user, Role.REGIONAL_REPRESENTATIVE)
    return set(Organisation.objects.filter(pk__in=ids, region__isnull=False).values_list("region__code", flat=True))


def criteria_versions_for(user):
    """Every version of every set and grid the person's regions use (their own and the national
    ones), set by set, newest version first."""
    rows = CriteriaVersion.objects.select_related("created_by", "agreement_recorded_by")
    regions = region_codes_of(user)
    if regions is not None:
        rows = rows.filter(region__in=[*regions, NATIONAL])
    return rows.order_by("kind", "title", "set_id", "-version")


def versions_of(version: CriteriaVersion):
    """Every version of the same set or grid, newest first."""
    return CriteriaVersion.objects.filter(kind=version.kind, set_id=version.set_id).order_by("-version")


def version_choices(kind: str, regions=None) -> list[tuple[str, str]]:
    """The versions of `kind` a round may use, as (ref, label): those agreed by the regional board
    or in force, of the given region codes and the national ones (all regions when None); in force
    first, an agreed version not yet in force marked so."""
    rows = CriteriaVersion.objects.filter(kind=kind, status__in=CHOOSABLE)
    if regions is not None:
        rows = rows.filter(region__in=[*regions, NATIONAL])
    ordered = sorted(rows, key=lambda r: (r.status != CriteriaStatus.IN_FORCE, r.title, r.version))
    return [
        (r.ref, f"{r.title} (version {r.version}{'' if r.status == CriteriaStatus.IN_FORCE else ', not yet in force'})")
        for r in ordered
    ]


def stored_grid(row: CriteriaVersion) -> Grid:
    return parse_grid(row.document, file=f"{row.set_id} version {row.version}")


def in_force_grid_row(role: str) -> CriteriaVersion | None:
    """The grid in force for `role` (a DesignationRole value): the role's own, else the grid for
    every role without one."""
    rows = {
        r.role: r
        for r in CriteriaVersion.objects.filter(
            kind=CriteriaKind.GRID, status=CriteriaStatus.IN_FORCE, role__in=[role, ""]
        )
    }
    return rows.get(role) or rows.get("")


def grid_by_ref(ref: str) -> Grid:
    set_id, _, version = ref.partition("@")
    row = CriteriaVersion.objects.filter(
        kind=CriteriaKind.GRID, set_id=set_id, version=int(version) if version.isdigit() else -1
    ).first()
    if row is None:
        raise CriteriaSetError(f"No assessment grid {ref!r}")
    return stored_grid(row)


def set_version(ref: str) -> CriteriaVersion | None:
    """The stored version of a criteria set by "ID@VERSION", or None."""
    set_id, _, version = (ref or "").partition("@")
    if not version.isdigit():
        return None
    return CriteriaVersion.objects.filter(kind=CriteriaKind.SET, set_id=set_id, version=int(version)).first()


HOW_CHECKED = {
    "data": "Checked against records",
    "declaration": "The applicant declares it",
    "judgement": "Assessors judge it from the evidence",
}
OUTCOME_WORDS = {
    "all": "Applicants must meet every group of criteria.",
    "any": "Applicants must meet the criteria of one of these routes.",
}
ROLE_WORDS = {"": "Every role without a grid of its own"}


def criteria_in_words(version: CriteriaVersion) -> dict:
    """A version as a person reads it: the groups of criteria (or the grid's competencies, or the
    form's sections) in plain words, without ids, rule names or sources. A document that no longer parses says so."""
    from .criteria.sets import stored_set

    try:
        if version.kind == CriteriaKind.FORM:
            return {"form": form_in_words(version)}
        if version.kind == CriteriaKind.GRID:
            grid = stored_grid(version)
            return {"competencies": [c.title for c in grid.competencies]}
        found = stored_set(version)
    except CriteriaSetError:
        return {"broken": True}
    return {
        "outcome": OUTCOME_WORDS[found.outcome],
        "groups": [
            {
                "title": group.title,
                "description": group.description,
                "criteria": [
                    {
                        "text": c.text,
                        "how": HOW_CHECKED[c.check],
                        "only_for": "Only for a sixth-form college" if c.applies_if == "sixth_form_college" else "",
                        "exception": c.exception.text if c.exception else "",
                    }
                    for c in group.criteria
                ],
            }
            for group in found.groups
        ],
    }


def form_in_words(version: CriteriaVersion) -> dict:
    """An application form as a person reads it: what it asks besides its sections, its routes,
    its sections (with their hints, whether they must be answered and the route they belong to)
    and its declarations; never the keys or the criteria they answer."""
    from domain.recruitment.form_documents import stored_form

    form = stored_form(version)
    routes = {r.key: r.title for r in form.routes}
    asks = [
        "Applicants must give at least one post they have held"
        if form.posts_required
        else "Applicants may give the posts they have held"
    ]
    if form.asks_specialisms:
        asks.append("Applicants choose their specialisms")
    if form.routes:
        asks.append("Applicants choose one route")
    return {
        "asks": asks,
        "routes": [{"title": r.title, "hint": r.hint} for r in form.routes],
        "sections": [
            {
                "title": s.title,
                "hint": s.hint,
                "required": "Must be answered" if s.required else "Optional",
                "route": f"Only on the route: {routes[s.route]}" if s.route else "",
            }
            for s in form.sections
        ],
        "declarations": [d.text for d in form.declarations],
    }
