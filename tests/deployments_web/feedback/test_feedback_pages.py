"""The feedback pages: answering a round, reading it under the reveal rule, the deployment page's
section, and the region's feedback form editor."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.accounts.roles import Role
from domain.deployments import feedback_services as fs
from domain.deployments.models import FeedbackForm, FeedbackResponse, FeedbackStage, Party
from tests.conftest import person_in_role, sign_in
from tests.deployments import builders
from tests.leaders.helpers import representative_of

pytestmark = pytest.mark.django_db

GOOD = {
    "answer_needs_met": "4",
    "answer_working_together": "5",
    "answer_brokerage": "3",
    "answer_difference": "Governors now track the plan.",
}


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def errors_of(response) -> list[str]:
    return [a.get_text(strip=True) for a in soup_of(response).select(".govuk-error-summary__list a")]


@pytest.fixture
def cast(db):
    return builders.deployment()


@pytest.fixture
def round_(cast):
    return fs.feedback_round_open(actor=cast.coordinator, deployment=cast.deployment, stage=FeedbackStage.MIDDLE)


def answer_url(cast, round_, party):
    return reverse(
        "deployments:feedback-answer",
        kwargs={"deployment_id": cast.deployment.pk, "round_id": round_.pk, "party": party},
    )


def round_url(cast, round_):
    return reverse("deployments:feedback-round", kwargs={"deployment_id": cast.deployment.pk, "round_id": round_.pk})


def test_the_school_answers_with_radios_and_textareas_and_errors_are_shown(client, cast, round_):
    sign_in(client, cast.client)
    url = answer_url(cast, round_, "client")
    page = soup_of(client.get(url))
    assert len(page.select("input[type=radio][name=answer_needs_met]")) == 5
    assert page.select_one("textarea[name=answer_difference]") is not None
    response = client.post(url, {"answer_needs_met": "9"})
    assert response.status_code == 200
    assert errors_of(response) == [
        "Select a score of 1 to 5 for: How well did the support meet the needs agreed at the start?",
        "Select a score of 1 to 5 for: How well did the leader and the school work together?",
        "Select a score of 1 to 5 for: How well did the alliance arrange and support the deployment?",
        "Enter your answer to: What difference has the support made?",
    ]
    assert not FeedbackResponse.objects.exists()
    response = client.post(url, GOOD)
    assert response.status_code == 302
    assert FeedbackResponse.objects.get().answers["needs_met"] == 4
    # A second visit goes to the round: the school has answered.
    assert client.get(url)["Location"] == round_url(cast, round_)


def test_the_other_side_reads_nothing_until_both_have_answered(client, cast, round_):
    fs.feedback_submit(actor=cast.client, round=round_, party=Party.CLIENT, answers={k[7:]: v for k, v in GOOD.items()})
    sign_in(client, cast.leader)
    page = soup_of(client.get(round_url(cast, round_))).get_text(" ", strip=True)
    assert "Waiting for your feedback" in page
    assert "Governors now track the plan." not in page
    sign_in(client, cast.coordinator)
    page = soup_of(client.get(round_url(cast, round_))).get_text(" ", strip=True)
    assert "Waiting for the system leader's feedback" in page
    assert "Governors now track the plan." not in page and "Answered" in page

    sign_in(client, cast.leader)
    client.post(answer_url(cast, round_, "leader"), {**GOOD, "answer_difference": "A costed plan."})
    for person in (cast.leader, cast.coordinator, cast.client):
        sign_in(client, person)
        page = soup_of(client.get(round_url(cast, round_))).get_text(" ", strip=True)
        assert "Governors now track the plan." in page and "A costed plan." in page
    sign_in(client, cast.commissioner)
    page = soup_of(client.get(round_url(cast, round_))).get_text(" ", strip=True)
    assert "Answered" in page and "Governors now track the plan." not in page


def test_answering_for_the_other_side_is_forbidden_and_strangers_get_404(client, cast, round_):
    sign_in(client, cast.client)
    assert client.get(answer_url(cast, round_, "leader")).status_code == 403
    assert client.get(answer_url(cast, round_, "alliance")).status_code == 404
    sign_in(client, person_in_role(Role.TSA_COORDINATOR))
    assert client.get(round_url(cast, round_)).status_code == 404


def test_the_deployment_page_shows_the_round_and_the_link_to_answer(client, cast, round_):
    sign_in(client, cast.leader)
    page = soup_of(client.get(reverse("deployments:detail", kwargs={"deployment_id": cast.deployment.pk})))
    links = {a["href"] for a in page.select("a")}
    assert answer_url(cast, round_, "leader") in links
    assert reverse("deployments:quality-leader", kwargs={"leader_id": cast.leader.pk}) in links
    assert "Waiting for both sides" in page.get_text()


# The region's form ---------------------------------------------------------------------------

FORM = reverse("deployments:feedback-form")


def test_the_representative_adds_changes_moves_and_removes_questions(client, cast):
    region = cast.deployment.organisation.region
    sign_in(client, representative_of(region))
    page = soup_of(client.get(FORM))
    assert [p.get_text(strip=True) for p in page.select("[data-question-text]")][0] == (
        "How well did the support meet the needs agreed at the start?"
    )
    assert "No versions saved yet." in page.get_text()
    add = f"{reverse('deployments:feedback-question-add')}?region={region.pk}"
    response = client.post(add, {"text": "", "kind": "scale", "required": "yes"})
    assert errors_of(response) == ["Enter the question", "Select who answers the question"]
    response = client.post(
        add, {"text": "How well were governors involved?", "kind": "scale", "audience": ["client"], "required": "no"}
    )
    assert response.status_code == 302
    change = f"{reverse('deployments:feedback-question-change', kwargs={'key': 'better'})}?region={region.pk}"
    assert soup_of(client.get(change)).select_one("input[name=text]")["value"] == "What could have gone better?"
    client.post(change, {"text": "What would you change?", "kind": "text", "audience": ["leader"], "required": "no"})
    move = reverse("deployments:feedback-question-move", kwargs={"key": "brokerage", "direction": "up"})
    assert client.post(f"{move}?region={region.pk}").status_code == 302
    remove = f"{reverse('deployments:feedback-question-remove', kwargs={'key': 'needs_met'})}?region={region.pk}"
    assert "How well did the support meet" in client.get(remove).content.decode()
    client.post(remove)
    latest = FeedbackForm.objects.filter(region=region).first()
    assert latest.version == 4
    assert [q["key"] for q in latest.questions] == [
        "brokerage",
        "working_together",
        "difference",
        "better",
        "how_well_were_governors",
    ]
    page = soup_of(client.get(FORM))
    assert [li.get_text(" ", strip=True)[:30] for li in page.select("[data-versions] li")][0].startswith("Version 4")
    assert len(page.select("[data-versions] li")) == 4


def test_a_refused_move_says_why_and_others_may_not_edit(client, cast):
    region = cast.deployment.organisation.region
    sign_in(client, representative_of(region))
    move = reverse("deployments:feedback-question-move", kwargs={"key": "needs_met", "direction": "up"})
    response = client.post(f"{move}?region={region.pk}", follow=True)
    assert "already at the top" in response.content.decode()
    assert not FeedbackForm.objects.exists()
    assert client.get(reverse("deployments:feedback-question-change", kwargs={"key": "nothing"})).status_code == 404
    sign_in(client, cast.coordinator)
    assert client.get(FORM).status_code == 403
