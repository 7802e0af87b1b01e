"""The application forms, one for each role: their sections, declarations and the questions put
to referees and to the chair of governors. Kept as data, versioned, so a submitted application
records the wording it was made against.

Seed 000 ("Application and selection"): "Application should be made through an application form
and references will be requested"; "TSC will provide a set of competencies and a regional
application form / assessment grid". Each form asks the applicant's own evidence for the
judgement criteria of its role's criteria set (`Section.criteria`), a declaration for each of its
declaration criteria (`Declaration.criterion`), and the posts the person has held (their
employment history, models.EmploymentPost) for the criteria read from posts, like years as head.
The criteria read from the register (the school's inspections) are checked by the criteria engine,
not asked here.

Since issue 14 the forms are the region's own data, versioned like the criteria sets
(form_documents.py): the forms written here are their first versions (migration 0005 of the
designation app) and the tests' fixtures. A round records the version of the form it takes
(`RecruitmentRound.form_version`); a new round takes its role's form in force."""

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    required: bool = True
    # The judgement criteria of the role's set this section gives the evidence for.
    criteria: tuple[str, ...] = ()
    # NLE: the route (a group of the NLE set) the section belongs to; asked only on that route.
    route: str = ""
    hint: str = ""


@dataclass(frozen=True)
class Declaration:
    key: str
    text: str
    criterion: str = ""  # the declaration criterion of the role's set it answers, if any


@dataclass(frozen=True)
class Route:
    """NLE: a route to eligibility, a group of the NLE set (seed 004 §11: "prospective NLEs must
    meet one of the following eligibility routes")."""

    key: str  # the group's id
    title: str
    hint: str


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    kind: str = "text"  # "text" or "yes_no"


@dataclass(frozen=True)
class ApplicationForm:
    version: str
    sections: tuple[Section, ...]
    declarations: tuple[Declaration, ...]
    role: str = "lle"
    # At least one post is needed before submitting (the first LLE form did not ask for posts).
    posts_required: bool = True
    asks_specialisms: bool = False  # SLE: the specialisms, checkboxes (specialisms.SPECIALISMS)
    routes: tuple[Route, ...] = ()  # NLE: the route, radios
    # The posts that count as "the current post" when the person holds several now, first first
    # (an NLG who is a deputy head and a chair of governors is checked as a chair).
    preferred_posts: tuple[str, ...] = ()

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def route(self, key: str) -> Route | None:
        return next((r for r in self.routes if r.key == key), None)

    def sections_for(self, route: str = "") -> tuple[Section, ...]:
        """The sections asked: those of every route, and those of the route chosen."""
        return tuple(s for s in self.sections if not s.route or s.route == route)

    @property
    def declaration_criteria(self) -> dict[str, str]:
        """{declaration key: criterion id} for the declarations that answer a criterion."""
        return {d.key: d.criterion for d in self.declarations if d.criterion}

    @property
    def section_keys(self) -> frozenset[str]:
        return frozenset(s.key for s in self.sections)

    @property
    def declaration_keys(self) -> frozenset[str]:
        return frozenset(d.key for d in self.declarations)


INFORMATION_TRUE = Declaration("information_true", "The information in this application is true and complete")

# Seed 000, "Criteria": the leader "must ... demonstrate ..." and the school "must ... show ...".
REGIONAL_FORM = ApplicationForm(
    version="yh-2017@1",
    sections=(
        Section("headship", "Your experience as a serving headteacher, acting head or head of school"),
        Section("accountable_schools", "The schools you are accountable for"),
        Section(
            "capacity_to_support",
            "Your ability and capacity to support another school to improve",
            criteria=("capacity_to_support",),
        ),
        Section(
            "coaching_experience",
            "Your experience as a coach or mentor to a leader in another school",
            criteria=("coaching_experience",),
        ),
        Section(
            "pupil_performance",
            "Your school's pupil performance or its trend of improvement",
            criteria=("pupil_performance", "above_minimum_standards"),
        ),
        Section(
            "senior_leaders",
            "Your senior leaders' capacity to work with other schools",
            criteria=("senior_leader_capacity",),
        ),
        # "If you are applying as a sixth form college, you must be able to show evidence of
        # supporting schools in addition to any support provided to sixth form colleges."
        Section(
            "sixth_form_college",
            "Sixth form colleges only: your support to schools",
            required=False,
            criteria=("sixth_form_college_supports_schools",),
        ),
    ),
    # Criteria of criteria_sets/yh-lle.v1.json (seed 000, Criteria); a declaration criterion's
    # key is its id.
    declarations=(
        Declaration(
            "remain_two_years",
            "I expect to remain at my current school for at least 2 years after selection",
            criterion="stay_two_years",
        ),
        Declaration(
            "governing_body_support",
            "I have the support of my school's governing body or trust board",
            criterion="governing_body_support",
        ),
        Declaration(
            "commit_time_and_training",
            "I commit to the time, induction and training the TSA specifies",
            criterion="time_induction_training",
        ),
        INFORMATION_TRUE,
    ),
    role="lle",
    # The first form, kept as it was for the rounds made on it: posts may be given, not required.
    posts_required=False,
    preferred_posts=("headteacher", "executive_head", "acting_head", "head_of_school"),
)

# Seed 003 ("Specialist leaders of education"): "SLEs are experienced middle or senior leaders
# with a specialism"; "this role is about developing other leaders". Criteria of
# criteria_sets/national-sle.v1.json.
SLE_FORM = ApplicationForm(
    version="sle-2026@1",
    sections=(
        Section(
            "specialism_impact",
            "Your record of impact in your specialisms",
            criteria=("sle_specialism",),
            hint="Say what you changed in your specialisms, in your own school or others, and what difference it made.",
        ),
        Section(
            "develops_leaders",
            "How you develop other leaders",
            criteria=("sle_develops_leaders",),
            hint="For example coaching, facilitating and training, joint action planning or data analysis with "
            "other leaders.",
        ),
    ),
    declarations=(
        Declaration(
            "headteacher_support",
            "I have the support of my headteacher to be released to work in other schools",
            criterion="sle_headteacher_support",
        ),
        Declaration(
            "time_commitment",
            "I commit to the time, induction and training the TSA specifies",
            criterion="sle_time_commitment",
        ),
        INFORMATION_TRUE,
    ),
    role="sle",
    asks_specialisms=True,
    preferred_posts=(
        "senior_leader",
        "deputy_head",
        "assistant_head",
        "head_of_school",
        "school_business_manager",
        "middle_leader",
    ),
)

# Seed 003 ("National leaders of governance"): "highly effective chairs of governors, trustees and
# governance professionals"; NLGs "work with the board to undertake a review of governance and
# recommend actions for improvement". Criteria of criteria_sets/national-nlg.v1.json; the posts
# as chair, trustee or governance professional are the governance posts.
NLG_FORM = ApplicationForm(
    version="nlg-2026@1",
    sections=(
        Section(
            "governance_effectiveness",
            "Your governance experience and its effect",
            criteria=("nlg_highly_effective",),
            hint="The boards you have served on, your part in them, and how governance improved the school or trust.",
        ),
        Section(
            "governance_reviews",
            "Your experience of reviewing governance",
            criteria=("nlg_review_experience",),
            hint="Reviews of your own board or another, what you recommended and what followed.",
        ),
    ),
    declarations=(
        Declaration(
            "time_commitment",
            "I commit to 3 to 10 days for each board I support, with a progress review within 4 months",
            criterion="nlg_time_commitment",
        ),
        INFORMATION_TRUE,
    ),
    role="nlg",
    preferred_posts=("chair_of_governors", "trustee", "governance_professional"),
)

# Seed 004 §11: "prospective NLEs must meet one of the following eligibility routes"; the routes
# are the groups of criteria_sets/national-nle.v1.json (outcome "any").
NLE_FORM = ApplicationForm(
    version="nle-2026@1",
    sections=(
        Section(
            "beacon_performance",
            "Your school's performance and progress data",
            criteria=("beacon_performance_data",),
            route="beacon_of_excellence",
            hint="Strong results, or significant improvement, with the years they cover.",
        ),
        Section(
            "mat_performance",
            "Your trust's performance and progress data",
            criteria=("mat_performance_data",),
            route="transformative_mat_ceo",
            hint="Results across the trust's academies, with the years they cover.",
        ),
        Section(
            "school_improvement",
            "The schools you have helped to improve",
            required=False,
            hint="Anything your posts and the schools' inspections do not show: what you did and what changed.",
        ),
    ),
    declarations=(INFORMATION_TRUE,),
    role="nle",
    routes=(
        Route(
            "turnaround_head",
            "Turnaround head",
            "A headteacher who recently led a school that moved up by at least one Ofsted rating "
            "(not from inadequate to requires improvement)",
        ),
        Route(
            "beacon_of_excellence",
            "Beacon of excellence",
            "A headteacher of an outstanding school with strong performance and progress data",
        ),
        Route(
            "transformative_mat_ceo",
            "Transformative MAT chief executive",
            "The leader of a trust with strong performance and progress data who moved at least one "
            "sponsored academy out of requires improvement",
        ),
    ),
    preferred_posts=("headteacher", "executive_head", "mat_ceo", "acting_head", "head_of_school"),
)

# The LLE form new rounds take: the first form's questions, with the posts required, so that
# "at least 3 years of experience as a serving headteacher (including any period as acting head or
# head of school)" (seed 000, Criteria) is read from the applicant's posts and dates.
LLE_FORM = replace(REGIONAL_FORM, version="yh-lle-2026@1", posts_required=True)

FORMS = {form.version: form for form in (REGIONAL_FORM, LLE_FORM, SLE_FORM, NLG_FORM, NLE_FORM)}
# The form of each role in force when the forms became data (the first versions in force).
FORM_FOR_ROLE = {"lle": LLE_FORM, "sle": SLE_FORM, "nle": NLE_FORM, "nlg": NLG_FORM}


def form_for(round_) -> ApplicationForm:
    """The form an application to `round_` is made on: the stored version the round names (read
    once for the round's instance); the first form for a version not stored."""
    from .form_documents import form_row, stored_form

    cached = round_.__dict__.get("_application_form")
    if cached is not None and cached.version == round_.form_version:
        return cached
    row = form_row(round_.form_version)
    form = stored_form(row) if row is not None else FORMS.get(round_.form_version, REGIONAL_FORM)
    round_.__dict__["_application_form"] = form
    return form


# Questions put through the single-use links. A referee's answer is for the assessors; the chair
# of governors confirms the governing body's support (seed 000: "have the support of your school's
# governing body / trust board").
REFERENCE_QUESTIONS = (
    Question("relationship", "How do you know the applicant, and for how long?"),
    Question("capacity_to_support", "How well could the applicant support another school to improve?"),
    Question("coaching_experience", "What coaching or mentoring of other leaders have you seen them do?"),
    Question("recommend", "Do you recommend the applicant for designation?", kind="yes_no"),
)
GOVERNORS_QUESTIONS = (
    Question("supports", "Does the governing body or trust board support this application?", kind="yes_no"),
    Question("comment", "Anything the panel should know"),
)
OPTIONAL_QUESTIONS = frozenset({"comment"})


def questions_for(kind: str) -> tuple[Question, ...]:
    return GOVERNORS_QUESTIONS if kind == "governors_confirmation" else REFERENCE_QUESTIONS
