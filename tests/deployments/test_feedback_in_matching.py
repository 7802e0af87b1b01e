"""Clients' feedback reaches the panel's ranking (DESIGN.md capability 7: "feedback record"):
once both sides of a round have answered, the client's scores are the leader's feedback factor."""

import pytest

from demo.region import build_demo_region
from domain.accounts.models import User
from domain.commissioning.models import SupportRequest
from domain.commissioning.ranking import rank_request
from domain.deployments import feedback_services
from domain.deployments.models import FeedbackRound

pytestmark = pytest.mark.django_db


def feedback_factor_of(leader) -> dict:
    request = SupportRequest.objects.get(status="matched")
    rows = rank_request(request, brokering_organisation=request.brokering_organisation)
    row = next(r for r in rows if r["leader_id"] == leader.pk)
    return next(f for f in row["factors"] if f["name"] == "feedback")


def test_a_revealed_round_gives_the_leader_the_clients_scores():
    build_demo_region()
    alex = User.objects.get(email="system.leader@demo.test")
    # demo.deployments: the school has answered the middle round, the leader not yet.
    assert feedback_factor_of(alex)["reason"] == "No feedback from clients yet"
    round_ = FeedbackRound.objects.get(stage="middle")
    answers = {q["key"]: (5 if q["kind"] == "scale" else "Good work together") for q in round_.questions}
    feedback_services.feedback_submit(actor=alex, round=round_, party="leader", answers=answers)
    factor = feedback_factor_of(alex)
    assert factor["reason"].startswith("Clients' feedback ")
    assert factor["value"] > 0.5
