"""The regional representative's pages for the application forms, beside the criteria sets and
grids (issue 14, item 6): a form read in plain words, a new draft changed section by section and
declaration by declaration, the board's agreement and putting it in force; the coordinator then
chooses among the agreed forms when making a round."""

import pytest
from django.urls import reverse

from domain.audit.models import AuditEvent
from domain.designation.criteria_models import CriteriaKind, CriteriaStatus, CriteriaVersion
from domain.recruitment.application_form import form_for
from domain.recruitment.models import RecruitmentRound
from tests.browser.crawl import INTERNAL_WORDS
from tests.factories import region
from tests.leaders.helpers import representative_of
from tests.recruitment.helpers import tsa_with_coordinator
from tests.regional.test_criteria_pages import errors, main_text, page

pytestmark = pytest.mark.django_db


@pytest.fixture
def representative():
    return representative_of(region())


def form_version(set_id="nle-2026", number=1):
    return CriteriaVersion.objects.get(kind=CriteriaKind.FORM, set_id=set_id, version=number)


def url(name, row):
    return reverse(f"regional:criteria-{name}", kwargs={"version_id": row.pk})


def test_the_list_shows_the_application_forms_beside_the_criteria(client, signed_in, representative):
    signed_in(representative)
    text = main_text(client.get(reverse("regional:criteria")))
    assert "Application forms" in text
    assert "Local leader of education application form" in text
    assert "National leader of governance application form" in text
    assert "yh-lle-2026" not in text


def test_a_form_reads_in_plain_words_without_codes(client, signed_in, representative):
    signed_in(representative)
    text = main_text(client.get(url("version", form_version())))
    assert "Your school's performance and progress data" in text
    assert "Strong results, or significant improvement, with the years they cover." in text
    assert "Only on the route: Beacon of excellence" in text
    assert "Optional" in text  # the schools the applicant has helped to improve
    assert "The information in this application is true and complete" in text
    assert "Turnaround head" in text
    for pattern in INTERNAL_WORDS:
        assert not pattern.search(text), pattern.search(text).group(0)
    for code in ("beacon_performance", "mat_ceo", "information_true"):
        assert code not in text
    # Whole documents with their codes are not offered for a form.
    assert "Add or remove criteria" not in text


def test_a_forms_draft_is_changed_box_by_box_agreed_and_put_in_force(client, signed_in, representative):
    signed_in(representative)
    first = form_version()
    response = client.post(url("draft", first))
    draft = form_version(number=2)
    assert response.url == url("version", draft)
    assert client.get(url("document", draft)).url == url("version", draft)  # no whole document for a form

    edit = url("edit", draft)
    form = page(client.get(edit)).find("main").find("form")
    data = {t["name"]: t.get_text() for t in form.find_all("textarea")}
    data |= {i["name"]: i["value"] for i in form.find_all("input", attrs={"type": "radio"}) if i.has_attr("checked")}
    assert data["s2__required"] == "no"
    assert form.find("label", attrs={"for": "id_s0__title"}).get_text(strip=True) == "The title of section 1"
    assert "beacon_performance" not in form.get_text()

    response = client.post(edit, {**data, "s0__title": "", "d0__text": "x" * 2001})
    assert errors(response) == [
        "Enter the wording of the title of section 1",
        "Declaration 1 must be 2,000 characters or fewer",
    ]
    response = client.post(
        edit, {**data, "s2__required": "yes", "s2__hint": "", "d0__text": "Everything here is true and complete"}
    )
    assert response.status_code == 302

    client.post(
        url("agree", draft),
        {"agreed_by": "Regional board", "agreed_on-day": "20", "agreed_on-month": "11", "agreed_on-year": "2026"},
    )
    response = client.post(url("in-force", draft))
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == CriteriaStatus.SUPERSEDED
    shown = main_text(client.get(url("version", draft)))
    assert "Everything here is true and complete" in shown
    assert AuditEvent.objects.filter(action="designation.criteria.edited", data__ref="nle-2026@2").exists()


def test_the_coordinator_chooses_an_agreed_form_of_the_round_s_role(client, signed_in):
    organisation, coordinator = tsa_with_coordinator()
    signed_in(coordinator)
    options = [
        o.get_text(strip=True)
        for o in page(client.get(reverse("rounds:round-create"))).select("#id_form_version option")
    ]
    assert "Specialist leader of education application form (version 1)" in options
    base = {
        "organisation": organisation.pk,
        "title": "Spring round",
        "opens_on-day": "1", "opens_on-month": "12", "opens_on-year": "2026",
        "closes_on-day": "31", "closes_on-month": "1", "closes_on-year": "2027",
        "local_need": "Leaders for small schools",
        "phases": ["primary"],
    }  # fmt: skip
    response = client.post(
        reverse("rounds:round-create"),
        {**base, "role": "lle", "criteria_set": "yh-lle@1", "form_version": "sle-2026@1"},
    )
    assert "Choose an application form for the role the round recruits" in errors(response)
    response = client.post(
        reverse("rounds:round-create"),
        {**base, "role": "sle", "criteria_set": "national-sle@1", "form_version": "sle-2026@1"},
    )
    assert response.status_code == 302
    round_ = RecruitmentRound.objects.get()
    assert round_.form_version == "sle-2026@1"
    assert form_for(round_).asks_specialisms
