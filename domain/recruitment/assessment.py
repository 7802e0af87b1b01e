"""The NLE paper exercise and the assessment day: a competency grid, each assessor scoring on their
own, and a summary across assessors.

Seed 000 ("Application and selection"): "An assessment day would be held to assess skills and
competencies required for successful school to school support. TSC will provide a set of
competencies and a regional application form / assessment grid". The seed does not list the
competencies, so the regional grid below is a DRAFT drawn from its LLE criteria, for a region to
replace. For NLEs the grid is the three standards of seed 004 §16.

Seed 004 §13: NLE selection runs in order — i. eligibility, ii. "Paper exercise testing knowledge
that we would expect an NLE to have", iii. "Interview or assessment" — so an NLE application is
assessed only after its paper exercise is scored."""

from statistics import mean

from django.db import transaction
from django.utils import timezone

from domain.audit.services import audit_record
from domain.designation.criteria.grids import Competency
from domain.designation.criteria.sets import CriteriaSetError
from domain.designation.criteria_selectors import grid_by_ref, in_force_grid_row, stored_grid
from domain.designation.models import DesignationRole
from domain.workflows.table import transition

from .models import Application, AssessmentScore, AssessorSubmission, PaperExercise
from .panel import conflict_with_applicant
from .policies import can_assess_application, can_run_selection
from .services import MAX_TEXT, RecruitmentRefused
from .workflows import APPLICATION, ApplicationStatus

# The issue: "two assessors score" — the application is assessed once this many have submitted.
MIN_ASSESSORS = 2
SCORES = (1, 2, 3, 4)
SCORE_LABELS = {1: "Not shown", 2: "Partly shown", 3: "Shown", 4: "Strongly shown"}
PAPER_MAX = 100  # the paper exercise is scored as a percentage


# The first versions of the grids, as loaded by designation migration 0003 from
# criteria_sets/grids/ (issue 14: the grids are the region's own data since); used only where no
# grid is stored.
# DRAFT regional grid (seed 000 lists no competencies; these follow its LLE criteria).
REGIONAL_GRID = (
    Competency(
        "support_to_improve",
        "Ability and capacity to support another school to improve",
        "seed 000, Criteria (draft competency)",
    ),
    Competency(
        "coaching_and_mentoring",
        "Coaching and mentoring another headteacher or senior leader",
        "seed 000, Criteria (draft competency)",
    ),
    Competency(
        "track_record",
        "A track record of high or improving pupil performance in their own school",
        "seed 000, Criteria for the headteacher's school (draft competency)",
    ),
    Competency(
        "working_in_partnership",
        "Working with other schools, the alliance and its clients",
        "seed 000, Commissioning and Deployment (draft competency)",
    ),
)

# Seed 004 §16: "We recommend the NLE standards should encompass: ..."
NLE_GRID = (
    Competency("professional_credibility", "Standard 1. Professional credibility", "seed 004 §16"),
    Competency(
        "problem_solving_and_influencing",
        "Standard 2. Problem solving and influencing for improvement",
        "seed 004 §16",
    ),
    Competency(
        "capacity_building",
        "Standard 3. Capacity building and knowledge transfer to ensure sustainability",
        "seed 004 §16",
    ),
)


def grid_for(application: Application) -> tuple[Competency, ...]:
    """The grid in force when the application was submitted (issue 14), else the one in force now
    for the round's role."""
    if application.assessment_grid:
        try:
            return grid_by_ref(application.assessment_grid).competencies
        except CriteriaSetError:
            pass
    row = in_force_grid_row(application.round.role)
    if row is not None:
        return stored_grid(row).competencies
    return NLE_GRID if application.round.role == DesignationRole.NLE else REGIONAL_GRID


def _is_nle(application: Application) -> bool:
    return application.round.role == DesignationRole.NLE


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("round__organisation", "school")
        .get(pk=application.pk)
    )


# Paper exercise (NLE) ---------------------------------------------------------------------------


@transaction.atomic
def paper_exercise_score(*, actor, application: Application, score: int, notes: str = "") -> PaperExercise:
    """Records the NLE paper exercise score (0 to 100) and moves the application from
    eligibility_checked to paper_scored."""
    if not can_run_selection(actor, application):
        raise RecruitmentRefused("Only the alliance or hub running the round can score the paper exercise")
    locked = _locked(application)
    if not _is_nle(locked):
        raise RecruitmentRefused("Only NLE selection has a paper exercise")  # seed 004 §13
    if locked.status != ApplicationStatus.ELIGIBILITY_CHECKED:
        raise RecruitmentRefused(
            "The paper exercise is scored after the eligibility check and before the interview; this "
            f"application is {locked.get_status_display().lower()}"
        )
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= PAPER_MAX:
        raise RecruitmentRefused(f"Enter the paper exercise score as a whole number from 0 to {PAPER_MAX}")
    notes = (notes or "").strip()
    if len(notes) > MAX_TEXT:
        raise RecruitmentRefused(f"The notes must be {MAX_TEXT:,} characters or fewer")
    paper = PaperExercise.objects.create(
        application=locked, score=score, notes=notes, scored_by=actor if getattr(actor, "pk", None) else None
    )
    transition(
        workflow=APPLICATION,
        obj=application,
        event="score_paper",
        actor=actor,
        organisation=locked.round.organisation,
        data={"score": score},
    )
    return paper


# Assessment day ---------------------------------------------------------------------------------


def _refuse_unless_scoring_open(application: Application) -> None:
    if _is_nle(application) and application.status == ApplicationStatus.ELIGIBILITY_CHECKED:
        raise RecruitmentRefused(  # seed 004 §13: eligibility, paper exercise, interview
            "An NLE applicant is interviewed after the paper exercise: score the paper exercise first"
        )
    if application.status not in (
        ApplicationStatus.ELIGIBILITY_CHECKED,
        ApplicationStatus.PAPER_SCORED,
        ApplicationStatus.ASSESSED,
    ):
        raise RecruitmentRefused(
            "The assessment is scored after the eligibility check and before the panel decides; this "
            f"application is {application.get_status_display().lower()}"
        )


def _clean_scores(grid, scores) -> dict[str, tuple[int, str]]:
    if not isinstance(scores, dict) or not scores:
        raise RecruitmentRefused("Give a score for at least one competency")
    titles = {c.key: c.title for c in grid}
    unknown = sorted(set(scores) - set(titles))
    if unknown:
        raise RecruitmentRefused(f"These are not competencies of the grid: {', '.join(unknown)}")
    clean = {}
    for key, value in scores.items():
        value = value if isinstance(value, dict) else {"score": value}
        score = value.get("score")
        if isinstance(score, bool) or score not in SCORES:
            raise RecruitmentRefused(f"Score '{titles[key]}' from 1 to 4")
        evidence = value.get("evidence", "")
        if not isinstance(evidence, str) or len(evidence) > MAX_TEXT:
            raise RecruitmentRefused(
                f"The evidence for '{titles[key]}' must be text of {MAX_TEXT:,} characters or fewer"
            )
        clean[key] = (score, evidence.strip())
    return clean


@transaction.atomic
def assessment_score(*, assessor, application: Application, scores: dict) -> list[AssessmentScore]:
    """Saves the assessor's own scores: {competency: {"score": 1-4, "evidence": text}} (or just the
    score). Only the assessor's own rows are written, so no one can change another's scores; once
    they have submitted, their scores are fixed."""
    if not can_assess_application(assessor, application):
        raise RecruitmentRefused("You are not an assessor for this application")
    locked = _locked(application)
    _refuse_unless_scoring_open(locked)
    conflict = conflict_with_applicant(assessor, locked)
    if conflict:  # the panel's rule applies to assessors too
        raise RecruitmentRefused(conflict.replace("sit on this panel", "assess this application"))
    if AssessorSubmission.objects.filter(application=locked, assessor=assessor).exists():
        raise RecruitmentRefused("You have submitted your scores, so they can no longer be changed")
    clean = _clean_scores(grid_for(locked), scores)
    now = timezone.now()
    saved = []
    for key, (score, evidence) in clean.items():
        row, _ = AssessmentScore.objects.update_or_create(
            application=locked,
            assessor=assessor,
            competency=key,
            defaults={"score": score, "evidence": evidence, "updated_at": now},
        )
        saved.append(row)
    audit_record(
        actor=assessor,
        action="recruitment.assessment.scored",
        subject=locked,
        organisation=locked.round.organisation,
        data={"competencies": sorted(clean)},
    )
    return saved


@transaction.atomic
def assessment_submit(*, assessor, application: Application) -> AssessorSubmission:
    """The assessor has scored every competency and submits: their scores are fixed. When
    MIN_ASSESSORS have submitted, the application moves on to `assessed`."""
    if not can_assess_application(assessor, application):
        raise RecruitmentRefused("You are not an assessor for this application")
    locked = _locked(application)
    _refuse_unless_scoring_open(locked)
    if AssessorSubmission.objects.filter(application=locked, assessor=assessor).exists():
        raise RecruitmentRefused("You have already submitted your scores")
    scored = set(
        AssessmentScore.objects.filter(application=locked, assessor=assessor).values_list("competency", flat=True)
    )
    missing = [c.title for c in grid_for(locked) if c.key not in scored]
    if missing:
        raise RecruitmentRefused("Before you submit, score: " + "; ".join(missing))
    submission = AssessorSubmission.objects.create(application=locked, assessor=assessor)
    audit_record(
        actor=assessor,
        action="recruitment.assessment.submitted",
        subject=locked,
        organisation=locked.round.organisation,
    )
    submitted = AssessorSubmission.objects.filter(application=locked).count()
    if submitted >= MIN_ASSESSORS and locked.status != ApplicationStatus.ASSESSED:
        transition(
            workflow=APPLICATION,
            obj=application,
            event="assess",
            actor=assessor,
            reason=f"{submitted} assessors have submitted their scores",
            organisation=locked.round.organisation,
        )
    return submission


def assessment_scores_visible_to(application: Application, user):
    """The scores the assessor may read: only their own until they have submitted, then everyone's
    (so each scores on their own first)."""
    scores = AssessmentScore.objects.filter(application=application).select_related("assessor")
    if not AssessorSubmission.objects.filter(application=application, assessor=user).exists():
        scores = scores.filter(assessor=user)
    return scores.order_by("assessor_id", "competency")


def assessment_summary(application: Application) -> dict:
    """Across the assessors who have submitted: per competency the mean score, the spread (highest
    minus lowest) and how many scored it; who has submitted and who is still scoring."""
    submissions = list(AssessorSubmission.objects.filter(application=application).select_related("assessor"))
    submitted_ids = {s.assessor_id for s in submissions}
    scores = list(AssessmentScore.objects.filter(application=application).select_related("assessor"))
    by_competency: dict[str, list[int]] = {}
    for row in scores:
        if row.assessor_id in submitted_ids:
            by_competency.setdefault(row.competency, []).append(row.score)
    competencies = []
    for competency in grid_for(application):
        values = by_competency.get(competency.key, [])
        competencies.append(
            {
                "key": competency.key,
                "title": competency.title,
                "mean": round(mean(values), 2) if values else None,
                "spread": (max(values) - min(values)) if values else None,
                "count": len(values),
            }
        )
    in_progress = sorted({row.assessor for row in scores if row.assessor_id not in submitted_ids}, key=lambda u: u.pk)
    return {
        "competencies": competencies,
        "submitted": [s.assessor for s in submissions],
        "in_progress": in_progress,
        "needed": MIN_ASSESSORS,
        "complete": len(submissions) >= MIN_ASSESSORS,
    }
