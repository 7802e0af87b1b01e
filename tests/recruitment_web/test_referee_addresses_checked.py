"""An applicant must not be able to send their own references to addresses they control
(issue 13, finding 3; ADR 18): an address that is the applicant's own mailbox is refused, and no
link goes out to any address the applicant gives until the alliance's coordinator has checked it."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from domain.recruitment.models import ReferenceRequest
from tests.recruitment.helpers import submitted_application

pytestmark = pytest.mark.django_db


def errors(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [li.get_text(" ", strip=True) for li in soup.select(".govuk-error-summary__list li")]


def people(**changes) -> dict:
    return {
        "referee_1_name": "Referee One",
        "referee_1_role": "Headteacher",
        "referee_1_organisation": "Oak Primary School",
        "referee_1_email": "one@oak.example.test",
        "referee_2_name": "Referee Two",
        "referee_2_role": "Executive headteacher",
        "referee_2_organisation": "Elm Trust",
        "referee_2_email": "two@elm.example.test",
        "chair_name": "Chair Person",
        "chair_role": "Chair of governors",
        "chair_organisation": "Ash Primary School",
        "chair_email": "chair@ash.example.test",
        **changes,
    }


def test_no_link_goes_to_an_address_the_applicant_gives_before_the_coordinator_checks_it(
    client, signed_in, django_capture_on_commit_callbacks
):
    application = submitted_application()
    signed_in(application.applicant)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("recruitment:application-referees", args=[application.pk]), people())
    assert ReferenceRequest.objects.filter(application=application).count() == 3
    assert not any("/references/" in message.body for message in mail.outbox)


def test_the_applicant_s_own_mailbox_under_another_spelling_is_refused(
    client, signed_in, django_capture_on_commit_callbacks
):
    application = submitted_application()
    local, domain = application.applicant.email.split("@")
    signed_in(application.applicant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("recruitment:application-referees", args=[application.pk]),
            people(referee_2_email=f"{local.upper()}+referee@{domain}"),
        )
    assert errors(response) == ["That is your own email address: give the person's own work address"]
    assert not ReferenceRequest.objects.filter(email__iexact=f"{local}+referee@{domain}").exists()
    assert not any(f"{local}+referee@{domain}".lower() in [t.lower() for t in m.to] for m in mail.outbox)
