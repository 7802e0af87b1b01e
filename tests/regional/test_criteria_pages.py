"""The regional representative's pages for the criteria sets and assessment grids (issue 14): the
list of versions, one version in plain words, a new draft, its document, the board's agreement and
putting it in force."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.audit.models import AuditEvent
from domain.designation.criteria import get_set
from domain.designation.criteria_models import CriteriaStatus, CriteriaVersion
from tests.browser.crawl import INTERNAL_WORDS
from tests.factories import region
from tests.leaders.helpers import representative_of
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def representative():
    return representative_of(region())


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def main_text(response):
    return " ".join(page(response).find("main").get_text(" ").split())


def errors(response):
    return [a.get_text(strip=True) for a in page(response).select(".govuk-error-summary__list li")]


def version(set_id="yh-lle", number=1):
    return CriteriaVersion.objects.get(set_id=set_id, version=number)


def test_the_list_shows_every_set_and_grid_with_its_status(client, signed_in, representative):
    signed_in(representative)
    response = client.get(reverse("regional:criteria"))
    text = main_text(response)
    assert response.status_code == 200
    assert "Local leader of education, Yorkshire and the Humber" in text
    assert "Assessment grid, Yorkshire and the Humber" in text
    assert text.count("In force") == 10  # 4 sets, 2 grids and 4 application forms (the first LLE form superseded)
    assert "yh-lle" not in text and "seed" not in text.lower()


def test_the_list_runs_the_same_queries_however_many_versions(client, signed_in, representative):
    signed_in(representative)

    def grow():
        source = CriteriaVersion.objects.filter(set_id="yh-lle").order_by("-version").first()
        CriteriaVersion.objects.create(
            kind="set", set_id="yh-lle", version=source.version + 1, role="lle", region="YH",
            title=source.title, status=CriteriaStatus.SUPERSEDED, document=source.document,
        )  # fmt: skip

    assert_constant_queries(lambda: client.get(reverse("regional:criteria")), grow)


def test_a_version_reads_in_plain_words_without_codes_or_references(client, signed_in, representative):
    signed_in(representative)
    response = client.get(reverse("regional:criteria-version", kwargs={"version_id": version().pk}))
    text = main_text(response)
    assert "Criteria for the leader" in text
    assert "have at least 3 years of experience as a serving headteacher" in text
    assert "The applicant declares it" in text
    assert "Agreed by On adoption" in text
    for code in ("years_as_head", "years_in_post", "seed", "declaration"):
        assert code not in text
    grid = client.get(reverse("regional:criteria-version", kwargs={"version_id": version("regional-grid").pk}))
    assert "Coaching and mentoring another headteacher or senior leader" in main_text(grid)


def test_from_a_new_draft_to_the_version_in_force(client, signed_in, representative):
    signed_in(representative)
    first = version()
    response = client.post(reverse("regional:criteria-draft", kwargs={"version_id": first.pk}))
    draft = version(number=2)
    assert response.url == reverse("regional:criteria-version", kwargs={"version_id": draft.pk})

    edit_url = reverse("regional:criteria-document", kwargs={"version_id": draft.pk})
    shown = page(client.get(edit_url)).find("textarea").get_text()
    assert "seed" not in shown.lower()  # where each entry comes from is kept, not shown
    document = json.loads(shown)
    document["groups"][0]["criteria"][0]["params"]["min_years"] = 4
    response = client.post(edit_url, {"document": json.dumps(document)})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.document["groups"][0]["criteria"][0]["source"] == first.document["groups"][0]["criteria"][0]["source"]

    agree_url = reverse("regional:criteria-agree", kwargs={"version_id": draft.pk})
    response = client.post(
        agree_url,
        {
            "agreed_by": "Regional board, 20 November",
            "agreed_on-day": "20",
            "agreed_on-month": "11",
            "agreed_on-year": "2026",
        },
    )
    assert response.status_code == 302
    response = client.post(reverse("regional:criteria-in-force", kwargs={"version_id": draft.pk}))
    assert response.status_code == 302

    assert get_set("yh-lle").version == 2
    first.refresh_from_db()
    assert first.status == CriteriaStatus.SUPERSEDED
    shown = main_text(client.get(reverse("regional:criteria-version", kwargs={"version_id": draft.pk})))
    assert "Regional board, 20 November, 20 November 2026" in shown
    assert "have at least 3 years" in shown  # the text was not changed, the number was
    assert AuditEvent.objects.filter(action="designation.criteria.in_force").count() == 1


def test_the_wording_and_the_years_needed_are_changed_box_by_box(client, signed_in, representative):
    signed_in(representative)
    client.post(reverse("regional:criteria-draft", kwargs={"version_id": version().pk}))
    draft = version(number=2)
    url = reverse("regional:criteria-edit", kwargs={"version_id": draft.pk})
    form = page(client.get(url)).find("main").find("form")
    data = {t["name"]: t.get_text() for t in form.find_all("textarea")}
    data |= {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("type") != "hidden"}
    label = form.find("label", attrs={"for": "id_g0__c0__min_years"}).get_text(" ", strip=True)
    assert label == "Years needed for criterion 1 (Criteria for the leader)"
    assert "seed" not in form.get_text().lower() and "years_in_post" not in form.get_text()

    response = client.post(url, {**data, "g0__c0__min_years": "51", "g0__c1__text": ""})
    assert errors(response) == [  # in the page's order
        "Years needed for criterion 1 (Criteria for the leader) must be a whole number from 0 to 50",
        "Enter the wording of criterion 2 (Criteria for the leader)",
    ]
    response = client.post(url, {**data, "g0__c0__min_years": "4", "g0__c0__text": "have at least 4 years as a head"})
    assert response.status_code == 302
    draft.refresh_from_db()
    first = draft.document["groups"][0]["criteria"][0]
    assert (first["text"], first["params"]["min_years"]) == ("have at least 4 years as a head", 4)


def test_a_bad_document_gets_a_clear_message_and_changes_nothing(client, signed_in, representative):
    signed_in(representative)
    client.post(reverse("regional:criteria-draft", kwargs={"version_id": version().pk}))
    draft = version(number=2)
    before = draft.document
    response = client.post(
        reverse("regional:criteria-document", kwargs={"version_id": draft.pk}), {"document": "{ nope"}
    )
    assert response.status_code == 200
    assert errors(response)[0].startswith("The criteria are not written correctly (line 1")
    response = client.post(
        reverse("regional:criteria-agree", kwargs={"version_id": draft.pk}),
        {"agreed_by": "", "agreed_on-day": "31", "agreed_on-month": "2", "agreed_on-year": "2026"},
    )
    assert errors(response)[0] == "Enter who agreed the criteria, for example the regional board"
    draft.refresh_from_db()
    assert (draft.document, draft.status) == (before, CriteriaStatus.DRAFT)


def test_a_step_out_of_order_goes_back_to_the_version_and_changes_nothing(client, signed_in, representative):
    signed_in(representative)
    first = version()
    for name in (
        "regional:criteria-in-force",
        "regional:criteria-agree",
        "regional:criteria-edit",
        "regional:criteria-document",
    ):
        response = client.post(reverse(name, kwargs={"version_id": first.pk}), {"agreed_by": "Board"})
        assert response.url == reverse("regional:criteria-version", kwargs={"version_id": first.pk})
    first.refresh_from_db()
    assert (first.status, first.agreed_on) == (CriteriaStatus.IN_FORCE, None)
    assert not AuditEvent.objects.filter(action__startswith="designation.criteria").exists()


def test_no_version_shows_a_code_or_a_reference_to_the_plans(client, signed_in, representative):
    signed_in(representative)
    for row in CriteriaVersion.objects.all():
        text = main_text(client.get(reverse("regional:criteria-version", kwargs={"version_id": row.pk})))
        for pattern in INTERNAL_WORDS:
            assert not pattern.search(text), (row.set_id, pattern.search(text).group(0))


def test_another_region_s_version_answers_404_and_others_are_refused(client, signed_in, representative):
    signed_in(representative_of(region("London")))
    assert client.get(reverse("regional:criteria-version", kwargs={"version_id": version().pk})).status_code == 404
    assert (
        client.get(reverse("regional:criteria-version", kwargs={"version_id": version("national-nle").pk})).status_code
        == 200
    )
