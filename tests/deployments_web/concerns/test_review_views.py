"""The review pages: a page per kind with a results row per impact measure, the review's page, and
the deployment page's section (due reviews, the NLG progress review's date)."""

import datetime as dt

from django.urls import reverse

from domain.deployments.models import Review, ReviewKind
from domain.deployments.review_services import review_record
from domain.deployments.workflows import DeploymentStatus
from tests.conftest import sign_in
from tests.deployments.concerns import helpers


def record_url(cast, kind):
    return reverse("deployments:review-record", kwargs={"deployment_id": cast.deployment.pk, "kind": kind})


def detail_url(cast):
    return reverse("deployments:detail", kwargs={"deployment_id": cast.deployment.pk})


def held(day=21, month=11, year=2026):
    return {"held_on-day": str(day), "held_on-month": str(month), "held_on-year": str(year)}


def measure_ids(deployment):
    return [m.pk for m in deployment.current_contract.measures.all()]


def test_the_mid_review_page_has_a_row_per_measure(client, active):
    html = sign_in(client, active.leader).get(record_url(active, "mid")).content.decode()
    assert "Record the mid-deployment review" in html
    assert "Measure 1" in html and "Measure 2" in html
    assert "Too early to say" in html and "Evaluation of the deployment" not in html


def test_recording_the_mid_review_keeps_the_results(client, active):
    first, _ = measure_ids(active.deployment)
    data = {**held(), "summary": "Going well", f"result_{first}": "Up to 50%", f"judgement_{first}": "partly_met"}
    response = sign_in(client, active.coordinator).post(record_url(active, "mid"), data)
    review = Review.objects.get()
    assert response.status_code == 302
    assert [(r.result, r.judgement) for r in review.results.all()] == [("Up to 50%", "partly_met")]
    page = client.get(response.url).content.decode()
    assert "Up to 50%" in page and "Partly met" in page


def test_a_half_given_result_is_an_error(client, active):
    first, _ = measure_ids(active.deployment)
    data = {**held(), "summary": "Going well", f"result_{first}": "Up to 50%"}
    html = sign_in(client, active.coordinator).post(record_url(active, "mid"), data).content.decode()
    assert "Select whether Measure 1 was met" in html and not Review.objects.exists()


def test_the_final_review_needs_every_result_and_the_evaluation_then_completes(client, active):
    first, second = measure_ids(active.deployment)
    sign_in(client, active.coordinator)
    html = client.post(record_url(active, "final"), {**held(), "summary": "Done"}).content.decode()
    for message in ("Enter the result for Measure 1", "Select whether Measure 2 was met", "Enter the evaluation"):
        assert message in html
    data = {
        **held(),
        "summary": "Done",
        "evaluation": "It met its aims",
        **{f"result_{pk}": "Reached 60%" for pk in (first, second)},
        **{f"judgement_{pk}": "met" for pk in (first, second)},
    }
    assert client.post(record_url(active, "final"), data).status_code == 302
    assert active.refresh().status == DeploymentStatus.COMPLETED


def test_a_refusal_is_shown_on_the_form(client, started):
    html = sign_in(client, started.leader).post(record_url(started, "mid"), {**held(), "summary": "S"})
    assert "every party must first agree its contract" in html.content.decode()


def test_a_future_date_is_refused(client, active):
    html = sign_in(client, active.leader).post(record_url(active, "mid"), {**held(23), "summary": "S"})
    assert "today or in the past" in html.content.decode() and not Review.objects.exists()


def test_the_client_cannot_record_and_an_unknown_kind_is_not_found(client, active):
    sign_in(client, active.client)
    assert client.get(record_url(active, "mid")).status_code == 403
    sign_in(client, active.leader)
    assert client.get(record_url(active, "annual")).status_code == 404


def test_the_section_shows_the_progress_review_date_and_red_when_overdue(client, frozen_clock, started):
    helpers.make_nlg(started)
    review_record(
        actor=started.leader,
        deployment=started.deployment,
        kind=ReviewKind.NLG_INITIAL,
        held_on=dt.date(2026, 11, 22),
        summary="Initial report",
    )
    html = sign_in(client, started.leader).get(detail_url(started)).content.decode()
    assert "Progress review due by 22 March 2027" in html and "Overdue" not in html
    assert "Record the progress review" in html
    frozen_clock.move_to(dt.datetime(2027, 3, 23, 10, tzinfo=dt.UTC))
    html = sign_in(client, started.leader).get(detail_url(started)).content.decode()
    assert "govuk-tag--red" in html and "Overdue" in html


def test_the_section_lists_reviews_for_every_party(client, active):
    review_record(
        actor=active.leader,
        deployment=active.deployment,
        kind=ReviewKind.MID,
        held_on=dt.date(2026, 11, 21),
        summary="Going well",
    )
    html = sign_in(client, active.client).get(detail_url(active)).content.decode()
    assert "Mid-deployment review" in html and "Record the final review" not in html
    leader = sign_in(client, active.leader).get(detail_url(active)).content.decode()
    assert "Record the final review" in leader
