"""The questions of the leader's self-assessment at review (seed 004 §24 i). An NLE answers
against the three NLE standards (seed 004 §16) and the matters the review considers (seed 004
§25); other roles answer a short set drawn from the same matters. Each question is one page."""

from dataclasses import dataclass

from .models import DesignationRole

ANSWER_MAX_LENGTH = 5000


@dataclass(frozen=True)
class Question:
    key: str
    title: str
    hint: str


# Seed 004 §25: "feedback on the NLE must be collated to consider if: the NLE provided sufficient
# support overall ...; the support offered match the school improvement needs of the supported
# schools; the NLE achieved results in the areas in which they provided support".
SUPPORT = Question(
    "support",
    "What support have you given in this term?",
    "The schools you supported, what you did and how much of your time it took.",
)
FIT = Question(
    "fit",
    "How did your support match what the schools needed?",
    "How you found out what each school needed and shaped your support to it.",
)
RESULTS = Question(
    "results",
    "What changed in the schools you supported?",
    "The results in the areas you worked on, and what others contributed to them.",
)
NEXT_TERM = Question(
    "next_term",
    "What would you like to do in a new term?",
    "The support you could offer, and any training you would like.",
)

# Seed 004 §16: the three NLE standards.
NLE_STANDARDS = (
    Question(
        "credibility",
        "How have you met the standard of professional credibility?",
        "Your knowledge of school leadership, your own school's record, keeping up with research, and "
        "your knowledge of the support available across the system.",
    ),
    Question(
        "problem_solving",
        "How have you solved problems and influenced improvement?",
        "How you diagnosed problems, planned and evaluated improvement, and won the trust of the "
        "leaders you worked with.",
    ),
    Question(
        "capacity",
        "How have you built capacity and passed on knowledge?",
        "How the leaders you supported now lead, develop their teachers and use their resources, "
        "so that the improvement lasts.",
    ),
)

QUESTIONS: dict[str, tuple[Question, ...]] = {
    DesignationRole.NLE: (*NLE_STANDARDS, SUPPORT, FIT, RESULTS, NEXT_TERM),
}
DEFAULT_QUESTIONS = (SUPPORT, FIT, RESULTS, NEXT_TERM)


def questions_for(role: str) -> tuple[Question, ...]:
    return QUESTIONS.get(role, DEFAULT_QUESTIONS)


def question_for(role: str, key: str) -> Question | None:
    return next((q for q in questions_for(role) if q.key == key), None)


def unanswered(role: str, answers: dict) -> list[Question]:
    return [q for q in questions_for(role) if not str(answers.get(q.key, "")).strip()]
