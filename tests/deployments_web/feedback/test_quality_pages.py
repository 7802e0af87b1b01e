"""The quality pages: the TSA's page (its leaders, QA activities and revealed feedback; recording a
QA visit or peer review) and the leader's quality record. Lists run a constant number of queries."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.accounts.roles import Role
from domain.deployments import feedback_services as fs
from domain.deployments.models import FeedbackStage, Party, QaActivity, QaKind, QaOutcome
from domain.deployments.qa_services import qa_record
from tests.commissioning import builders as b
from tests.conftest import person_in_role, sign_in
from tests.deployments import builders
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

ANSWERS = {"needs_met": 5, "working_together": 5, "brokerage": 2, "difference": "A plan governors understand."}


def text_of(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


@pytest.fixture
def cast(db):
    return builders.deployment()


def revealed(cast):
    round_ = fs.feedback_round_open(actor=cast.coordinator, deployment=cast.deployment, stage=FeedbackStage.MIDDLE)
    fs.feedback_submit(actor=cast.client, round=round_, party=Party.CLIENT, answers=ANSWERS)
    fs.feedback_submit(actor=cast.leader, round=round_, party=Party.LEADER, answers=ANSWERS)
    return round_


def qa(cast, leader=None, **changes):
    return qa_record(
        actor=cast.coordinator,
        organisation=cast.deployment.organisation,
        leader=leader or cast.leader,
        kind=changes.pop("kind", QaKind.QA_VISIT),
        held_on=dt.date(2026, 11, 1),
        findings="Sound practice.",
        outcome=changes.pop("outcome", QaOutcome.EFFECTIVE),
        **changes,
    )


def test_the_tsa_page_lists_leaders_with_qa_and_revealed_feedback(client, cast):
    revealed(cast)
    qa(cast, outcome=QaOutcome.STRONG)
    sign_in(client, cast.coordinator)
    url = reverse("deployments:quality-organisation", kwargs={"organisation_id": cast.deployment.organisation_id})
    page = text_of(client.get(url))
    assert cast.leader.full_name in page
    assert "4.0 out of 5 (1 round)" in page  # (5 + 5 + 2) / 3
    assert "Strong practice" in page
    listing = text_of(client.get(reverse("deployments:quality-organisations")))
    assert cast.deployment.organisation.name in listing


def test_another_alliance_gets_404_and_others_403(client, cast):
    url = reverse("deployments:quality-organisation", kwargs={"organisation_id": cast.deployment.organisation_id})
    sign_in(client, person_in_role(Role.TSA_COORDINATOR))
    assert client.get(url).status_code == 404
    sign_in(client, cast.leader)
    assert client.get(url).status_code == 403


def test_recording_a_qa_visit_through_the_page(client, cast):
    sign_in(client, cast.coordinator)
    url = reverse("deployments:quality-record", kwargs={"organisation_id": cast.deployment.organisation_id})
    response = client.post(url, {"leader": cast.leader.pk, "kind": "qa_visit"})
    assert "Enter the date it took place" in text_of(response)
    assert "Enter what it found" in text_of(response)
    future = {"held_on-day": "1", "held_on-month": "1", "held_on-year": "2027"}
    values = {"leader": cast.leader.pk, "kind": "qa_visit", "findings": "Good.", "outcome": "effective", **future}
    response = client.post(url, values)
    assert "The date it took place must be today or in the past" in text_of(response)
    assert not QaActivity.objects.exists()
    values.update({"held_on-day": "20", "held_on-month": "11", "held_on-year": "2026"})
    values["deployment"] = cast.deployment.pk
    assert client.post(url, values).status_code == 302
    activity = QaActivity.objects.get()
    assert (activity.deployment, activity.reviewer, activity.held_on) == (
        cast.deployment,
        cast.coordinator,
        dt.date(2026, 11, 20),
    )


def test_the_leaders_page_shows_qa_feedback_and_reach_to_the_leader(client, cast):
    revealed(cast)
    qa(cast)
    sign_in(client, cast.leader)
    page = text_of(client.get(reverse("deployments:quality-leader", kwargs={"leader_id": cast.leader.pk})))
    assert "Your quality record" in page
    assert "Quality assurance visit" in page and "Sound practice." in page
    assert "A plan governors understand." in page
    assert "Schools supported 0" in page


def test_the_leaders_page_is_404_to_others(client, cast):
    url = reverse("deployments:quality-leader", kwargs={"leader_id": cast.leader.pk})
    for person in (cast.client, cast.commissioner, person_in_role(Role.TSA_COORDINATOR)):
        sign_in(client, person)
        assert client.get(url).status_code == 404
    sign_in(client, cast.coordinator)
    assert client.get(url).status_code == 200


def test_the_tsa_page_runs_constant_queries(client, cast):
    sign_in(client, cast.coordinator)
    organisation = cast.deployment.organisation
    url = reverse("deployments:quality-organisation", kwargs={"organisation_id": organisation.pk})

    def grow():
        leader = b.available_leader(organisation)
        qa(cast, leader=leader)

    revealed(cast)
    assert_constant_queries(lambda: client.get(url), grow)


def test_the_leaders_page_runs_constant_queries(client, cast):
    sign_in(client, cast.coordinator)
    url = reverse("deployments:quality-leader", kwargs={"leader_id": cast.leader.pk})
    revealed(cast)
    qa(cast)

    def grow():
        qa(cast, kind=QaKind.PEER_REVIEW, reviewer_name="A peer", deployment=cast.deployment)

    assert_constant_queries(lambda: client.get(url), grow)
