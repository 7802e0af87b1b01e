"""Facts for the tests, in the JSON form of docs/eligibility.md: a base that meets every criterion
of a set, and small changes to it. The clock is frozen on 22 November 2026 (tests/conftest.py)."""

import copy

from domain.designation.criteria import evaluate, facts_from_dict, get_set, load_sets

FILE_SETS = load_sets()  # the JSON files: the engine's fixtures (stored versions start from them)

AS_OF = "2026-11-22"
URN = 100001
OTHER_URN = 100002
ACADEMY_URN = 100003


def graded(date: str, grade: str) -> dict:
    return {"date": date, "kind": "graded", "overall_grade": grade}


def ungraded(date: str) -> dict:
    return {"date": date, "kind": "ungraded"}


def report_card(date: str) -> dict:
    return {"date": date, "kind": "report_card"}


def met(evidence: str = "Seen on the assessment day") -> dict:
    return {"result": "met", "evidence": evidence, "assessor": "Assessor A"}


def not_met() -> dict:
    return {"result": "not_met", "evidence": "Not shown", "assessor": "Assessor A"}


LLE_JUDGEMENTS = (
    "capacity_to_support",
    "coaching_experience",
    "pupil_performance",
    "above_minimum_standards",
    "senior_leader_capacity",
)
LLE_DECLARATIONS = ("stay_two_years", "governing_body_support", "time_induction_training")


def lle_base() -> dict:
    """A head of 4 years whose good school meets every criterion of yh-lle."""
    return {
        "as_of": AS_OF,
        "person": {
            "post": "headteacher",
            "posts": [{"role": "headteacher", "school_urn": URN, "start": "2022-09-01", "end": None}],
        },
        "current_school_urn": URN,
        "schools": [
            {
                "urn": URN,
                "name": "Example Primary School",
                "type_name": "Community school",
                "inspections": [graded("2019-03-01", "requires_improvement"), graded("2023-06-14", "good")],
            }
        ],
        "declarations": dict.fromkeys(LLE_DECLARATIONS, True),
        "judgements": {key: met() for key in LLE_JUDGEMENTS},
    }


def nle_base() -> dict:
    """A head who turned a school from requires improvement to good in 2023: the turnaround route."""
    return {
        "as_of": AS_OF,
        "person": {
            "post": "headteacher",
            "posts": [{"role": "headteacher", "school_urn": URN, "start": "2020-09-01", "end": None}],
        },
        "current_school_urn": URN,
        "schools": [
            {
                "urn": URN,
                "name": "Example Secondary School",
                "inspections": [graded("2019-01-10", "requires_improvement"), graded("2023-02-08", "good")],
            }
        ],
        "declarations": {},
        "judgements": {},
    }


def changed(base: dict, *changes) -> dict:
    raw = copy.deepcopy(base)
    for change in changes:
        change(raw)
    return raw


# --- changes ---------------------------------------------------------------------------------


def posts(*entries):
    """posts(("headteacher", "2023-11-22", None), ...)"""

    def change(raw):
        raw["person"]["posts"] = [
            {"role": role, "school_urn": URN, "start": start, "end": end} for role, start, end in entries
        ]

    return change


def no_posts(raw):
    del raw["person"]["posts"]


def post(role):
    def change(raw):
        if role is None:
            raw["person"].pop("post", None)
        else:
            raw["person"]["post"] = role

    return change


def inspections(*items, urn=URN):
    def change(raw):
        next(s for s in raw["schools"] if s["urn"] == urn)["inspections"] = list(items)

    return change


def declare(key, value):
    def change(raw):
        if value is None:
            raw["declarations"].pop(key, None)
        else:
            raw["declarations"][key] = value

    return change


def judge(key, judgement):
    def change(raw):
        if judgement is None:
            raw["judgements"].pop(key, None)
        else:
            raw["judgements"][key] = judgement

    return change


def claim(*exception_ids):
    def change(raw):
        raw["exceptions_claimed"] = list(exception_ids)

    return change


def school_field(key, value, urn=URN):
    def change(raw):
        next(s for s in raw["schools"] if s["urn"] == urn)[key] = value

    return change


def add_school(school):
    def change(raw):
        raw["schools"].append(school)

    return change


def no_school(raw):
    raw["schools"] = []
    raw.pop("current_school_urn", None)


def evaluation(set_ref: str, raw: dict):
    return evaluate(get_set(set_ref, FILE_SETS), facts_from_dict(raw))


def criterion(set_ref: str, raw: dict, criterion_id: str):
    for group in evaluation(set_ref, raw).groups:
        for result in group.criteria:
            if result.id == criterion_id:
                return result
    raise AssertionError(f"{criterion_id} not in {set_ref}")
