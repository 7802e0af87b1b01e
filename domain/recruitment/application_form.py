"""The regional application form: its sections, declarations and the questions put to referees
and to the chair of governors. Kept as data, versioned, so a submitted application records the
wording it was made against.

Seed 000 ("Application and selection"): "Application should be made through an application form
and references will be requested"; "TSC will provide a set of competencies and a regional
application form / assessment grid". The sections follow the Yorkshire and Humber LLE criteria of
seed 000 that need the applicant's own evidence (the criteria read from the register, like years
as head or the school's inspection, are checked by the criteria engine, not asked here).

Until the criteria engine publishes its sets, every role uses this form; a round names the
criteria set it will be checked against (`RecruitmentRound.criteria_set`)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    required: bool = True


@dataclass(frozen=True)
class Declaration:
    key: str
    text: str


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

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    @property
    def section_keys(self) -> frozenset[str]:
        return frozenset(s.key for s in self.sections)

    @property
    def declaration_keys(self) -> frozenset[str]:
        return frozenset(d.key for d in self.declarations)


# Seed 000, "Criteria": the leader "must ... demonstrate ..." and the school "must ... show ...".
REGIONAL_FORM = ApplicationForm(
    version="yh-2017@1",
    sections=(
        Section("headship", "Your experience as a serving headteacher, acting head or head of school"),
        Section("accountable_schools", "The schools you are accountable for"),
        Section("capacity_to_support", "Your ability and capacity to support another school to improve"),
        Section("coaching_experience", "Your experience as a coach or mentor to a leader in another school"),
        Section("pupil_performance", "Your school's pupil performance or its trend of improvement"),
        Section("senior_leaders", "Your senior leaders' capacity to work with other schools"),
        # "If you are applying as a sixth form college, you must be able to show evidence of
        # supporting schools in addition to any support provided to sixth form colleges."
        Section("sixth_form_college", "Sixth form colleges only: your support to schools", required=False),
    ),
    declarations=(
        Declaration("remain_two_years", "I expect to remain at my current school for at least 2 years after selection"),
        Declaration("governing_body_support", "I have the support of my school's governing body or trust board"),
        Declaration("commit_time_and_training", "I commit to the time, induction and training the TSA specifies"),
        Declaration("information_true", "The information in this application is true and complete"),
    ),
)

FORMS = {REGIONAL_FORM.version: REGIONAL_FORM}


def form_for(round_) -> ApplicationForm:
    """The form an application to `round_` is made on."""
    return FORMS.get(round_.form_version, REGIONAL_FORM)


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
