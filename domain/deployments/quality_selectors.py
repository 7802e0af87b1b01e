"""Reading quality assurance: an alliance's leaders with their QA activities and revealed feedback
(the TSA's page), and one leader's quality record (the leader's page). Seed 000 "Quality
assurance": "QA may include feedback templates, visits, mid deployment reviews, peer review".

A leader's record is private to the leader and to the alliances, hubs and groupings that broker
them (their active association, or a deployment they brokered): each of those sees what it
recorded and the feedback on the deployments it brokered. Everyone else: None (answer 404).
Every list runs a constant number of queries."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from domain.accounts.models import User
from domain.leaders.selectors import organisations_acted_for
from domain.leaders.workflows import AssociationStatus

from .feedback_selectors import FeedbackSummary, feedback_summaries, revealed_rounds_of
from .impact import Reach, reach_of
from .models import Deployment, FeedbackRound, QaActivity

QUALITY_LEADER_LINK = "/home/deployments/quality/leaders/{pk}/"
ACTIVITY_RELATED = ("leader", "reviewer", "recorded_by", "organisation", "deployment", "deployment__client_school")


def organisations_for_quality(user):
    """The alliances, hubs and groupings whose quality assurance the person runs, by name."""
    return organisations_acted_for(user).order_by("name")


def organisation_for_quality(user, organisation_id):
    """One of them, or None (another organisation's: answer 404)."""
    return organisations_for_quality(user).filter(pk=organisation_id).first()


def brokered_by(organisation) -> Q:
    """Leaders the organisation brokers: actively associated with it, or deployed through it."""
    return Q(associations__organisation=organisation, associations__status=AssociationStatus.ACTIVE) | Q(
        deployments__organisation=organisation
    )


def leaders_of(organisation) -> QuerySet[User]:
    """The organisation's leaders, by name, each with the number of its QA activities on them and
    the latest one's outcome and date (one query a page)."""
    activities = QaActivity.objects.filter(organisation=organisation, leader=OuterRef("pk"))
    latest = activities.order_by("-held_on", "-id")
    ids = User.objects.filter(brokered_by(organisation)).values("pk")
    return (
        User.objects.filter(pk__in=ids)
        .annotate(
            qa_count=Subquery(activities.order_by().values("leader").annotate(n=Count("id")).values("n")[:1]),
            latest_outcome=Subquery(latest.values("outcome")[:1]),
            latest_held_on=Subquery(latest.values("held_on")[:1]),
        )
        .order_by("full_name", "pk")
    )


def activities_of(organisation) -> QuerySet[QaActivity]:
    """The organisation's QA activities, the latest first."""
    return QaActivity.objects.filter(organisation=organisation).select_related(*ACTIVITY_RELATED)


def deployments_of(organisation) -> list[Deployment]:
    """The deployments the organisation brokered, newest first, for choosing one."""
    return list(
        Deployment.objects.filter(organisation=organisation)
        .select_related("leader", "client_school")
        .order_by("-created_at", "-id")
    )


def brokering_organisation_ids(leader) -> set[int]:
    """The organisations that broker the leader (one query)."""
    from domain.organisations.models import Organisation

    return set(
        Organisation.objects.filter(
            Q(leader_associations__leader=leader, leader_associations__status=AssociationStatus.ACTIVE)
            | Q(deployments__leader=leader)
        ).values_list("pk", flat=True)
    )


def brokers_leader(organisation, leader) -> bool:
    return organisation is not None and organisation.pk in brokering_organisation_ids(leader)


def leader_for_quality(viewer, leader_id) -> tuple[User, set[int] | None] | None:
    """The leader and the organisations whose records the viewer reads on the leader's page (None:
    every one, for the leader themself); None when the viewer may not see the leader's record."""
    leader = User.objects.filter(pk=leader_id).first()
    if leader is None or not getattr(viewer, "is_authenticated", False):
        return None
    if viewer.pk == leader.pk or viewer.is_superuser:
        return leader, None
    brokering = brokering_organisation_ids(leader)
    if not brokering:
        return None
    mine = set(organisations_acted_for(viewer).filter(pk__in=brokering).values_list("pk", flat=True))
    if not mine:
        return None
    return leader, mine


@dataclass
class LeaderRecord:
    activities: list
    rounds: list[FeedbackRound]
    summary: FeedbackSummary
    reach: Reach
    deployments: int


def leader_record(leader, organisation_ids=None) -> LeaderRecord:
    """The leader's QA results, revealed feedback (scoped to `organisation_ids` when given) and
    reach. A fixed number of queries."""
    activities = QaActivity.objects.filter(leader=leader).select_related(*ACTIVITY_RELATED)
    deployments = Deployment.objects.filter(leader=leader)
    if organisation_ids is not None:
        activities = activities.filter(organisation_id__in=list(organisation_ids))
        deployments = deployments.filter(organisation_id__in=list(organisation_ids))
    return LeaderRecord(
        activities=list(activities),
        rounds=revealed_rounds_of(leader, organisation_ids),
        summary=feedback_summaries([leader.pk], organisation_ids)[leader.pk],
        reach=reach_of(leader),
        deployments=deployments.count(),
    )
