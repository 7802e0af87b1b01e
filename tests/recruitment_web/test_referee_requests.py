"""The applicant's referees page (two referees and the chair of governors, each e-mailed a link)
and their withdraw page."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from domain.recruitment.models import ReferenceRequest
from domain.recruitment.reference_services import reference_submit
from domain.recruitment.workflows import ApplicationStatus, ReferenceStatus
from tests.recruitment.helpers import REFERENCE_ANSWER, draft_application, send_all_requests, submitted_application

pytestmark = pytest.mark.django_db

PEOPLE = {
    "referee_1_name": "Referee One",
    "referee_1_role": "Headteacher",
    "referee_1_organisation": "Oak Primary School",
    "referee_1_email": "one@example.test",
    "referee_2_name": "Referee Two",
    "referee_2_role": "Executive headteacher",
    "referee_2_organisation": "Elm Trust",
    "referee_2_email": "two@example.test",
    "chair_name": "Chair Person",
    "chair_role": "Chair of governors",
    "chair_organisation": "Ash Primary School",
    "chair_email": "chair@example.test",
}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def errors(response) -> list[str]:
    return [li.get_text(" ", strip=True) for li in soup(response).select(".govuk-error-summary__list li")]


def url(name, application):
    return reverse(f"recruitment:{name}", kwargs={"application_id": application.pk})


def test_the_applicant_asks_two_referees_and_the_chair(client, signed_in, django_capture_on_commit_callbacks):
    application = submitted_application()
    signed_in(application.applicant)
    assert len(soup(client.get(url("application-referees", application))).select("input[type=email]")) == 3
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("application-referees", application), PEOPLE)
    assert response.status_code == 302
    assert mail.outbox == []  # ADR 18: no link before the coordinator's check
    requests = ReferenceRequest.objects.filter(application=application)
    assert sorted(requests.values_list("kind", "status", "job_title", "organisation_name")) == [
        ("governors_confirmation", "to_confirm", "Chair of governors", "Ash Primary School"),
        ("reference", "to_confirm", "Executive headteacher", "Elm Trust"),
        ("reference", "to_confirm", "Headteacher", "Oak Primary School"),
    ]
    page = client.get(url("application-referees", application))
    assert page.status_code == 200
    assert soup(page).select("input[type=email]") == []  # everyone has been asked
    assert "will check the address of Referee One, Referee Two, Chair Person" in soup(page).main.get_text(" ")
    statuses = [tr.select("td")[2].get_text(strip=True) for tr in soup(page).select("tbody tr")]
    assert statuses == [ReferenceStatus.TO_CONFIRM.label] * 3


def test_the_page_shows_who_has_answered(client, signed_in):
    application = submitted_application()
    (_, token), *_ = send_all_requests(application)
    reference_submit(token=token, response=REFERENCE_ANSWER)
    response = signed_in(application.applicant).get(url("application-referees", application))
    statuses = {
        tr.select("td")[0].get_text(strip=True): tr.select("td")[2].get_text(strip=True)
        for tr in soup(response).select("tbody tr")
    }
    assert statuses["Referee One"] == ReferenceStatus.ANSWERED.label
    assert statuses["Referee Two"] == ReferenceStatus.AWAITING.label


def test_missing_and_refused_people_are_explained(client, signed_in):
    application = submitted_application()
    signed_in(application.applicant)
    response = client.post(url("application-referees", application), {**PEOPLE, "referee_2_email": "not-an-email"})
    assert errors(response) == ["Enter an email address in the correct format, like name@example.com"]
    assert not ReferenceRequest.objects.exists()
    own = {**PEOPLE, "referee_2_email": application.applicant.email}
    response = client.post(url("application-referees", application), own)
    assert errors(response) == ["That is your own email address: give the person's own work address"]
    assert ReferenceRequest.objects.count() == 2  # the others were asked


def test_a_draft_cannot_ask_yet(client, signed_in):
    application = draft_application()
    response = signed_in(application.applicant).get(url("application-referees", application))
    assert "once you have submitted your application" in soup(response).main.get_text(" ", strip=True)
    client.post(url("application-referees", application), PEOPLE)
    assert not ReferenceRequest.objects.exists()


def test_another_person_s_application_answers_404(client, signed_in):
    application = submitted_application()
    other = submitted_application(round_=application.round)
    signed_in(other.applicant)
    assert client.get(url("application-referees", application)).status_code == 404
    assert client.post(url("application-referees", application), PEOPLE).status_code == 404
    assert client.post(url("application-withdraw", application), {"reason": "No"}).status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_withdrawing_needs_a_reason_and_voids_waiting_requests(client, signed_in):
    application = submitted_application()
    send_all_requests(application)
    signed_in(application.applicant)
    response = client.post(url("application-withdraw", application), {"reason": ""})
    assert errors(response) == ["Enter why you are withdrawing"]
    response = client.post(url("application-withdraw", application), {"reason": "I have moved schools"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.withdrawn_reason) == (ApplicationStatus.WITHDRAWN, "I have moved schools")
    assert set(ReferenceRequest.objects.values_list("status", flat=True)) == {ReferenceStatus.VOID}


def test_a_withdrawn_application_cannot_be_withdrawn_again(client, signed_in):
    application = submitted_application()
    signed_in(application.applicant)
    client.post(url("application-withdraw", application), {"reason": "Moving"})
    response = client.get(url("application-withdraw", application), follow=True)
    assert "it cannot be withdrawn" in soup(response).main.get_text(" ", strip=True)


def test_the_application_page_links_the_referees_and_withdraw_pages_once_submitted(client, signed_in):
    application = submitted_application()
    signed_in(application.applicant)
    page = client.get(reverse("recruitment:application", kwargs={"application_id": application.pk})).content.decode()
    assert reverse("recruitment:application-referees", kwargs={"application_id": application.pk}) in page
    assert reverse("recruitment:application-withdraw", kwargs={"application_id": application.pk}) in page
