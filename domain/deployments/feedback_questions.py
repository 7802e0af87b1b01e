"""The feedback form's questions: the default set a region starts from, and the words of the scale.

Seed 000 "Principles for QA": "Opportunities for client and system leader to feedback must be
offered"; "QA may include feedback templates". A region's representatives change the questions
(feedback_services); until a region saves its own form, every round asks these.

A question is a dict: {"key", "text", "kind": "scale"|"text", "for": ["client", "leader"],
"required": bool}. A round keeps a copy of the questions it asked."""

import copy

SCALE = "scale"
TEXT = "text"
KINDS = {SCALE: "A scale of 1 to 5", TEXT: "A written answer"}

CLIENT = "client"
LEADER = "leader"
AUDIENCES = {CLIENT: "The client school", LEADER: "The system leader"}

SCALE_MIN, SCALE_MAX = 1, 5
SCALE_WORDS = {
    1: "1: not at all well",
    2: "2: not well",
    3: "3: quite well",
    4: "4: well",
    5: "5: very well",
}

MAX_QUESTIONS = 20
MAX_TEXT = 300
MAX_ANSWER = 5000

DEFAULT_QUESTIONS = [
    {
        "key": "needs_met",
        "text": "How well did the support meet the needs agreed at the start?",
        "kind": SCALE,
        "for": [CLIENT, LEADER],
        "required": True,
    },
    {
        "key": "working_together",
        "text": "How well did the leader and the school work together?",
        "kind": SCALE,
        "for": [CLIENT, LEADER],
        "required": True,
    },
    {
        "key": "brokerage",
        "text": "How well did the alliance arrange and support the deployment?",
        "kind": SCALE,
        "for": [CLIENT, LEADER],
        "required": True,
    },
    {
        "key": "difference",
        "text": "What difference has the support made?",
        "kind": TEXT,
        "for": [CLIENT, LEADER],
        "required": True,
    },
    {
        "key": "better",
        "text": "What could have gone better?",
        "kind": TEXT,
        "for": [CLIENT, LEADER],
        "required": False,
    },
]


def default_questions() -> list[dict]:
    return copy.deepcopy(DEFAULT_QUESTIONS)


def questions_for(questions: list[dict], party: str) -> list[dict]:
    """The questions `party` ("client" or "leader") answers, in order."""
    return [q for q in questions if party in q.get("for", [])]


def audience_text(question: dict) -> str:
    audience = [a for a in (CLIENT, LEADER) if a in question.get("for", [])]
    if audience == [CLIENT, LEADER]:
        return "Both the client school and the system leader"
    return " and ".join(AUDIENCES[a] for a in audience) or "Nobody"


def answer_text(question: dict, value) -> str:
    """An answer as words: "4: well" for a scale, the text itself, "Not answered"."""
    if value in (None, ""):
        return "Not answered"
    if question.get("kind") == SCALE:
        return SCALE_WORDS.get(int(value), str(value))
    return str(value)
