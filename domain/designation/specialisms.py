"""The specialisms a specialist leader of education (SLE) can be designated in, and the phases a
system leader works in. Kept as data: a code is what the database stores, the label is what people
read.

The specialism list is seed 003 ("Get school-to-school support from system leaders", section
"Specialist leaders of education"): "SLE specialisms cover the areas of focus in the Ofsted Common
Inspection Framework (September 2018)", grouped under its four areas. "Assessment" appears under
two areas in the seed, so it has a code for each."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Specialism:
    code: str
    label: str
    area: str


LEADERSHIP = "Effectiveness of leadership and management"
OUTCOMES = "Outcomes for children and other learners"
TEACHING = "Quality of teaching, learning and assessment"
PERSONAL_DEVELOPMENT = "Personal development, behaviour and welfare"

AREAS = (LEADERSHIP, OUTCOMES, TEACHING, PERSONAL_DEVELOPMENT)

# Seed 003, in its order.
SPECIALISMS: tuple[Specialism, ...] = (
    Specialism("academies", "Academies and academy transition", LEADERSHIP),
    Specialism("leadership_assessment", "Assessment (leadership)", LEADERSHIP),
    Specialism("cpd_leadership", "Leadership of continuing professional development", LEADERSHIP),
    Specialism("business_management", "School business management and financial management", LEADERSHIP),
    Specialism("curriculum_leadership", "Leadership of curriculum", LEADERSHIP),
    Specialism("art", "Art", OUTCOMES),
    Specialism("closing_the_gap", "Closing the gap", OUTCOMES),
    Specialism("drama", "Drama", OUTCOMES),
    Specialism("design_technology", "Design and technology", OUTCOMES),
    Specialism("early_years", "Early years", OUTCOMES),
    Specialism("english", "English", OUTCOMES),
    Specialism("geography", "Geography", OUTCOMES),
    Specialism("history", "History", OUTCOMES),
    Specialism("ict", "Information and communication technology", OUTCOMES),
    Specialism("maths", "Maths", OUTCOMES),
    Specialism("mfl", "Modern foreign languages", OUTCOMES),
    Specialism("music", "Music", OUTCOMES),
    Specialism("phonics", "Phonics", OUTCOMES),
    Specialism("pe", "Physical education", OUTCOMES),
    Specialism("pshe", "Personal, social and health education", OUTCOMES),
    Specialism("re", "Religious education", OUTCOMES),
    Specialism("science", "Science", OUTCOMES),
    Specialism("send", "Special educational needs", OUTCOMES),
    Specialism("most_able", "Support for the most able pupils", OUTCOMES),
    Specialism("citizenship", "Citizenship", OUTCOMES),
    Specialism("itt", "Initial teacher training", TEACHING),
    Specialism("nqt_development", "Newly qualified teacher development", TEACHING),
    Specialism("teaching_assessment", "Assessment (teaching and learning)", TEACHING),
    Specialism("behaviour", "Behaviour and discipline", PERSONAL_DEVELOPMENT),
    Specialism("attendance", "Attendance", PERSONAL_DEVELOPMENT),
)

BY_CODE: dict[str, Specialism] = {s.code: s for s in SPECIALISMS}


def specialism_label(code: str) -> str:
    """The label people read; an unknown code (say, from an older list) is shown as it is."""
    specialism = BY_CODE.get(code)
    return specialism.label if specialism else code


def unknown_specialisms(codes) -> list[str]:
    """The codes that are not on the list, in the order given."""
    return [code for code in codes if code not in BY_CODE]


def specialisms_by_area() -> list[tuple[str, list[Specialism]]]:
    """The list grouped under its four areas, for a form's grouped checkboxes."""
    return [(area, [s for s in SPECIALISMS if s.area == area]) for area in AREAS]


# Phases a system leader works in. Coarser than GIAS's phase names on purpose: matching a leader
# to a school asks "primary or secondary?", not "middle deemed primary?".
PHASES: tuple[tuple[str, str], ...] = (
    ("early_years", "Early years"),
    ("primary", "Primary"),
    ("secondary", "Secondary"),
    ("post_16", "16 to 19"),
    ("special", "Special"),
    ("alternative_provision", "Alternative provision"),
    ("all_through", "All-through"),
)
PHASE_CODES = frozenset(code for code, _ in PHASES)


def labels_of(phases: list[str], specialisms: list[str]) -> tuple[list[str], list[str]]:
    """The words a person reads for stored phase and specialism codes."""
    phase_names = dict(PHASES)
    return (
        [phase_names.get(code, code) for code in phases],
        [BY_CODE[code].label if code in BY_CODE else code for code in specialisms],
    )
