"""Feedback rounds and the region's form (domain.deployments.feedback_services and selectors)."""

import pytest

from domain.accounts.roles import Role
from domain.audit.models import AuditEvent
from domain.deployments import feedback_services as fs
from domain.deployments.errors import DeploymentRefused
from domain.deployments.feedback_questions import DEFAULT_QUESTIONS
from domain.deployments.feedback_selectors import feedback_scores, feedback_summaries, round_view
from domain.deployments.feedback_todo import to_do_for
from domain.deployments.models import FeedbackForm, FeedbackResponse, FeedbackRound, FeedbackStage, Party
from domain.notifications.models import Reminder
from tests.conftest import person_in_role
from tests.deployments import builders
from tests.leaders.helpers import representative_of

pytestmark = pytest.mark.django_db

CLIENT_ANSWERS = {
    "needs_met": "5",
    "working_together": 4,
    "brokerage": "3",
    "difference": "Our pupil premium plan is costed and shared with governors.",
}
LEADER_ANSWERS = {
    "needs_met": 4,
    "working_together": 4,
    "brokerage": 4,
    "difference": "The plan is in place.",
    "better": "More time with the governors",
}


def opened(cast, stage=FeedbackStage.MIDDLE):
    return fs.feedback_round_open(actor=cast.coordinator, deployment=cast.deployment, stage=stage)


def both_answered(cast, round_=None):
    round_ = round_ or opened(cast)
    fs.feedback_submit(actor=cast.client, round=round_, party=Party.CLIENT, answers=CLIENT_ANSWERS)
    fs.feedback_submit(actor=cast.leader, round=round_, party=Party.LEADER, answers=LEADER_ANSWERS)
    return round_


def fresh(round_):
    return FeedbackRound.objects.prefetch_related("responses").select_related("deployment").get(pk=round_.pk)


def test_a_round_copies_the_default_questions_and_is_due_in_two_weeks(cast):
    round_ = opened(cast)
    assert round_.questions == DEFAULT_QUESTIONS
    assert round_.form is None
    assert str(round_.due_on) == "2026-12-06"
    # The client and the leader are reminded on the due date.
    reminded = set(
        Reminder.objects.pending().filter(key__startswith="deployments.feedback.").values_list("user_id", flat=True)
    )
    assert reminded == {cast.client.pk, cast.leader.pk}


def test_opening_a_stage_twice_returns_the_same_round(cast):
    first = opened(cast)
    assert opened(cast).pk == first.pk
    assert FeedbackRound.objects.filter(deployment=cast.deployment).count() == 1
    assert opened(cast, FeedbackStage.END).pk != first.pk


def test_answers_are_checked_against_the_questions(cast):
    round_ = opened(cast)
    with pytest.raises(
        fs.FeedbackAnswersRefused, match="Select a score of 1 to 5 for: How well did the support meet the needs agreed"
    ) as refused:
        fs.feedback_submit(
            actor=cast.client,
            round=round_,
            party=Party.CLIENT,
            answers={"needs_met": "6", "working_together": "x", "brokerage": "3"},
        )
    assert refused.value.errors == {
        "needs_met": "Select a score of 1 to 5 for: How well did the support meet the needs agreed at the start?",
        "working_together": "Select a score of 1 to 5 for: How well did the leader and the school work together?",
        "difference": "Enter your answer to: What difference has the support made?",
    }
    assert not FeedbackResponse.objects.exists()


def test_only_a_person_who_speaks_for_the_side_answers(cast):
    round_ = opened(cast)
    with pytest.raises(DeploymentRefused, match="you do not speak for it"):
        fs.feedback_submit(actor=cast.coordinator, round=round_, party=Party.CLIENT, answers=CLIENT_ANSWERS)
    with pytest.raises(DeploymentRefused, match="you do not speak for it"):
        fs.feedback_submit(actor=cast.client, round=round_, party=Party.LEADER, answers=LEADER_ANSWERS)
    assert not FeedbackResponse.objects.exists()


def test_a_second_answer_from_the_same_side_is_refused(cast):
    round_ = opened(cast)
    fs.feedback_submit(actor=cast.client, round=round_, party=Party.CLIENT, answers=CLIENT_ANSWERS)
    with pytest.raises(DeploymentRefused, match="has already given its feedback"):
        fs.feedback_submit(actor=cast.client, round=round_, party=Party.CLIENT, answers=CLIENT_ANSWERS)
    assert FeedbackResponse.objects.count() == 1


def test_answering_cancels_the_reminder_and_is_audited(cast):
    round_ = opened(cast)
    response = fs.feedback_submit(actor=cast.client, round=round_, party=Party.CLIENT, answers=CLIENT_ANSWERS)
    assert response.answers["needs_met"] == 5 and response.answers["working_together"] == 4
    assert set(
        Reminder.objects.pending().filter(key__startswith="deployments.feedback.").values_list("user_id", flat=True)
    ) == {cast.leader.pk}
    assert AuditEvent.objects.filter(action="deployments.feedback_response.submitted").exists()


def test_nobody_reads_a_side_until_both_have_answered(cast):
    round_ = opened(cast)
    fs.feedback_submit(actor=cast.client, round=round_, party=Party.CLIENT, answers=CLIENT_ANSWERS)
    waiting = fresh(round_)
    client_view = round_view(cast.client, waiting)
    assert set(client_view.readable) == {Party.CLIENT}  # its own answers
    for other in (cast.leader, cast.coordinator, cast.commissioner):
        view = round_view(other, waiting)
        assert view.readable == {}
        assert view.answered == {Party.CLIENT}  # who has answered, not what
    assert round_view(cast.leader, waiting).to_answer == [Party.LEADER]

    fs.feedback_submit(actor=cast.leader, round=round_, party=Party.LEADER, answers=LEADER_ANSWERS)
    revealed = fresh(round_)
    for person in (cast.client, cast.leader, cast.coordinator):
        assert set(round_view(person, revealed).readable) == {Party.CLIENT, Party.LEADER}
    assert round_view(cast.commissioner, revealed).readable == {}
    representative = representative_of()
    assert set(round_view(representative, revealed).readable) == {Party.CLIENT, Party.LEADER}
    stranger = person_in_role(Role.TSA_COORDINATOR)
    assert round_view(stranger, revealed).readable == {}


def test_a_region_saves_its_form_in_versions_and_a_round_keeps_its_questions(cast):
    region = cast.deployment.organisation.region
    representative = representative_of(region)
    round_ = opened(cast)
    first = fs.feedback_question_add(
        actor=representative,
        region=region,
        text="How well did the leader help governors?",
        kind="scale",
        audience=["client"],
    )
    assert first.version == 1 and len(first.questions) == len(DEFAULT_QUESTIONS) + 1
    assert first.questions[-1]["key"] == "how_well_did_the"
    second = fs.feedback_question_remove(actor=representative, region=region, key="brokerage")
    third = fs.feedback_question_move(actor=representative, region=region, key="better", direction="up")
    fourth = fs.feedback_question_change(
        actor=representative,
        region=region,
        key="difference",
        text="What has changed for pupils?",
        kind="text",
        audience=["client", "leader"],
        required=False,
    )
    assert [f.version for f in FeedbackForm.objects.filter(region=region)] == [4, 3, 2, 1]
    assert [q["key"] for q in fourth.questions] == [
        "needs_met",
        "working_together",
        "better",
        "difference",
        "how_well_did_the",
    ]
    assert second.version == 2 and "brokerage" not in [q["key"] for q in third.questions]
    # The round opened earlier keeps the questions it asked; a new round asks the new ones.
    assert fresh(round_).questions == DEFAULT_QUESTIONS
    end = opened(cast, FeedbackStage.END)
    assert end.form == fourth and end.questions == fourth.questions


def test_the_form_refuses_bad_questions_and_strangers(cast):
    region = cast.deployment.organisation.region
    representative = representative_of(region)
    with pytest.raises(DeploymentRefused, match="Enter the question"):
        fs.feedback_question_add(actor=representative, region=region, text=" ", kind="scale", audience=["client"])
    with pytest.raises(DeploymentRefused, match="Select who answers the question"):
        fs.feedback_question_add(actor=representative, region=region, text="Why?", kind="text", audience=[])
    with pytest.raises(DeploymentRefused, match="scale of 1 to 5 or in writing"):
        fs.feedback_question_add(actor=representative, region=region, text="Why?", kind="stars", audience=["leader"])
    with pytest.raises(DeploymentRefused, match="already at the top"):
        fs.feedback_question_move(actor=representative, region=region, key="needs_met", direction="up")
    with pytest.raises(DeploymentRefused, match="you do not represent"):
        fs.feedback_question_remove(actor=cast.coordinator, region=region, key="better")
    assert not FeedbackForm.objects.exists()


def test_a_side_cannot_be_left_with_no_questions(cast):
    region = cast.deployment.organisation.region
    representative = representative_of(region)
    for key in ("needs_met", "working_together", "brokerage", "difference"):
        fs.feedback_question_change(
            actor=representative, region=region, key=key, text="For the school", kind="text", audience=["client"]
        )
    with pytest.raises(DeploymentRefused, match="the system leader would have no questions"):
        fs.feedback_question_remove(actor=representative, region=region, key="better")


def test_feedback_scores_are_the_clients_revealed_scale_answers_from_0_to_1(cast):
    round_ = opened(cast)
    fs.feedback_submit(actor=cast.client, round=round_, party=Party.CLIENT, answers=CLIENT_ANSWERS)
    assert feedback_scores([cast.leader.pk]) == {}  # not revealed yet
    fs.feedback_submit(actor=cast.leader, round=round_, party=Party.LEADER, answers=LEADER_ANSWERS)
    # (5 + 4 + 3) / 3 = 4 on 1..5, so 0.75.
    assert feedback_scores([cast.leader.pk, cast.client.pk]) == {cast.leader.pk: 0.75}
    summary = feedback_summaries([cast.leader.pk])[cast.leader.pk]
    assert (summary.mean, summary.rounds, summary.mean_text) == (4.0, 1, "4.0 out of 5")


def test_to_do_lists_feedback_to_give(cast):
    round_ = opened(cast)
    assert [t.text for t in to_do_for(cast.leader)] == ["Give your feedback on a deployment"]
    assert [t.text for t in to_do_for(cast.client)] == ["Give your school's feedback on the support it has had"]
    assert to_do_for(cast.coordinator) == []
    both_answered(cast, round_)
    assert to_do_for(cast.leader) == [] and to_do_for(cast.client) == []


def test_a_school_that_asked_itself_gives_feedback_through_its_contact():
    cast = builders.deployment(commissioned=False)
    round_ = opened(cast)
    response = fs.feedback_submit(actor=cast.client, round=round_, party=Party.CLIENT, answers=CLIENT_ANSWERS)
    assert response.party == Party.CLIENT
    assert [t.code for t in to_do_for(cast.client)] == []
