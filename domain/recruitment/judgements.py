"""Assessors' judgements and claimed exceptions, criterion by criterion (issue 14).

A criterion checked by judgement (criteria_sets/*.json, "check": "judgement") takes its result from
an assessor's judgement on the evidence (seed 000 Criteria: "evidence of..."; seed 004 §13 i). A
criterion whose data or declaration cannot decide (no inspection on file, no posts given, nothing
declared) is settled the same way.
A criterion with an exception (seed 004 §11 footnotes 1 and 2, in national-nle.v1.json) can be
claimed, and the claim is judged on its evidence. Each judgement is recorded on the application by
the running alliance or hub's coordinator or a member of the application's panel, audited in the
same transaction, and the eligibility check runs again (a new run)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from domain.audit.services import audit_record
from domain.designation.criteria import CriteriaSetError, get_set
from domain.designation.criteria.results import NEEDS_EVIDENCE
from domain.designation.criteria.sets import Criterion

from .eligibility import RERUN_STATES, latest_check, locked_for_check, run_check
from .models import Application, CriterionJudgement, EligibilityCheck, JudgementResult
from .policies import can_judge_criteria
from .services import MAX_TEXT, RecruitmentRefused


@dataclass(frozen=True)
class JudgeableCriterion:
    criterion: Criterion
    group: str
    judgement: CriterionJudgement | None


def _criteria(application: Application) -> dict[str, tuple[str, Criterion]]:
    try:
        criteria_set = get_set(application.round.criteria_set)
    except CriteriaSetError:
        return {}
    return {c.id: (g.title, c) for g in criteria_set.groups for c in g.criteria}


def judgeable_ids(check: EligibilityCheck | None, criteria: dict, judged: set[str]) -> set[str]:
    """The criteria of the run an assessor may judge: those checked by judgement, those with an
    exception, those whose data or declarations could not decide, and any already judged. A
    declaration the applicant made is theirs: it is not judged."""
    if check is None:
        return set()
    ids = set()
    for group in check.evaluation.get("groups", []):
        for row in group.get("criteria", []):
            entry = criteria.get(row["id"])
            if entry is None:
                continue
            c = entry[1]
            if (
                c.check == "judgement"
                or (c.exception is not None and c.check != "declaration")
                or row["id"] in judged
                or row.get("result") == NEEDS_EVIDENCE
            ):
                ids.add(row["id"])
    return ids


def judgements_of(application: Application) -> dict[str, CriterionJudgement]:
    return {
        j.criterion_id: j
        for j in CriterionJudgement.objects.filter(application=application).select_related("judged_by")
    }


def judgeable_criterion(application: Application, criterion_id: str) -> JudgeableCriterion | None:
    """The criterion of the application's set, when it can be judged now; None otherwise."""
    criteria = _criteria(application)
    judgements = judgements_of(application)
    if criterion_id not in judgeable_ids(latest_check(application), criteria, set(judgements)):
        return None
    group, criterion = criteria[criterion_id]
    return JudgeableCriterion(criterion=criterion, group=group, judgement=judgements.get(criterion_id))


def judgeable_criteria_ids(application: Application) -> set[str]:
    """For the eligibility page: the criteria that carry a "Record a judgement" link."""
    if application.status not in RERUN_STATES:
        return set()
    judged = set(CriterionJudgement.objects.filter(application=application).values_list("criterion_id", flat=True))
    return judgeable_ids(latest_check(application), _criteria(application), judged)


@transaction.atomic
def criterion_judge(
    *,
    actor,
    application: Application,
    criterion_id: str,
    result: str,
    evidence: str,
    claims_exception: bool = False,
) -> CriterionJudgement:
    """Records the judgement on one criterion (replacing an earlier one) and runs the eligibility
    check again. Refused to anyone but the round's managers and the application's panel, before
    the first check and once the application is decided, for a criterion that cannot be judged,
    without evidence, and for an exception the criterion does not have."""
    if not can_judge_criteria(actor, application):
        raise RecruitmentRefused("Only the alliance or hub running the round or the panel can judge the criteria")
    locked = locked_for_check(application)
    if locked.status not in RERUN_STATES:
        raise RecruitmentRefused(
            "Criteria are judged after the eligibility check and until the application is decided; "
            f"this application is {locked.get_status_display().lower()}"
        )
    found = judgeable_criterion(locked, criterion_id) if isinstance(criterion_id, str) else None
    if found is None:
        raise RecruitmentRefused("This criterion is not judged by an assessor")
    criterion = found.criterion
    if result not in JudgementResult.values:
        raise RecruitmentRefused("Choose whether the criterion is met or not met")
    evidence = evidence.strip() if isinstance(evidence, str) else ""
    if not evidence:
        raise RecruitmentRefused("Enter the evidence for your judgement")
    if len(evidence) > MAX_TEXT:
        raise RecruitmentRefused(f"The evidence must be {MAX_TEXT:,} characters or fewer")
    claims_exception = claims_exception is True
    if claims_exception and criterion.exception is None:
        raise RecruitmentRefused("This criterion has no exception to claim")
    # The register's data decide a data criterion; only its exception is judged (seed 004 §11).
    data_decide = (
        criterion.check == "data" and found.judgement is None and not _data_needs_evidence(locked, criterion.id)
    )
    if data_decide and not claims_exception:
        raise RecruitmentRefused("The data decide this criterion: claim the exception to have it judged")
    judgement, _ = CriterionJudgement.objects.update_or_create(
        application=locked,
        criterion_id=criterion.id,
        defaults={
            "result": result,
            "evidence": evidence,
            "claims_exception": claims_exception,
            "judged_by": actor if getattr(actor, "pk", None) else None,
            "judged_at": timezone.now(),
        },
    )
    audit_record(
        actor=actor,
        action="recruitment.application.criterion_judged",
        subject=locked,
        reason=evidence,
        organisation=locked.round.organisation,
        data={"criterion": criterion.id, "result": result, "claims_exception": claims_exception},
    )
    run_check(actor=actor, locked=locked)
    return judgement


def _data_needs_evidence(application: Application, criterion_id: str) -> bool:
    check = latest_check(application)
    rows = [r for g in (check.evaluation.get("groups", []) if check else []) for r in g.get("criteria", [])]
    return any(r["id"] == criterion_id and r.get("result") == NEEDS_EVIDENCE for r in rows)
