"""The eligibility check of an application: the round's criteria set, run by the criteria engine
(domain.designation.criteria) on facts built from the application, the school's record in the
register and the chair of governors' confirmation. The result is stored, criterion by criterion,
with the set's id@version, so the coordinator sees what was checked and against which wording
(issue 3: "The eligibility check shown to the coordinator criterion by criterion"; seed 004 §13 i
for NLEs: "Check applicant meets eligibility criteria")."""

from django.db import transaction
from django.utils import timezone

from domain.designation.criteria import CriteriaSetError, Facts, evaluate, facts_from_school, get_set
from domain.designation.criteria.facts import Judgement, Post
from domain.workflows.table import transition

from .models import Application, EligibilityCheck, ReferenceKind, ReferenceRequest
from .policies import can_run_selection
from .services import RecruitmentRefused
from .workflows import APPLICATION, ApplicationStatus, ReferenceStatus

# The application form's declarations (application_form.REGIONAL_FORM) and the criteria they
# answer in the shipped sets (criteria_sets/yh-lle.v1.json: a declaration criterion's key is its id).
DECLARATION_CRITERIA = {
    "remain_two_years": "stay_two_years",
    "commit_time_and_training": "time_induction_training",
    "governing_body_support": "governing_body_support",
}


def _governors_support(application: Application) -> bool | None:
    """The chair of governors' answer: True, False, or None when not answered."""
    answers = ReferenceRequest.objects.filter(
        application=application, kind=ReferenceKind.GOVERNORS_CONFIRMATION, status=ReferenceStatus.ANSWERED
    ).values_list("response", flat=True)
    supports = [r.get("supports") for r in answers if isinstance(r.get("supports"), bool)]
    if not supports:
        return None
    return all(supports)


def facts_for_application(
    application: Application,
    *,
    posts: tuple[Post, ...] | None = None,
    post: str = "",
    judgements: dict[str, Judgement] | None = None,
    exceptions_claimed=(),
) -> Facts:
    """The facts the criteria engine checks: the applicant's declarations, their school from the
    register, and the chair of governors' confirmation (seed 000: the leader must "have the
    support of your school's governing body / trust board" — the applicant's declaration counts
    only when the chair confirms it). Posts and assessors' judgements are given by the coordinator;
    without them those criteria need evidence."""
    accepted = application.declarations.get("accepted", {})
    declarations = {
        criterion: accepted[key]
        for key, criterion in DECLARATION_CRITERIA.items()
        if isinstance(accepted.get(key), bool)
    }
    governors = _governors_support(application)
    if "governing_body_support" in declarations or governors is not None:
        declarations["governing_body_support"] = bool(declarations.get("governing_body_support")) and governors is True
    schools = ()
    current_urn = None
    if application.school is not None:
        schools = (facts_from_school(application.school),)
        current_urn = application.school.urn
    return Facts(
        as_of=timezone.localdate(),
        post=post,
        posts=posts,
        current_school_urn=current_urn,
        schools=schools,
        declarations=declarations,
        judgements=dict(judgements or {}),
        exceptions_claimed=frozenset(exceptions_claimed),
    )


@transaction.atomic
def application_check_eligibility(*, actor, application: Application, facts: Facts | None = None) -> EligibilityCheck:
    """Runs the round's criteria set on `facts` (built by `facts_for_application` when not given),
    stores the result and moves the application from references_complete to eligibility_checked."""
    if not can_run_selection(actor, application):
        raise RecruitmentRefused("Only the alliance or hub running the round can check eligibility")
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("round__organisation", "school")
        .get(pk=application.pk)
    )
    if locked.status != ApplicationStatus.REFERENCES_COMPLETE:
        raise RecruitmentRefused(
            "Eligibility is checked once the references are complete; this application is "
            f"{locked.get_status_display().lower()}"
        )
    try:
        # Issue 14: the version in force when the application was submitted, else the round's.
        criteria_set = get_set(locked.criteria_set or locked.round.criteria_set)
    except CriteriaSetError as error:
        raise RecruitmentRefused(f"The round's criteria set cannot be used: {error}") from None
    if not isinstance(facts, Facts) and facts is not None:
        raise RecruitmentRefused("Give the facts to check as Facts")
    evaluation = evaluate(criteria_set, facts or facts_for_application(locked))
    stored = {**evaluation.to_dict(), "criteria_set": criteria_set.ref}
    check = EligibilityCheck.objects.create(
        application=locked,
        criteria_set=criteria_set.ref,
        result=evaluation.result,
        evaluation=stored,
        checked_by=actor if getattr(actor, "pk", None) else None,
    )
    transition(
        workflow=APPLICATION,
        obj=application,
        event="check_eligibility",
        actor=actor,
        reason=evaluation.reason,
        organisation=locked.round.organisation,
        data={"criteria_set": criteria_set.ref, "result": evaluation.result},
    )
    return check


def eligibility_result(application: Application) -> dict | None:
    """The stored check for the coordinator's page: the set, the overall result and reason, and a
    row per criterion (group, id, text, how it is checked, result, reason, source); None before
    the check."""
    check = EligibilityCheck.objects.filter(application=application).first()
    if check is None:
        return None
    evaluation = check.evaluation
    rows = [
        {
            "group": group["title"],
            "group_result": group["result"],
            "id": criterion["id"],
            "text": criterion["text"],
            "check": criterion["check"],
            "result": criterion["result"],
            "reason": criterion["reason"],
            "source": criterion.get("source", ""),
            "applies": criterion.get("applies", True),
        }
        for group in evaluation.get("groups", [])
        for criterion in group.get("criteria", [])
    ]
    return {
        "criteria_set": check.criteria_set,
        "title": evaluation.get("title", ""),
        "result": check.result,
        "reason": evaluation.get("reason", ""),
        "checked_at": check.checked_at,
        "checked_by": check.checked_by,
        "criteria": rows,
    }
