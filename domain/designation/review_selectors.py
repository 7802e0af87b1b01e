"""Reading reviews of designations, and the review pack the service compiles for the reviewer
(seed 004 §24: self-assessment, '360' feedback, inspections of the supported schools, numbers).
Each function runs a fixed number of queries (the pack: one query per supported school's
inspections, bounded by the leader's deployments in the term)."""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q

from domain.accounts.roles import Role
from domain.accounts.selectors import organisation_ids_of

from .models import DesignationReview, ReviewFeedback
from .review_questions import questions_for
from .selectors import designations_managed_by
from .workflows import ReviewStatus

_RELATED = ("designation", "designation__person", "designation__organisation", "designation__school", "decided_by")


def reviews_of_leader(user):
    """The leader's own reviews, newest first."""
    return DesignationReview.objects.filter(designation__person=user).select_related(*_RELATED)


def review_of_leader(user, review_id) -> DesignationReview | None:
    return reviews_of_leader(user).filter(pk=review_id).first()


def review_of_designation(designation) -> DesignationReview | None:
    """The review of this term, if it has been opened."""
    return DesignationReview.objects.filter(designation=designation).first()


def reviews_awaiting_self_assessment(user):
    return reviews_of_leader(user).filter(status=ReviewStatus.OPEN)


def reviews_managed_by(user):
    """The reviews of the designations the person may manage (policies.can_manage_designation)."""
    return (
        DesignationReview.objects.filter(designation__in=designations_managed_by(user).values("pk"))
        .select_related(*_RELATED)
        .order_by("designation__ends_on", "id")
    )


def review_managed_by(user, review_id) -> DesignationReview | None:
    return reviews_managed_by(user).filter(pk=review_id).first()


def reviews_to_decide(user):
    """For a home page: the reviews waiting for a decision or an appeal's hearing at the alliances
    or hubs the person coordinates (a regional representative can decide too, but is not asked)."""
    coordinated = organisation_ids_of(user, Role.TSA_COORDINATOR)
    return (
        DesignationReview.objects.filter(
            designation__organisation_id__in=coordinated,
            status__in=[ReviewStatus.SUBMITTED, ReviewStatus.APPEALED],
        )
        .exclude(status=ReviewStatus.APPEALED, decided_by=user)  # someone else hears the appeal
        .select_related(*_RELATED)
        .order_by("designation__ends_on", "id")
    )


def _feedback_of(user):
    """The person's requests for feedback, while they still speak for the school or alliance."""
    return ReviewFeedback.objects.filter(respondent=user, organisation_id__in=organisation_ids_of(user))


def feedback_asked_of(user):
    """The feedback the person has been asked for and not yet given, on reviews still open to it."""
    return (
        _feedback_of(user)
        .filter(answered_at__isnull=True, review__status=ReviewStatus.SUBMITTED)
        .select_related("review__designation__person")
        .order_by("asked_at", "id")
    )


def feedback_for(user, feedback_id) -> ReviewFeedback | None:
    """One request for feedback, the person's own (answered or not)."""
    return (
        _feedback_of(user)
        .filter(pk=feedback_id)
        .select_related("review__designation__person", "review__designation__organisation")
        .first()
    )


# The pack -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnsweredQuestion:
    title: str
    answer: str


@dataclass(frozen=True)
class CollatedFeedback:
    """The 360 feedback without names: how many were asked and answered, the mean score from each
    kind of respondent, and the comments in no one's name."""

    asked: int
    answered: int
    mean_from_schools: float | None
    mean_from_alliances: float | None
    comments: list[str]


@dataclass(frozen=True)
class SupportedSchool:
    school_name: str
    starts_on: object
    ends_on: object
    baseline: object  # deployments.impact.InspectionOutcome or None
    since: list


@dataclass
class ReviewPack:
    review: DesignationReview
    self_assessment: list[AnsweredQuestion]
    feedback: CollatedFeedback
    schools: list[SupportedSchool] = field(default_factory=list)
    reach: object = None  # deployments.impact.Reach, across all the leader's work
    reach_in_term: object = None  # the same, from the visits made during the term
    deployments_in_term: int = 0
    deployment_feedback: object = None  # deployments.feedback_selectors.FeedbackSummary


def collated_feedback(review: DesignationReview) -> CollatedFeedback:
    """Two queries."""
    School, Alliance = ReviewFeedback.Source.SCHOOL, ReviewFeedback.Source.ALLIANCE
    answered = Q(answered_at__isnull=False)
    totals = ReviewFeedback.objects.filter(review=review).aggregate(
        asked=Count("id"),
        answered=Count("id", filter=answered),
        schools=Avg("score", filter=answered & Q(source=School)),
        alliances=Avg("score", filter=answered & Q(source=Alliance)),
    )
    # Alphabetical, so that the order says nothing about who answered first.
    comments = sorted(
        ReviewFeedback.objects.filter(review=review, answered_at__isnull=False).values_list("comments", flat=True)
    )
    return CollatedFeedback(
        asked=totals["asked"],
        answered=totals["answered"],
        mean_from_schools=totals["schools"],
        mean_from_alliances=totals["alliances"],
        comments=comments,
    )


def _reach_in_term(designation):
    """The leader's reach (as deployments.impact.reach_of counts it: notes of visit shared with
    the school) from the visits made during the term. One query."""
    from domain.deployments.impact import reach_of

    return reach_of(designation.person, between=(designation.starts_on, designation.ends_on))


def review_pack(review: DesignationReview) -> ReviewPack:
    """Everything the reviewer reads on one page (seed 004 §24 i to iv)."""
    from domain.deployments.feedback_selectors import feedback_summaries
    from domain.deployments.impact import inspections_around, reach_of
    from domain.deployments.models import Deployment

    designation = review.designation
    leader = designation.person
    answers = review.self_assessment
    deployments = list(
        Deployment.objects.filter(leader=leader, starts_on__lte=designation.ends_on, ends_on__gte=designation.starts_on)
        .select_related("client_school")
        .order_by("starts_on", "id")
    )
    schools = []
    for deployment in deployments:
        baseline, since = inspections_around(deployment)
        schools.append(
            SupportedSchool(
                school_name=deployment.client_school.display_name,
                starts_on=deployment.starts_on,
                ends_on=deployment.ends_on,
                baseline=baseline,
                since=since,
            )
        )
    reach_in_term = _reach_in_term(designation)
    return ReviewPack(
        review=review,
        self_assessment=[AnsweredQuestion(q.title, answers.get(q.key, "")) for q in questions_for(designation.role)],
        feedback=collated_feedback(review),
        schools=schools,
        reach=reach_of(leader),
        reach_in_term=reach_in_term,
        deployments_in_term=len(deployments),
        deployment_feedback=feedback_summaries([leader.pk])[leader.pk],
    )
