"""Once the panel approves her, a specialist leader of education reads on her home page that she is
designated, and in which specialisms (issue 14, "Done when": "an SLE applies with her specialisms,
is assessed ... and is designated"; seed 003: "SLEs are experienced middle or senior leaders with a
specialism")."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.recruitment.decisions import panel_decide
from tests.conftest import sign_in
from tests.recruitment.selection_builders import assessed, coordinated_round, valid_panel

pytestmark = pytest.mark.django_db


def approved(role, criteria_set, specialisms=()):
    round_, coordinator = coordinated_round(role=role, criteria_set=criteria_set, specialisms=[])
    application, _ = assessed(round_, coordinator)
    if specialisms:
        application.specialisms = list(specialisms)  # as chosen on the draft
        application.save(update_fields=["specialisms"])
    valid_panel(application, coordinator)
    panel_decide(actor=coordinator, application=application, outcome="approved", feedback="Strong leadership.")
    return application


def designations_on_home_page(client, applicant) -> str:
    sign_in(client, applicant)
    page = BeautifulSoup(client.get(reverse("portal:home")).content, "html.parser")
    listed = page.find(attrs={"data-testid": "designations"})
    assert listed is not None, "the home page lists her designations"
    return " ".join(listed.get_text(" ").split())


@pytest.mark.parametrize(
    ("specialisms", "expected"),
    [
        (["maths", "behaviour"], "Specialisms: Maths, Behaviour and discipline."),
        (["phonics"], "Specialism: Phonics."),
    ],
)
def test_an_approved_sle_reads_her_specialisms_with_her_designation(client, specialisms, expected):
    application = approved("sle", "national-sle@1", specialisms=specialisms)
    text = designations_on_home_page(client, application.applicant)
    assert "Specialist leader of education since 22 November 2026" in text
    assert expected in text


def test_a_designation_without_specialisms_names_none(client):
    application = approved("lle", "yh-lle@1")
    text = designations_on_home_page(client, application.applicant)
    assert "Local leader of education since 22 November 2026" in text
    assert "Specialism" not in text
