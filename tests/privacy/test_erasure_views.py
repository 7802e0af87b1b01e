"""The representative's pages for a person's data (web/regional/privacy_views.py): the download
page and its two downloads, the erasure check page and its confirmation; only for a
representative of the person's region."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.accounts.models import User
from domain.accounts.roles import Role
from domain.audit.erasure import ERASED
from domain.audit.models import AuditEvent
from domain.audit.subject_access import EXPORTED
from domain.organisations.models import OrganisationKind
from tests import factories
from tests.conftest import person_in_role

from .former_applicant import NAME, a_former_applicant

pytestmark = pytest.mark.django_db


@pytest.fixture
def rep(demo_region_once, client, signed_in):
    return signed_in(User.objects.get(email="regional.lead@demo.test"))


def leader():
    return User.objects.get(email="system.leader@demo.test")


def text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_the_person_page_links_to_both(rep):
    page = rep.get(reverse("regional:person", args=[leader().pk])).content.decode()
    assert reverse("regional:personal-data", args=[leader().pk]) in page
    assert reverse("regional:erase", args=[leader().pk]) in page


def test_the_download_page_says_what_is_left_out(rep):
    response = rep.get(reverse("regional:personal-data", args=[leader().pk]))
    assert response.status_code == 200
    assert "Everything we hold about Alex Fernleigh" in text(response)
    assert "Schedule 2, paragraph 24" in text(response)
    assert not AuditEvent.objects.filter(action=EXPORTED).exists()  # a GET records nothing


def test_the_json_download_holds_the_designation_and_is_on_the_record(rep):
    response = rep.post(reverse("regional:personal-data", args=[leader().pk]), {"format": "json"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    export = json.loads(response.content)
    titles = {s["key"]: s for s in export["sections"]}
    assert titles["designations"]["rows"][0]["Role"].startswith("Local leader")
    event = AuditEvent.objects.get(action=EXPORTED)
    assert event.actor.email == "regional.lead@demo.test" and event.data == {"format": "json"}


def test_the_web_page_download_is_readable(rep):
    response = rep.post(reverse("regional:personal-data", args=[leader().pk]), {"format": "html"})
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == "en"
    assert page.h1.get_text() == "Everything we hold about Alex Fernleigh"
    assert "Pen portraits" in [h.get_text() for h in page.find_all("h2")]
    assert "pupil premium" in page.get_text()


def test_an_unknown_format_downloads_nothing(rep):
    response = rep.post(reverse("regional:personal-data", args=[leader().pk]), {"format": "exe"})
    assert response.status_code == 200 and "Content-Disposition" not in response
    assert not AuditEvent.objects.filter(action=EXPORTED).exists()


def test_a_person_of_another_region_is_not_found(rep, client, signed_in):
    london = factories.OrganisationFactory(kind=OrganisationKind.REGIONAL_BODY, region=factories.region("London"))
    other = signed_in(person_in_role(Role.REGIONAL_REPRESENTATIVE, organisation=london))
    for name in ("regional:personal-data", "regional:erase"):
        assert other.get(reverse(name, args=[leader().pk])).status_code == 404
        assert other.post(reverse(name, args=[leader().pk]), {"format": "json", "reason": "x"}).status_code == 404
    assert not AuditEvent.objects.filter(action__in=[EXPORTED, ERASED]).exists()


def test_a_leader_of_a_deployment_sees_why_erasure_is_refused(rep):
    url = reverse("regional:erase", args=[leader().pk])
    page = text(rep.get(url))
    assert "leads a deployment whose records must be kept until" in page
    assert "Erase their personal data" not in page
    rep.post(url, {"reason": "They asked"})
    assert leader().full_name == "Alex Fernleigh"


def test_the_representative_erases_a_former_applicant(rep):
    person = a_former_applicant()
    url = reverse("regional:erase", args=[person.pk])
    page = text(rep.get(url))
    assert "What will be removed" in page and "What will be kept, and why" in page
    missing = rep.post(url, {"reason": ""})
    assert "Enter why you are erasing this person" in text(missing)
    person.refresh_from_db()
    assert person.full_name == NAME
    response = rep.post(url, {"reason": "They asked in writing"}, follow=True)
    assert f"They are now “Erased person #{person.pk}”" in text(response)
    assert response.redirect_chain[-1][0] == reverse("regional:person", args=[person.pk])
    person.refresh_from_db()
    assert person.full_name == f"Erased person #{person.pk}"


def test_an_applicant_without_a_role_is_reached_through_their_application(rep):
    person = a_former_applicant()
    person.memberships.all().delete()
    assert rep.get(reverse("regional:personal-data", args=[person.pk])).status_code == 200
    response = rep.post(reverse("regional:erase", args=[person.pk]), {"reason": "They asked"})
    assert response.url == reverse("regional:personal-data", args=[person.pk])
