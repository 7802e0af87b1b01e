"""The parts of a criteria set, grid or application form a person changes on a page without
touching its document: the wording of each group and criterion (or each competency of a grid), the
numbers a check uses (the years needed, how recent), and a form's sections (title, hint, whether
it must be answered) and declarations. Each part has a key of its place in the document, a label in
plain words and its value; `apply_wording` makes the document with the values changed. Adding or
removing criteria is done on the document itself."""

from dataclasses import dataclass

MAX_WORDING = 2000
MAX_NUMBER = 50
# The numbers a data check takes, as a person reads them (rules.RULES' params).
NUMBERS = {
    "min_years": "Years needed",
    "recent_years": "Within how many years",
}


@dataclass(frozen=True)
class Part:
    key: str
    label: str
    kind: str  # "text" | "optional_text" | "number" | "yes_no"
    value: object
    heading: str = ""  # the group (or grid) the part belongs to, shown above its first part
    context: str = ""  # the group's title, which tells apart "Criterion 1" of each group

    @property
    def full_label(self) -> str:
        return f"{self.label} ({self.context})" if self.context else self.label


def _form_parts(document: dict) -> list[Part]:
    """An application form's parts: each section's title, hint and whether it must be answered,
    and each declaration's wording (which criteria a section answers, and its route, stay)."""
    parts = []
    for n, section in enumerate(document.get("sections") or []):
        where = f"section {n + 1}"
        parts += [
            Part(f"s{n}.title", f"The title of {where}", "text", section.get("title", ""), heading=f"Section {n + 1}"),
            Part(f"s{n}.hint", f"The hint of {where} (optional)", "optional_text", section.get("hint", "")),
            Part(f"s{n}.required", f"Whether {where} must be answered", "yes_no", section.get("required", True)),
        ]
    for n, declaration in enumerate(document.get("declarations") or []):
        heading = "Declarations" if n == 0 else ""
        parts.append(Part(f"d{n}.text", f"Declaration {n + 1}", "text", declaration.get("text", ""), heading))
    return parts


def wording_parts(kind: str, document: dict) -> list[Part]:
    if kind == "form":
        return _form_parts(document)
    parts = []
    if kind == "grid":
        for n, competency in enumerate(document.get("competencies") or []):
            parts.append(
                Part(
                    f"c{n}.title",
                    f"Competency {n + 1}",
                    "text",
                    competency.get("title", ""),
                    "Competencies" if n == 0 else "",
                )
            )
        return parts
    for g, group in enumerate(document.get("groups") or []):
        title = group.get("title", "")
        parts.append(Part(f"g{g}.title", "Title of the group", "text", title, heading=f"Group {g + 1}", context=title))
        for c, criterion in enumerate(group.get("criteria") or []):
            parts.append(
                Part(f"g{g}.c{c}.text", f"Criterion {c + 1}", "text", criterion.get("text", ""), context=title)
            )
            for name, label in NUMBERS.items():
                value = (criterion.get("params") or {}).get(name)
                if isinstance(value, int) and not isinstance(value, bool):
                    parts.append(
                        Part(f"g{g}.c{c}.{name}", f"{label} for criterion {c + 1}", "number", value, context=title)
                    )
    return parts


def apply_wording(kind: str, document: dict, values: dict) -> dict:
    """A copy of `document` with the parts in `values` (key -> new value) changed; unknown keys
    are ignored, so a page can only change what `wording_parts` offers."""
    import copy

    changed = copy.deepcopy(document)
    offered = {p.key: p for p in wording_parts(kind, document)}
    for key, value in values.items():
        part = offered.get(key)
        if part is None:
            continue
        place = key.split(".")
        if kind == "form":
            listed = "sections" if place[0][0] == "s" else "declarations"
            changed[listed][int(place[0][1:])][place[1]] = value
            continue
        if kind == "grid":
            changed["competencies"][int(place[0][1:])]["title"] = value
            continue
        group = changed["groups"][int(place[0][1:])]
        if len(place) == 2:
            group["title"] = value
            continue
        criterion = group["criteria"][int(place[1][1:])]
        if place[2] == "text":
            criterion["text"] = value
        else:
            criterion["params"][place[2]] = value
    return changed
