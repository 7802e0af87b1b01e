"""Checks facts against a criteria set: each criterion from data, a declaration or an assessor's
judgement, each result met, not met or needs evidence with a reason. Pure: reads nothing but its
arguments and writes nothing."""

from .facts import Facts, SchoolFacts
from .results import (
    MET,
    NEEDS_EVIDENCE,
    NOT_MET,
    RESULT_LABELS,
    CriterionResult,
    Evaluation,
    GroupResult,
    combine_all,
    combine_any,
)
from .rules import RULES, Context
from .sets import CriteriaSet, Criterion, Group


def evaluate(criteria_set: CriteriaSet, facts: Facts) -> Evaluation:
    """The result of every criterion of the set for these facts, and the overall outcome."""
    groups = tuple(_group(criteria_set, group, facts, facts.current_school) for group in criteria_set.groups)
    combine = combine_any if criteria_set.outcome == "any" else combine_all
    result = combine([g.result for g in groups])
    return Evaluation(
        set_id=criteria_set.id,
        version=criteria_set.version,
        status=criteria_set.status,
        role=criteria_set.role,
        region=criteria_set.region,
        title=criteria_set.title,
        outcome=criteria_set.outcome,
        result=result,
        reason=_set_reason(criteria_set, groups, result),
        groups=groups,
    )


def _group(criteria_set: CriteriaSet, group: Group, facts: Facts, school: SchoolFacts | None) -> GroupResult:
    current = facts.current_school
    subject_school = school if group.subject == "school" else current
    results = tuple(
        _criterion(criteria_set, c, facts, subject_school, is_current=subject_school is current) for c in group.criteria
    )
    result = combine_all([r.result for r in results])
    return GroupResult(
        id=group.id, title=group.title, result=result, reason=_group_reason(results, result), criteria=results
    )


# Reasons are read by people (the coordinator, the panel, the department): they name criteria by
# their text and group title, never by id, and exceptions by what they say (issue 14).


def _criteria(n: int) -> str:
    return f"{n} {'criterion' if n == 1 else 'criteria'}"


def _named(results, group_title: str = "") -> str:
    """The criteria in their own words, each with its group's title when given."""
    return "; ".join(f"{r.text} ({group_title})" if group_title else r.text for r in results)


def _group_reason(results: tuple[CriterionResult, ...], result: str) -> str:
    if result == MET:
        return "Its criterion is met" if len(results) == 1 else f"All {len(results)} criteria met"
    failing = [r for r in results if r.result == result]
    label = "not met" if result == NOT_MET else "need evidence"
    return f"{len(failing)} of {_criteria(len(results))} {label}: {_named(failing)}"


def _set_reason(criteria_set: CriteriaSet, groups: tuple[GroupResult, ...], result: str) -> str:
    if criteria_set.outcome == "any":
        met = [g.title for g in groups if g.result == MET]
        if met:
            return f"Eligible by {len(met)} route{'s' if len(met) > 1 else ''}: {'; '.join(met)}"
        pending = [g.title for g in groups if g.result == NEEDS_EVIDENCE]
        if pending:
            return f"No route met yet; evidence is needed for: {'; '.join(pending)}"
        return "Not eligible: no route is met"
    if result == MET:
        return "Eligible: every criterion is met"
    failing = [(g.title, r) for g in groups for r in g.criteria if r.result == result]
    named = "; ".join(_named([r], title) for title, r in failing)
    if result == NOT_MET:
        return f"Not eligible: {_criteria(len(failing))} not met: {named}"
    return f"Evidence is needed for {_criteria(len(failing))}, and none is not met: {named}"


def _judgement_for(facts: Facts, key: str, school: SchoolFacts | None, is_current: bool):
    """A judgement about a school other than the current one is keyed "criterion@URN"."""
    if school is not None and school.urn is not None and f"{key}@{school.urn}" in facts.judgements:
        return facts.judgements[f"{key}@{school.urn}"]
    return facts.judgements.get(key) if is_current else None


def _criterion(
    criteria_set: CriteriaSet, c: Criterion, facts: Facts, school: SchoolFacts | None, is_current: bool
) -> CriterionResult:
    def done(result: str, reason: str, applies: bool = True, by_exception: str = "") -> CriterionResult:
        return CriterionResult(
            id=c.id,
            text=c.text,
            check=c.check,
            result=result,
            reason=reason,
            source=c.source,
            applies=applies,
            by_exception=by_exception,
        )

    if c.applies_if == "sixth_form_college":
        # Seed 000, Criteria: "If you are applying as a sixth form college, you must be able to show
        # evidence of supporting schools in addition to any support provided to sixth form colleges."
        if school is None:
            return done(NEEDS_EVIDENCE, "No school given: cannot tell whether this applies (sixth form colleges)")
        if not school.is_sixth_form_college:
            return done(MET, f"Does not apply: {school.label} is not a sixth form college", applies=False)

    result, reason = _check(criteria_set, c, facts, school, is_current)
    if c.applies_if == "sixth_form_college":
        reason = f"{school.label} is a sixth form college. {reason}"
    if c.exception is None or result == MET:
        return done(result, reason)
    # Seed 004 §11 footnotes 1 and 2: an exception an applicant may claim, judged on evidence.
    exception = c.exception
    judged = _judgement_for(facts, exception.id, school, is_current)
    if judged is not None and judged.result == MET:
        who = f" by {judged.assessor}" if judged.assessor else ""
        evidence = f": {judged.evidence}" if judged.evidence else ""
        return done(
            MET,
            f"Met by exception, judged{who}{evidence}. {reason}",
            by_exception=exception.id,
        )
    if judged is not None:
        return done(result, f"{reason}. The exception claimed was judged not to apply")
    if exception.id in facts.exceptions_claimed:
        return done(
            NEEDS_EVIDENCE,
            f"{reason}. The applicant claims the exception: an assessor must judge the evidence — "
            f"{exception.evidence or exception.text}",
        )
    return done(result, f"{reason}. An exception may be claimed: {exception.text}")


def _settled_by_judgement(
    facts: Facts, c: Criterion, school: SchoolFacts | None, is_current: bool, reason: str
) -> tuple[str, str]:
    """The data or the declarations could not decide: an assessor's judgement on the evidence, when
    there is one, settles the criterion (issue 14); otherwise it still needs evidence."""
    judged = _judgement_for(facts, c.id, school, is_current)
    if judged is None:
        return NEEDS_EVIDENCE, reason
    who = f" by {judged.assessor}" if judged.assessor else ""
    evidence = f": {judged.evidence}" if judged.evidence else ""
    return judged.result, f"Judged {RESULT_LABELS[judged.result]}{who} on the evidence{evidence}. {reason}"


def _check(
    criteria_set: CriteriaSet, c: Criterion, facts: Facts, school: SchoolFacts | None, is_current: bool
) -> tuple[str, str]:
    if c.check == "data":
        rule = RULES[c.rule]
        if rule.needs_school and school is None:
            return NEEDS_EVIDENCE, "No current school given: evidence is needed"

        def group_on_school(group_id: str, other: SchoolFacts) -> tuple[str, str]:
            result = _group(criteria_set, criteria_set.group(group_id), facts, other)
            return result.result, result.reason

        result, reason = rule.check(c.params, Context(facts=facts, school=school, group_on_school=group_on_school))
        if result != NEEDS_EVIDENCE:
            return result, reason
        return _settled_by_judgement(facts, c, school, is_current, reason)
    if c.check == "declaration":
        declared = facts.declarations.get(c.declaration)
        if declared is None:
            return _settled_by_judgement(facts, c, school, is_current, "Not yet declared by the applicant")
        return (
            (MET, "Declared by the applicant") if declared else (NOT_MET, "The applicant declared that this is not so")
        )
    judged = _judgement_for(facts, c.id, school, is_current)
    if judged is None:
        where = f" for {school.label}" if school is not None and not is_current else ""
        return NEEDS_EVIDENCE, f"An assessor must judge this on evidence{where}" + (
            f": {c.evidence}" if c.evidence else ""
        )
    who = f" by {judged.assessor}" if judged.assessor else ""
    evidence = f": {judged.evidence}" if judged.evidence else ""
    return judged.result, f"Judged {RESULT_LABELS[judged.result]}{who}{evidence}"
