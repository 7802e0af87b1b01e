"""Reading feedback, under the rule "both sides revealed together" (issue 6): nobody reads a
side's answers (not the other side, not the alliance) until both sides have answered; before that
the alliance sees only who has answered. A side always reads its own answers. The commissioner
sees who has answered, never the answers (feedback is the client's and the leader's word on each
other, for the alliance's quality assurance). Each function runs a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet

from . import feedback_questions as fq
from .models import FeedbackForm, FeedbackResponse, FeedbackRound, Party
from .policies import parties_of

SIDES = (Party.CLIENT, Party.LEADER)


@dataclass(frozen=True)
class Answer:
    text: str
    value: str


@dataclass
class RoundView:
    """A round as one person sees it."""

    round: FeedbackRound
    answered: set = field(default_factory=set)  # the sides that have answered
    to_answer: list = field(default_factory=list)  # the sides the person speaks for, not yet answered
    readable: dict = field(default_factory=dict)  # side -> list[Answer] the person may read

    @property
    def revealed(self) -> bool:
        return set(SIDES) <= self.answered

    @property
    def waiting_for(self) -> list[str]:
        return [side for side in SIDES if side not in self.answered]


def _revealed() -> dict:
    return {
        "client_answered": Exists(FeedbackResponse.objects.filter(round=OuterRef("pk"), party=Party.CLIENT)),
        "leader_answered": Exists(FeedbackResponse.objects.filter(round=OuterRef("pk"), party=Party.LEADER)),
    }


def answers_of(round_: FeedbackRound, response: FeedbackResponse) -> list[Answer]:
    """The side's answers with their questions, in the round's order (the questions as asked)."""
    return [
        Answer(text=q["text"], value=fq.answer_text(q, response.answers.get(q["key"])))
        for q in fq.questions_for(round_.questions, response.party)
    ]


def rounds_of(deployment) -> list[FeedbackRound]:
    """The deployment's rounds, oldest first, with their responses (two queries)."""
    return list(
        FeedbackRound.objects.filter(deployment=deployment).prefetch_related("responses").order_by("opened_at", "id")
    )


def round_for(deployment, round_id) -> FeedbackRound | None:
    """One round of the deployment (the deployment already checked by its own selector)."""
    return (
        FeedbackRound.objects.filter(deployment=deployment, pk=round_id)
        .select_related("deployment")
        .prefetch_related("responses")
        .first()
    )


def round_view(user, round_: FeedbackRound, parties: set | None = None) -> RoundView:
    """What the person may read of the round (responses prefetched: no further queries once
    `parties`, from policies.parties_of, is given)."""
    if parties is None:
        parties = parties_of(user, round_.deployment)
    responses = {r.party: r for r in round_.responses.all()}
    view = RoundView(round=round_, answered=set(responses))
    view.to_answer = [side for side in SIDES if side in parties and side not in responses]
    for side, response in responses.items():
        own_side = side in parties
        if own_side or (view.revealed and parties & {Party.CLIENT, Party.LEADER, Party.ALLIANCE}):
            view.readable[side] = answers_of(round_, response)
    return view


def may_read_answers(user, round_: FeedbackRound, side: str) -> bool:
    return side in round_view(user, round_).readable


def _client_scales(round_: FeedbackRound, answers: dict) -> list[int]:
    scale_keys = [q["key"] for q in fq.questions_for(round_.questions, Party.CLIENT) if q["kind"] == fq.SCALE]
    return [int(answers[key]) for key in scale_keys if answers.get(key) not in (None, "")]


def _client_answers_revealed(leader_ids, organisation_ids=None) -> QuerySet[FeedbackResponse]:
    qs = (
        FeedbackResponse.objects.filter(party=Party.CLIENT, round__deployment__leader_id__in=list(leader_ids))
        .filter(Exists(FeedbackResponse.objects.filter(round=OuterRef("round"), party=Party.LEADER)))
        .select_related("round", "round__deployment")
    )
    if organisation_ids is not None:
        qs = qs.filter(round__deployment__organisation_id__in=list(organisation_ids))
    return qs


@dataclass(frozen=True)
class FeedbackSummary:
    mean: float | None  # the client's mean score, 1 to 5
    rounds: int  # revealed rounds

    @property
    def mean_text(self) -> str:
        return "No feedback yet" if self.mean is None else f"{self.mean:.1f} out of 5"


def feedback_summaries(leader_ids, organisation_ids=None) -> dict[int, FeedbackSummary]:
    """For each leader, the mean of the client's scale answers over revealed rounds (and how many
    rounds), optionally only of deployments brokered by `organisation_ids`. One query."""
    scores, rounds = defaultdict(list), defaultdict(set)
    for response in _client_answers_revealed(leader_ids, organisation_ids):
        leader_id = response.round.deployment.leader_id
        scores[leader_id].extend(_client_scales(response.round, response.answers))
        rounds[leader_id].add(response.round_id)
    return {
        leader_id: FeedbackSummary(
            mean=(sum(scores[leader_id]) / len(scores[leader_id])) if scores[leader_id] else None,
            rounds=len(rounds[leader_id]),
        )
        for leader_id in leader_ids
    }


def feedback_scores(leader_ids) -> dict[int, float]:
    """The matching engine's "feedback record" factor: for each leader with revealed feedback, the
    mean of the client's scale answers scaled to 0..1 (1 is 0, 5 is 1). Leaders without any are
    left out. One query."""
    span = fq.SCALE_MAX - fq.SCALE_MIN
    return {
        leader_id: (summary.mean - fq.SCALE_MIN) / span
        for leader_id, summary in feedback_summaries(list(leader_ids)).items()
        if summary.mean is not None
    }


def revealed_rounds_of(leader, organisation_ids=None) -> list[FeedbackRound]:
    """The leader's rounds both sides have answered, newest first, with their responses and
    deployments; optionally only of deployments brokered by `organisation_ids`. Two queries."""
    qs = (
        FeedbackRound.objects.filter(deployment__leader=leader)
        .annotate(**_revealed())
        .filter(client_answered=True, leader_answered=True)
        .select_related("deployment", "deployment__client_school", "deployment__organisation")
        .prefetch_related("responses")
        .order_by("-opened_at", "-id")
    )
    if organisation_ids is not None:
        qs = qs.filter(deployment__organisation_id__in=list(organisation_ids))
    return list(qs)


def form_versions(region) -> list[FeedbackForm]:
    """Every version of the region's feedback form, newest first (one query)."""
    return list(FeedbackForm.objects.filter(region=region).select_related("created_by").order_by("-version"))
