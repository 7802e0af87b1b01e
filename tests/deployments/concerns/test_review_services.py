"""Recording reviews: who may, when, with which results; the final review completes the deployment;
an NLG deployment's progress review is due within four months of the initial report, reminded."""

import datetime as dt
from unittest import mock

import pytest

from domain.deployments.errors import DeploymentRefused
from domain.deployments.models import FeedbackStage, MeasureJudgement, Review, ReviewKind
from domain.deployments.review_services import add_months, nlg_progress_due_on, review_record
from domain.deployments.workflows import DeploymentStatus
from domain.notifications.models import Notification, Reminder

from . import helpers

YESTERDAY = dt.date(2026, 11, 21)


def measures_of(deployment):
    return list(deployment.current_contract.measures.all())


def record(cast, kind=ReviewKind.MID, actor=None, **changes):
    values = {"held_on": YESTERDAY, "summary": "Going well", "evaluation": "", "results": None, **changes}
    return review_record(actor=actor or cast.coordinator, deployment=cast.deployment, kind=kind, **values)


def all_results(deployment, judgement=MeasureJudgement.MET):
    return {m.pk: (f"Result of {m.measure}", judgement) for m in measures_of(deployment)}


@pytest.mark.parametrize(
    ("day", "due"),
    [
        (dt.date(2026, 10, 31), dt.date(2027, 2, 28)),
        (dt.date(2027, 10, 31), dt.date(2028, 2, 29)),
        (dt.date(2026, 11, 22), dt.date(2027, 3, 22)),
        (dt.date(2026, 9, 30), dt.date(2027, 1, 30)),
        (dt.date(2026, 8, 31), dt.date(2026, 12, 31)),
    ],
)
def test_the_progress_review_is_due_four_calendar_months_after_the_initial_report(day, due):
    assert nlg_progress_due_on(day) == due
    assert add_months(day, 4) == due


def test_the_mid_review_keeps_a_result_per_measure_and_opens_the_middle_feedback(active):
    results = all_results(active.deployment, MeasureJudgement.TOO_EARLY)
    with mock.patch("domain.deployments.feedback_services.feedback_round_open") as opened:
        review = record(active, results=results)
    assert review.results.count() == 2
    assert {r.judgement for r in review.results.all()} == {MeasureJudgement.TOO_EARLY}
    opened.assert_called_once_with(actor=active.coordinator, deployment=mock.ANY, stage=FeedbackStage.MIDDLE)
    assert Notification.objects.filter(user=active.leader, title__startswith="Mid-deployment review recorded").exists()
    assert not Notification.objects.filter(user=active.coordinator, title__contains="review recorded").exists()


def test_the_leader_records_a_review_too(active):
    assert record(active, actor=active.leader).recorded_by == active.leader


@pytest.mark.parametrize("who", ["client", "commissioner"])
def test_the_client_and_the_commissioner_do_not_record_reviews(active, who):
    with pytest.raises(DeploymentRefused, match="only the system leader and the brokering alliance"):
        record(active, actor=getattr(active, who))
    assert not Review.objects.exists()


def test_the_mid_review_needs_the_deployment_under_way(started):
    with pytest.raises(DeploymentRefused, match="every party must first agree its contract"):
        record(started)
    assert not Review.objects.exists()


def test_a_review_cannot_be_held_in_the_future_or_before_the_start(active):
    with pytest.raises(DeploymentRefused, match="today or in the past"):
        record(active, held_on=dt.date(2026, 11, 23))
    with pytest.raises(DeploymentRefused, match="on or after the day the deployment started"):
        record(active, held_on=dt.date(2026, 9, 30))
    assert not Review.objects.exists()


def test_one_review_of_each_kind(active):
    record(active)
    with pytest.raises(DeploymentRefused, match="already been recorded"):
        record(active)
    assert Review.objects.count() == 1


def test_a_result_for_a_measure_of_another_contract_is_refused(active):
    with pytest.raises(DeploymentRefused, match="only for the impact measures of the agreed contract"):
        record(active, results={999999: ("Done", MeasureJudgement.MET)})


def test_a_result_needs_text_and_a_judgement(active):
    measure = measures_of(active.deployment)[0]
    with pytest.raises(DeploymentRefused, match="Enter the result for Measure 1"):
        record(active, results={measure.pk: ("", MeasureJudgement.MET)})
    with pytest.raises(DeploymentRefused, match="Select whether Measure 1 was met"):
        record(active, results={measure.pk: ("Done", "maybe")})
    assert not Review.objects.exists()


def test_the_final_review_needs_every_result_and_an_evaluation(active):
    first = measures_of(active.deployment)[0]
    with pytest.raises(DeploymentRefused, match="Enter the result for Measure 2"):
        record(active, ReviewKind.FINAL, evaluation="Worth it", results={first.pk: ("Done", MeasureJudgement.MET)})
    with pytest.raises(DeploymentRefused, match="Enter the evaluation"):
        record(active, ReviewKind.FINAL, results=all_results(active.deployment))
    assert not Review.objects.exists()
    assert active.refresh().status == DeploymentStatus.ACTIVE


def test_the_final_review_completes_the_deployment_and_opens_the_end_feedback(active):
    with mock.patch("domain.deployments.feedback_services.feedback_round_open") as opened:
        review = record(active, ReviewKind.FINAL, evaluation="Met its aims", results=all_results(active.deployment))
    assert review.evaluation == "Met its aims" and review.results.count() == 2
    assert active.refresh().status == DeploymentStatus.COMPLETED
    opened.assert_called_once_with(actor=active.coordinator, deployment=mock.ANY, stage=FeedbackStage.END)


def test_nlg_reviews_are_refused_on_other_deployments(active):
    with pytest.raises(DeploymentRefused, match="not a national leader of governance deployment"):
        record(active, ReviewKind.NLG_INITIAL)


def test_the_progress_review_needs_the_initial_report_first(started):
    helpers.make_nlg(started)
    with pytest.raises(DeploymentRefused, match="Record the initial governance report"):
        record(started, ReviewKind.NLG_PROGRESS)


def reminders():
    return Reminder.objects.filter(key__startswith="deployments.nlg_progress.")


def test_the_initial_report_schedules_reminders_that_the_progress_review_cancels(started):
    helpers.make_nlg(started)
    initial = record(started, ReviewKind.NLG_INITIAL, held_on=dt.date(2026, 10, 31))
    pending = reminders().filter(cancelled_at__isnull=True)
    # The leader and the alliance's coordinator: a fortnight before 28 February 2027, and on the day.
    assert {(r.user_id, r.due_at.date()) for r in pending} == {
        (person.pk, day)
        for person in (started.leader, started.coordinator)
        for day in (dt.date(2027, 2, 14), dt.date(2027, 2, 28))
    }
    assert all(r.title == "Progress review due by 28 February 2027" for r in pending)
    record(started, ReviewKind.NLG_PROGRESS, held_on=YESTERDAY)
    assert reminders().count() == 4
    assert not reminders().filter(cancelled_at__isnull=True).exists()
    assert initial.deployment_id == started.deployment.pk
