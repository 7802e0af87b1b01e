"""The judgement page of a criterion (issue 14): reached from the eligibility page by the
coordinator and from the scoring page by a member of the panel; saving runs the check again."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.accounts.roles import Role
from domain.recruitment.eligibility import eligibility_result
from domain.recruitment.models import CriterionJudgement, EligibilityCheck
from domain.recruitment.panel import panel_member_add
from tests.conftest import person_in_role
from tests.recruitment.selection_builders import coordinated_round, eligibility_checked, nle_round, references_complete

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def errors(response) -> list[str]:
    return [li.get_text(" ", strip=True) for li in soup(response).select(".govuk-error-summary__list li")]


def judgement_url(application, criterion_id):
    return reverse("selection:judgement", kwargs={"application_id": application.pk, "criterion_id": criterion_id})


def test_the_eligibility_page_links_each_criterion_needing_evidence_to_its_judgement(signed_in):
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    page = soup(signed_in(coordinator).get(reverse("selection:eligibility", args=[application.pk])))
    links = {a["href"] for a in page.select("a") if a.get_text(" ", strip=True).startswith("Record a judgement")}
    assert judgement_url(application, "coaching_experience") in links
    assert judgement_url(application, "years_as_head") in links  # no posts given: needs evidence
    assert judgement_url(application, "stay_two_years") not in links  # declared by the applicant


def test_the_coordinator_records_a_judgement_and_the_check_runs_again(signed_in):
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    client = signed_in(coordinator)
    page = client.get(judgement_url(application, "coaching_experience"))
    assert page.status_code == 200
    assert "coach or mentor" in soup(page).main.get_text(" ", strip=True)

    response = client.post(
        judgement_url(application, "coaching_experience"),
        {"result": "met", "evidence": "Coached two new heads, in both references"},
    )

    assert response.status_code == 302
    assert response.url == reverse("selection:eligibility", args=[application.pk])
    row = next(r for r in eligibility_result(application)["criteria"] if r["id"] == "coaching_experience")
    assert row["result"] == "met"
    assert EligibilityCheck.objects.filter(application=application).count() == 2


def test_a_judgement_without_its_answer_or_evidence_shows_the_errors_in_page_order_and_changes_nothing(signed_in):
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    response = signed_in(coordinator).post(judgement_url(application, "coaching_experience"), {"evidence": ""})
    assert errors(response) == [
        "Choose whether the criterion is met or not met",
        "Enter the evidence for your judgement",
    ]
    assert not CriterionJudgement.objects.exists()


def test_a_criterion_with_an_exception_offers_to_claim_it(signed_in):
    round_, coordinator = nle_round()
    application = eligibility_checked(round_, coordinator)
    client = signed_in(coordinator)
    page = soup(client.get(judgement_url(application, "beacon_outstanding_school")))
    assert page.select_one('input[type="checkbox"][name="claims_exception"]') is not None
    client.post(
        judgement_url(application, "beacon_outstanding_school"),
        {"result": "met", "evidence": "Strong improving data since 2022", "claims_exception": "on"},
    )
    judgement = CriterionJudgement.objects.get(application=application)
    assert judgement.claims_exception is True


def test_a_seated_panel_member_reaches_the_judgement_from_the_scoring_page(signed_in):
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    member = person_in_role(Role.PANEL_MEMBER, organisation=round_.organisation)
    panel_member_add(actor=coordinator, application=application, user=member, experienced_system_leader=True)
    client = signed_in(member)
    scoring = soup(client.get(reverse("selection:assessment", args=[application.pk])))
    assert scoring.select_one(f'a[href="{judgement_url(application, "coaching_experience")}"]') is not None
    response = client.post(
        judgement_url(application, "coaching_experience"), {"result": "not_met", "evidence": "No coaching seen"}
    )
    assert response.url == reverse("selection:assessment", args=[application.pk])
    assert CriterionJudgement.objects.get().judged_by == member


@pytest.mark.parametrize("who", ["unseated panel member", "applicant", "other coordinator"])
def test_others_get_404(who, signed_in):
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    person = {
        "unseated panel member": lambda: person_in_role(Role.PANEL_MEMBER, organisation=round_.organisation),
        "applicant": lambda: application.applicant,
        "other coordinator": lambda: person_in_role(Role.TSA_COORDINATOR),
    }[who]()
    client = signed_in(person)
    assert client.get(judgement_url(application, "coaching_experience")).status_code == 404
    assert (
        client.post(judgement_url(application, "coaching_experience"), {"result": "met", "evidence": "x"}).status_code
        == 404
    )
    assert not CriterionJudgement.objects.exists()


def test_an_unknown_or_declared_criterion_and_an_unchecked_application_get_404(signed_in):
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    client = signed_in(coordinator)
    assert client.get(judgement_url(application, "no-such-criterion")).status_code == 404
    assert client.get(judgement_url(application, "stay_two_years")).status_code == 404
    unchecked = references_complete(round_)
    assert client.get(judgement_url(unchecked, "coaching_experience")).status_code == 404
