"""The eligibility check of an application: the round's criteria set, run by the criteria engine
(domain.designation.criteria) on facts built from the application, the school's record in the
register and the chair of governors' confirmation. The result is stored, criterion by criterion,
with the set's id@version, so the coordinator sees what was checked and against which wording
(issue 3: "The eligibility check shown to the coordinator criterion by criterion"; seed 004 §13 i
for NLEs: "Check applicant meets eligibility criteria")."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from domain.audit.services import audit_record
from domain.designation.criteria import CriteriaSetError, Facts, evaluate, facts_from_school, get_set
from domain.designation.criteria.facts import Judgement, Post
from domain.workflows.table import transition

from .application_form import form_for
from .employment import posts_facts
from .models import Application, CriterionJudgement, EligibilityCheck, ReferenceKind, ReferenceRequest
from .policies import can_run_selection
from .services import RecruitmentRefused
from .workflows import APPLICATION, ApplicationStatus, ReferenceStatus


def _governors_support(application: Application) -> bool | None:
    """The chair of governors' answer: True, False, or None when not answered."""
    answers = ReferenceRequest.objects.filter(
        application=application, kind=ReferenceKind.GOVERNORS_CONFIRMATION, status=ReferenceStatus.ANSWERED
    ).values_list("response", flat=True)
    supports = [r.get("supports") for r in answers if isinstance(r.get("supports"), bool)]
    if not supports:
        return None
    return all(supports)


def _stored_judgements(application: Application, criteria_set) -> tuple[dict[str, Judgement], set[str]]:
    """The assessors' judgements and the claimed exceptions recorded on the application, as the
    engine reads them: a judgement on a claimed exception is keyed by the exception's id (seed 004
    §11 footnotes 1 and 2), any other by the criterion's id."""
    if criteria_set is None:
        try:
            criteria_set = get_set(application.round.criteria_set)
        except CriteriaSetError:
            criteria_set = None
    exceptions = {}
    if criteria_set is not None:
        exceptions = {c.id: c.exception for g in criteria_set.groups for c in g.criteria if c.exception is not None}
    judgements, claimed = {}, set()
    for j in CriterionJudgement.objects.filter(application=application).select_related("judged_by"):
        judged = Judgement(
            result=j.result, evidence=j.evidence, assessor=(j.judged_by.full_name or "") if j.judged_by else ""
        )
        exception = exceptions.get(j.criterion_id)
        if j.claims_exception and exception is not None:
            judgements[exception.id] = judged
            claimed.add(exception.id)
            continue
        judgements[j.criterion_id] = judged
    return judgements, claimed


def facts_for_application(
    application: Application,
    *,
    posts: tuple[Post, ...] | None = None,
    post: str | None = None,
    judgements: dict[str, Judgement] | None = None,
    exceptions_claimed=(),
    criteria_set=None,
) -> Facts:
    """The facts the criteria engine checks: the applicant's declarations, their school from the
    register, the chair of governors' confirmation (seed 000: the leader must "have the support of
    your school's governing body / trust board" — the applicant's declaration counts only when the
    chair confirms it), and the assessors' judgements and claimed exceptions recorded on the
    application (given `judgements` replace them). The posts, the current post and their schools
    come from the applicant's employment history (employment.posts_facts) unless given; with no
    posts, the criteria read from them need evidence."""
    form = form_for(application.round)
    accepted = application.declarations.get("accepted", {})
    declarations = {
        criterion: accepted[key]
        for key, criterion in form.declaration_criteria.items()
        if isinstance(accepted.get(key), bool)
    }
    governors = _governors_support(application)
    if "governing_body_support" in declarations or governors is not None:
        declarations["governing_body_support"] = bool(declarations.get("governing_body_support")) and governors is True
    history_posts, history_post, post_schools = posts_facts(application, form)
    if posts is None:
        posts = history_posts
    if post is None:
        post = history_post
    schools = {school.urn: school for school in post_schools}
    current_urn = None
    if application.school is not None:
        schools[application.school.urn] = facts_from_school(
            application.school,
            sponsored_academy=getattr(schools.get(application.school.urn), "sponsored_academy", False),
        )
        current_urn = application.school.urn
    schools = tuple(schools.values())
    claimed = set(exceptions_claimed)
    if judgements is None:
        judgements, stored_claims = _stored_judgements(application, criteria_set)
        claimed |= stored_claims
    return Facts(
        as_of=timezone.localdate(),
        post=post,
        posts=posts,
        current_school_urn=current_urn,
        schools=schools,
        declarations=declarations,
        judgements=dict(judgements),
        exceptions_claimed=frozenset(claimed),
    )


# Once checked and until decided, the check runs again when the facts change (issue 14: "the check
# runs again when the facts change"); the status stays where it is.
RERUN_STATES = (ApplicationStatus.ELIGIBILITY_CHECKED, ApplicationStatus.PAPER_SCORED, ApplicationStatus.ASSESSED)


def locked_for_check(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("round__organisation", "school")
        .get(pk=application.pk)
    )


def run_check(*, actor, locked: Application, facts: Facts | None = None) -> EligibilityCheck:
    """Runs the round's set on the locked application and stores the run, numbered after the last
    one; the first run moves the application on to eligibility_checked, a later run is audited and
    leaves the status as it is. Called inside the caller's transaction, after its policy check."""
    try:
        # Issue 14: the version in force when the application was submitted, else the round's.
        criteria_set = get_set(locked.criteria_set or locked.round.criteria_set)
    except CriteriaSetError as error:
        raise RecruitmentRefused(f"The round's criteria set cannot be used: {error}") from None
    if not isinstance(facts, Facts) and facts is not None:
        raise RecruitmentRefused("Give the facts to check as Facts")
    evaluation = evaluate(criteria_set, facts or facts_for_application(locked, criteria_set=criteria_set))
    stored = {**evaluation.to_dict(), "criteria_set": criteria_set.ref}
    last = EligibilityCheck.objects.filter(application=locked).aggregate(last=Max("run"))["last"] or 0
    check = EligibilityCheck.objects.create(
        application=locked,
        run=last + 1,
        criteria_set=criteria_set.ref,
        result=evaluation.result,
        evaluation=stored,
        checked_by=actor if getattr(actor, "pk", None) else None,
    )
    data = {"criteria_set": criteria_set.ref, "result": evaluation.result}
    if locked.status == ApplicationStatus.REFERENCES_COMPLETE:
        transition(
            workflow=APPLICATION,
            obj=locked,
            event="check_eligibility",
            actor=actor,
            reason=evaluation.reason,
            organisation=locked.round.organisation,
            data=data,
        )
    else:
        audit_record(
            actor=actor,
            action="recruitment.application.eligibility_rerun",
            subject=locked,
            reason=evaluation.reason,
            organisation=locked.round.organisation,
            data={**data, "run": check.run},
        )
    return check


@transaction.atomic
def application_check_eligibility(*, actor, application: Application, facts: Facts | None = None) -> EligibilityCheck:
    """Runs the round's criteria set on `facts` (built by `facts_for_application` when not given)
    and stores the run. The first run moves the application from references_complete to
    eligibility_checked; the coordinator may run it again until the application is decided, and
    every run is kept."""
    if not can_run_selection(actor, application):
        raise RecruitmentRefused("Only the alliance or hub running the round can check eligibility")
    locked = locked_for_check(application)
    if locked.status not in (ApplicationStatus.REFERENCES_COMPLETE, *RERUN_STATES):
        state = locked.get_status_display().lower()
        if locked.status in (ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED):
            raise RecruitmentRefused(
                f"Eligibility is checked once the references are complete; this application is {state}"
            )
        raise RecruitmentRefused(f"Eligibility is not checked again once the application is decided; it is {state}")
    check = run_check(actor=actor, locked=locked, facts=facts)
    application.status = locked.status
    return check


def latest_check(application: Application) -> EligibilityCheck | None:
    """The run in force: the latest."""
    return EligibilityCheck.objects.filter(application=application).order_by("-run").first()


def earlier_checks(application: Application) -> list[EligibilityCheck]:
    """Every run before the latest, newest first: when, by whom, with what result."""
    return list(
        EligibilityCheck.objects.filter(application=application).select_related("checked_by").order_by("-run")[1:]
    )


def eligibility_result(application: Application) -> dict | None:
    """The stored check for the coordinator's page: the set, the overall result and reason, and a
    row per criterion (group, id, text, how it is checked, result, reason, source); None before
    the check."""
    check = latest_check(application)
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
        "run": check.run,
        "criteria": rows,
    }
