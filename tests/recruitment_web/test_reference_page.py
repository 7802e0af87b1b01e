"""The public page a referee or chair of governors reaches through the emailed link."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.recruitment.models import ReferenceRequest
from domain.recruitment.reference_services import LINK_DAYS, reference_replace
from domain.recruitment.services import application_withdraw
from tests.recruitment.helpers import send_all_requests, submitted_application

pytestmark = pytest.mark.django_db


def link(token):
    return reverse("references:answer", kwargs={"token": token})


def heading(response) -> str:
    return BeautifulSoup(response.content, "html.parser").h1.get_text(" ", strip=True)


def text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").main.get_text(" ", strip=True)


REFERENCE = {
    "relationship": "Line manager for four years",
    "capacity_to_support": "Strong",
    "coaching_experience": "Coached two new heads",
    "recommend": "yes",
}


@pytest.fixture
def requests_sent():
    application = submitted_application()
    return application, send_all_requests(application)


def test_the_link_shows_what_is_asked_and_nothing_of_the_application(client, requests_sent):
    application, sent = requests_sent
    (request, token), _, (confirmation, chair_token) = sent
    response = client.get(link(token))
    assert response.status_code == 200
    assert heading(response) == f"Give a reference for {application.applicant.full_name}"
    page = text(response)
    assert application.round.organisation.name in page
    assert "How do you know the applicant, and for how long?" in page
    # The referee sees only their form: none of the applicant's answers.
    assert "About Your experience" not in page
    assert application.applicant.email not in page
    response = client.get(link(chair_token))
    assert heading(response) == f"Confirm your governing body's support for {application.applicant.full_name}"
    assert "Does the governing body or trust board support this application?" in text(response)


def test_a_reference_is_given_once_and_then_the_link_says_it_was_used(client, requests_sent):
    _, [(request, token), *_] = requests_sent
    response = client.post(link(token), REFERENCE)
    assert response.status_code == 200
    assert heading(response) == "Your answer has been sent"
    request.refresh_from_db()
    assert request.status == "answered"
    assert request.response["recommend"] is True
    again = client.get(link(token))
    assert again.status_code == 410
    assert heading(again) == "This link has already been used"
    assert "22 November 2026" in text(again)
    # Posting again changes nothing.
    assert client.post(link(token), {**REFERENCE, "recommend": "no"}).status_code == 410
    request.refresh_from_db()
    assert request.response["recommend"] is True


def test_missing_answers_are_listed_and_nothing_is_recorded(client, requests_sent):
    _, [(request, token), *_] = requests_sent
    response = client.post(link(token), {"relationship": "Colleague"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    errors = [a.get_text(strip=True) for a in soup.select(".govuk-error-summary__list a")]
    assert "Answer the question: How well could the applicant support another school to improve?" in errors
    assert any(e.startswith("Select yes or no") for e in errors)
    assert soup.select_one(".govuk-error-summary__list a")["href"].startswith("#id_")
    assert ReferenceRequest.objects.get(pk=request.pk).status == "awaiting"


def test_the_chair_confirms_without_a_comment(client, requests_sent):
    _, [*_, (confirmation, token)] = requests_sent
    response = client.post(link(token), {"supports": "no", "comment": ""})
    assert heading(response) == "Your answer has been sent"
    confirmation.refresh_from_db()
    assert confirmation.response == {"supports": False, "comment": ""}


def test_an_expired_link_says_so_and_who_to_ask(client, requests_sent, frozen_clock):
    application, [(request, token), *_] = requests_sent
    frozen_clock.shift(dt.timedelta(days=LINK_DAYS, minutes=1))
    response = client.get(link(token))
    assert response.status_code == 410
    assert heading(response) == "This link has expired"
    assert f"Ask {application.round.organisation.name} to send you a new one" in text(response)
    assert client.post(link(token), REFERENCE).status_code == 410
    assert ReferenceRequest.objects.get(pk=request.pk).status == "awaiting"


@pytest.mark.parametrize("token", ["forged-token-that-looks-real-1234", "short", "a" * 43])
def test_a_forged_link_is_not_recognised(client, requests_sent, token):
    response = client.get(link(token))
    assert response.status_code == 404
    assert heading(response) == "This link is not recognised"
    assert client.post(link(token), REFERENCE).status_code == 404


def test_a_replaced_referee_s_link_says_nothing_more_is_needed(client, requests_sent):
    application, [(request, token), *_] = requests_sent
    reference_replace(
        actor=application.applicant,
        request=request,
        name="Someone Else",
        email="else@example.test",
        job_title="Headteacher",
        organisation_name="Birch School",
        reason="Away",
    )
    response = client.get(link(token))
    assert response.status_code == 410
    assert heading(response) == "This link no longer works"
    assert "Nothing more is needed" in text(response)


def test_a_withdrawn_application_s_link_says_no_answer_is_needed(client, requests_sent):
    application, [(request, token), *_] = requests_sent
    application_withdraw(actor=application.applicant, application=application, reason="Moving school")
    response = client.get(link(token))
    assert response.status_code == 410
    assert heading(response) == "No answer is needed"


def test_the_page_needs_the_csrf_token(requests_sent):
    from django.test import Client

    _, [(request, token), *_] = requests_sent
    response = Client(enforce_csrf_checks=True).post(link(token), REFERENCE)
    assert response.status_code == 403
    assert ReferenceRequest.objects.get(pk=request.pk).status == "awaiting"
