"""Things to do on the home page for concerns and reviews (code "deployments"), in a fixed number
of queries: the open causes for concern a quality lead or the alliance must deal with, and the
reviews that are due (the mid-deployment review once half the deployment's dates have passed, the
final review once its end has passed, an NLG's progress review)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from domain.accounts.roles import Role
from domain.accounts.selectors import organisation_ids_of
from domain.leaders.todo import ToDo, _plural, counted

from .concern_selectors import concerns_visible_to
from .models import Deployment, Review, ReviewKind
from .review_services import nlg_progress_due_on
from .workflows import ConcernStatus, DeploymentStatus


@dataclass(frozen=True)
class DueReview:
    kind: str
    due_on: dt.date

    @property
    def label(self) -> str:
        return ReviewKind(self.kind).label

    def is_overdue(self, today: dt.date) -> bool:
        return self.due_on < today


def midpoint_of(deployment) -> dt.date:
    return deployment.starts_on + (deployment.ends_on - deployment.starts_on) / 2


def reviews_due(deployment, *, recorded: set[str], initial_on: dt.date | None, today: dt.date) -> list[DueReview]:
    """The reviews of a deployment still to record that are due (or, for the NLG progress review,
    scheduled) by `today`. `recorded` holds the kinds recorded; `initial_on` the initial report's date."""
    due = []
    if deployment.status == DeploymentStatus.ACTIVE:
        midpoint = midpoint_of(deployment)
        if ReviewKind.MID not in recorded and today >= midpoint:
            due.append(DueReview(ReviewKind.MID, midpoint))
        if ReviewKind.FINAL not in recorded and today > deployment.ends_on:
            due.append(DueReview(ReviewKind.FINAL, deployment.ends_on))
    still_open = deployment.status in (DeploymentStatus.CONTRACTING, DeploymentStatus.ACTIVE)
    if still_open and deployment.is_nlg and initial_on is not None and ReviewKind.NLG_PROGRESS not in recorded:
        due.append(DueReview(ReviewKind.NLG_PROGRESS, nlg_progress_due_on(initial_on)))
    return due


def _reviewed(kind):
    return Exists(Review.objects.filter(deployment=OuterRef("pk"), kind=kind))


def to_do_for(user) -> list[ToDo]:
    if not getattr(user, "is_authenticated", False):
        return []
    items = []
    coordinated = organisation_ids_of(user, Role.TSA_COORDINATOR)

    # Open concerns for the quality lead, or the coordinators where the alliance named none.
    lead_scope = Q(deployment__quality_lead=user) | Q(
        deployment__quality_lead__isnull=True, deployment__organisation_id__in=coordinated
    )
    items += counted(
        "concern",
        concerns_visible_to(user).filter(lead_scope).exclude(status=ConcernStatus.RESOLVED),
        "Deal with a cause for concern",
        "Deal with {count} causes for concern",
        "deployment_id",
        "pk",
    )

    # Reviews due on the deployments the person records reviews for: their own, and their alliance's.
    deployments = (
        Deployment.objects.filter(Q(leader=user) | Q(organisation_id__in=coordinated))
        .filter(status__in=(DeploymentStatus.CONTRACTING, DeploymentStatus.ACTIVE))
        .select_related("request")
        .annotate(
            has_mid=_reviewed(ReviewKind.MID),
            has_final=_reviewed(ReviewKind.FINAL),
            has_progress=_reviewed(ReviewKind.NLG_PROGRESS),
            initial_on=Subquery(
                Review.objects.filter(deployment=OuterRef("pk"), kind=ReviewKind.NLG_INITIAL).values("held_on")[:1]
            ),
        )
    )
    today = timezone.localdate()
    due = []
    for deployment in deployments:
        recorded = {
            kind
            for kind, done in (
                (ReviewKind.MID, deployment.has_mid),
                (ReviewKind.FINAL, deployment.has_final),
                (ReviewKind.NLG_PROGRESS, deployment.has_progress),
            )
            if done
        }
        for review in reviews_due(deployment, recorded=recorded, initial_on=deployment.initial_on, today=today):
            # The progress review is on the list from a fortnight before it is due.
            if review.kind != ReviewKind.NLG_PROGRESS or review.due_on - dt.timedelta(days=14) <= today:
                due.append((review.due_on, deployment.pk, str(review.kind)))
    if due:
        soonest = min(due)
        items.append(
            ToDo(
                "review",
                _plural(len(due), "Record a review that is due", "Record {count} reviews that are due"),
                count=len(due),
                due_on=soonest[0],
                item=soonest[1:] if len(due) == 1 else (),
            )
        )
    return items
