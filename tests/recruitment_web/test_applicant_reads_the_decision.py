"""The applicant's application page heads the decision for what happened: a decline at the
eligibility check (before any panel), the panel's decision, or the Department for Education's;
and after an approval that designates them it links to their designation on their home page."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.accounts.roles import Role
from domain.recruitment.decisions import panel_decide
from domain.recruitment.department import department_decide
from tests.conftest import person_in_role
from tests.recruitment.selection_builders import (
    assessed,
    coordinated_round,
    eligibility_checked,
    nle_round,
    valid_panel,
)

pytestmark = pytest.mark.django_db

DECLINED_AT_CHECK = "Your application was declined after the eligibility check"
PANEL = "The panel's decision"
DEPARTMENT = "The Department for Education's decision"
SEE_DESIGNATION = "See your designation on your home page"


def applicant_page(signed_in, application):
    response = signed_in(application.applicant).get(
        reverse("recruitment:application", kwargs={"application_id": application.pk})
    )
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").main


def headings(main) -> list[str]:
    return [h.get_text(" ", strip=True) for h in main.find_all("h2")]


def test_a_decline_at_the_eligibility_check_is_not_called_the_panels_decision(signed_in):
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    panel_decide(actor=coordinator, application=application, outcome="declined", feedback="No governors' support.")

    main = applicant_page(signed_in, application)

    assert DECLINED_AT_CHECK in headings(main)
    assert PANEL not in headings(main)
    assert "No governors' support." in main.get_text(" ")


def test_a_decline_by_the_panel_after_the_assessment_is_the_panels_decision(signed_in):
    round_, coordinator = coordinated_round()
    application, _ = assessed(round_, coordinator)
    valid_panel(application, coordinator)
    panel_decide(actor=coordinator, application=application, outcome="declined", feedback="Not yet.")

    main = applicant_page(signed_in, application)

    assert PANEL in headings(main)
    assert DECLINED_AT_CHECK not in headings(main)
    assert SEE_DESIGNATION not in main.get_text(" ")


@pytest.mark.parametrize(("role", "criteria_set"), [("lle", "yh-lle@1"), ("sle", "national-sle@1")])
def test_after_the_panels_approval_the_applicant_is_led_to_their_designation(signed_in, role, criteria_set):
    round_, coordinator = coordinated_round(role=role, criteria_set=criteria_set)
    application, _ = assessed(round_, coordinator)
    if role == "sle":
        application.specialisms = ["maths"]  # as chosen on the draft
        application.save(update_fields=["specialisms"])
    valid_panel(application, coordinator)
    panel_decide(actor=coordinator, application=application, outcome="approved", feedback="Strong leadership.")

    main = applicant_page(signed_in, application)

    assert PANEL in headings(main)
    link = main.find("a", string=SEE_DESIGNATION)
    assert link is not None and link["href"] == reverse("portal:home")


def test_after_the_departments_approval_both_decisions_are_headed_and_the_designation_linked(signed_in):
    round_, coordinator = nle_round()
    application, _ = assessed(round_, coordinator)
    chair = valid_panel(application, coordinator)[0].user
    panel_decide(actor=chair, application=application, outcome="approved", feedback="Outstanding.")
    official = person_in_role(Role.DEPARTMENT_OFFICIAL)
    department_decide(actor=official, application=application, outcome="approved", reasons="Agreed.")

    main = applicant_page(signed_in, application)

    assert PANEL in headings(main) and DEPARTMENT in headings(main)
    assert main.find("a", string=SEE_DESIGNATION) is not None
