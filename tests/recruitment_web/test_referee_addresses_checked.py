"""An applicant must not be able to send their own references to addresses they control
(issue 13, finding 3; ADR 18): an address that is the applicant's own mailbox is refused, and no
link goes out to any address the applicant gives until the alliance's coordinator has checked it."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from domain.recruitment.models import ReferenceRequest
from tests.queries import assert_constant_queries
from tests.recruitment.helpers import (
    confirm,
    make_round,
    nominate,
    nominate_all,
    submitted_application,
    tsa_with_coordinator,
)

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


# The coordinator's check -------------------------------------------------------------------------


def text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").main.get_text(" ", strip=True)


def links(response) -> dict[str, str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return {a.get_text(" ", strip=True): a["href"] for a in soup.main.select("a[href]")}


@pytest.fixture
def named():
    """A submitted application whose three people wait for the check, and the coordinator."""
    tsa, coordinator = tsa_with_coordinator()
    application = submitted_application(make_round(organisation=tsa, actor=coordinator))
    return application, nominate_all(application), coordinator


def test_the_coordinator_goes_from_home_to_the_check_and_confirms(
    client, signed_in, named, django_capture_on_commit_callbacks
):
    application, (first, *_), coordinator = named
    signed_in(coordinator)
    home = client.get(reverse("portal:home"))
    to_check = links(home)["Check 3 referees' addresses before their links are sent"]
    assert to_check == reverse("rounds:references-to-confirm")
    listing = client.get(to_check)
    assert "Referee One, Headteacher, Oak Primary School" in text(listing)
    page = client.get(links(listing)["Check Referee One's address"])
    assert page.status_code == 200
    assert "Applicant's own email address " + application.applicant.email in text(page)
    response = client.post(page.request["PATH_INFO"], {"how": ""})
    assert errors(response) == ["Select how you checked the address"]
    response = client.post(page.request["PATH_INFO"], {"how": "other", "note": ""})
    assert errors(response) == ["Say how you checked the address"]
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.request["PATH_INFO"], {"how": "domain", "note": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("rounds:application", args=[application.round_id, application.pk])
    assert [m.to for m in mail.outbox] == [["one@example.test"]]
    first.refresh_from_db()
    assert (first.status, first.confirmed_by, first.confirmed_how) == ("awaiting", coordinator, "domain")
    assert client.get(page.request["PATH_INFO"]).status_code == 404  # confirmed: nothing left to check
    assert "Check 2 referees' addresses" in text(client.get(reverse("portal:home")))


def test_the_application_page_shows_the_referees_to_confirm(client, signed_in, named):
    application, (first, *_), coordinator = named
    page = signed_in(coordinator).get(reverse("rounds:application", args=[application.round_id, application.pk]))
    assert "Referees to confirm" in text(page)
    assert links(page)["Check Referee One's address"] == reverse("rounds:reference-confirm", args=[first.pk])
    assert "Not yet" in text(page)


def test_a_public_mail_address_is_flagged_on_the_check(client, signed_in):
    tsa, coordinator = tsa_with_coordinator()
    application = submitted_application(make_round(organisation=tsa, actor=coordinator))
    request, _ = nominate(application, email="a.referee@gmail.com")
    page = signed_in(coordinator).get(reverse("rounds:reference-confirm", args=[request.pk]))
    assert "public mail service (gmail.com)" in text(page)


def test_the_coordinator_replaces_an_address_that_does_not_check_out(
    client, signed_in, named, django_capture_on_commit_callbacks
):
    application, (first, *_), coordinator = named
    url = reverse("rounds:reference-replace", args=[first.pk])
    page = signed_in(coordinator).get(url)
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.select_one("input[name=person_name]")["value"] == "Referee One"  # the same person, corrected
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "person_name": "Referee One",
                "person_role": "Headteacher",
                "person_organisation": "Oak Primary School",
                "person_email": "head@oak.example.test",
                "reason": "The school gave me the right address",
            },
        )
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.status, first.replaced_by.status) == ("replaced", "awaiting")
    assert [m.to for m in mail.outbox] == [["head@oak.example.test"]]


def test_another_alliance_and_the_applicant_cannot_reach_the_check(client, signed_in, named):
    application, (first, *_), _coordinator = named
    url = reverse("rounds:reference-confirm", args=[first.pk])
    _, elsewhere = tsa_with_coordinator()
    assert signed_in(elsewhere).get(url).status_code == 404
    assert client.post(url, {"how": "domain"}).status_code == 404
    assert signed_in(application.applicant).get(url).status_code == 403
    assert client.get(reverse("rounds:references-to-confirm")).status_code == 403
    first.refresh_from_db()
    assert first.status == "to_confirm"


def test_the_list_runs_a_fixed_number_of_queries(client, signed_in, named):
    application, _requests, coordinator = named
    signed_in(coordinator)
    url = reverse("rounds:references-to-confirm")
    assert_constant_queries(
        lambda: client.get(url), lambda: nominate_all(submitted_application(round_=application.round)), times=2
    )


def test_the_applicant_signed_in_is_refused_their_own_referee_s_link(client, signed_in, named):
    application, (first, *_), coordinator = named
    _, token = confirm(first, coordinator)
    signed_in(application.applicant)
    url = reverse("references:answer", args=[token])
    response = client.get(url)
    assert response.status_code == 403
    assert BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True) == "You cannot answer this request"
    response = client.post(url, {"relationship": "Me", "recommend": "yes"})
    assert response.status_code == 403
    first.refresh_from_db()
    assert first.status == "awaiting"


def test_the_demo_coordinator_reaches_the_check_by_links_from_home(client, signed_in):
    """What the smoke crawl follows: home, the list, and a person's check (demo.region)."""
    from demo.region import DEMO_REFEREES, build_demo_region
    from domain.accounts.models import User

    build_demo_region()
    signed_in(User.objects.get(email="coordinator@demo.test"))
    listing = client.get(
        links(client.get(reverse("portal:home")))["Check 3 referees' addresses before their links are sent"]
    )
    name = DEMO_REFEREES[0][1]
    page = client.get(links(listing)[f"Check {name}'s address"])
    assert page.status_code == 200
    assert f"Check {name}'s address" in text(page)
