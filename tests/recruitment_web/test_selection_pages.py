"""The selection pages: eligibility, paper exercise, assessment and its summary, panel, decision
and appeal (web/recruitment/selection.py, selection_panel.py)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.accounts.roles import Role
from domain.organisations.models import OrganisationKind
from domain.recruitment.decisions import appeal_lodge, panel_decide
from domain.recruitment.models import AssessmentScore, PanelMember
from domain.recruitment.workflows import ApplicationStatus
from tests import factories
from tests.conftest import person_in_role
from tests.recruitment.selection_builders import (
    assessed,
    assessor_for,
    coordinated_round,
    eligibility_checked,
    nle_round,
    references_complete,
    score_all,
    valid_panel,
)

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def main_text(response) -> str:
    return soup(response).main.get_text(" ", strip=True)


def errors(response) -> list[str]:
    return [li.get_text(" ", strip=True) for li in soup(response).select(".govuk-error-summary__list li")]


def url(name, application):
    return reverse(f"selection:{name}", kwargs={"application_id": application.pk})


MANAGER_PAGES = [
    "application",
    "eligibility",
    "assessment-summary",
    "appeal-decision",
    "assessment",
    "panel",
    "decision",
]


@pytest.mark.parametrize("name", MANAGER_PAGES)
def test_the_round_s_coordinator_sees_each_page_and_another_alliance_gets_404(name, signed_in):
    round_, coordinator = coordinated_round()
    application = references_complete(round_)
    assert signed_in(coordinator).get(url(name, application)).status_code == 200
    stranger = person_in_role(Role.TSA_COORDINATOR)
    assert signed_in(stranger).get(url(name, application)).status_code == 404
    assert signed_in(application.applicant).get(url(name, application)).status_code == 404


def test_eligibility_is_checked_and_shown_criterion_by_criterion(signed_in):
    round_, coordinator = coordinated_round()
    application = references_complete(round_)
    client = signed_in(coordinator)
    before = main_text(client.get(url("eligibility", application)))
    assert "Check eligibility" in before
    # The set in force when it was submitted (issue 14), named, never its code.
    assert (
        "criteria in force when it was submitted, Local leader of education, Yorkshire and the Humber (version 1)"
        in before
    )
    response = client.post(url("eligibility", application), follow=True)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ELIGIBILITY_CHECKED
    page = soup(response)
    assert "Local leader of education, Yorkshire and the Humber (version 1)" in main_text(response)
    assert round_.criteria_set not in main_text(response)  # the set's name, never its code
    rows = page.select("table tbody tr")
    assert len(rows) >= 3
    tags = {t.get_text(strip=True) for t in page.select("table .govuk-tag")}
    assert tags <= {"Met", "Not met", "Needs evidence"} and tags


def test_checking_eligibility_again_keeps_the_earlier_run_and_lists_it(signed_in):
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    client = signed_in(coordinator)
    assert "Run the check again" in main_text(client.get(url("eligibility", application)))
    response = client.post(url("eligibility", application), follow=True)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ELIGIBILITY_CHECKED
    earlier = soup(response).select('[data-testid="earlier-runs"] li')
    assert len(earlier) == 1
    assert str(coordinator) in earlier[0].get_text(" ", strip=True)


def test_checking_eligibility_after_the_decision_is_refused_in_the_error_summary(signed_in):
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    panel_decide(actor=coordinator, application=application, outcome="declined", feedback="Not yet")
    response = signed_in(coordinator).post(url("eligibility", application))
    assert response.status_code == 200
    assert errors(response) == [
        "Eligibility is not checked again once the application is decided; it is declined by the panel"
    ]


def test_the_paper_exercise_is_scored_for_an_nle_only(signed_in):
    round_, coordinator = nle_round()
    application = eligibility_checked(round_, coordinator)
    client = signed_in(coordinator)
    response = client.post(url("paper-exercise", application), {"score": "101", "notes": ""})
    assert errors(response) == ["Enter the score as a whole number from 0 to 100"]
    client.post(url("paper-exercise", application), {"score": "64", "notes": "Sound"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PAPER_SCORED
    assert "64%" in main_text(client.get(url("paper-exercise", application)))
    assert signed_in(person_in_role(Role.TSA_COORDINATOR)).get(url("paper-exercise", application)).status_code == 404
    lle_round, lle_coordinator = coordinated_round()
    lle = references_complete(lle_round)
    assert signed_in(lle_coordinator).get(url("paper-exercise", lle)).status_code == 404


def test_an_assessor_scores_saves_and_submits_seeing_only_their_own_scores(signed_in):
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    other = assessor_for(round_)
    score_all(other, application, score=1)
    assessor = assessor_for(round_)
    client = signed_in(assessor)
    page = client.get(url("assessment", application))
    assert "Seen on the day" not in main_text(page)  # the other assessor's evidence
    keys = [i["name"][len("score_") :] for i in soup(page).select("input[type=radio][value='1']")]
    assert keys
    response = client.post(url("assessment", application), {f"score_{keys[0]}": "3", "action": "save"})
    assert response.status_code == 302
    assert AssessmentScore.objects.get(application=application, assessor=assessor).score == 3
    refused = client.post(url("assessment", application), {"action": "submit"})
    assert errors(refused)[0].startswith("Before you submit, score:")
    data = {f"score_{k}": "4" for k in keys} | {"action": "submit"}
    client.post(url("assessment", application), data)
    assert "You have submitted your scores" in main_text(client.get(url("assessment", application)))


def test_evidence_without_a_score_is_an_error():
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    from django.test import Client

    from tests.conftest import sign_in

    client = sign_in(Client(), assessor_for(round_))
    page = client.get(url("assessment", application))
    key = soup(page).select_one("input[type=radio]")["name"][len("score_") :]
    response = client.post(url("assessment", application), {f"evidence_{key}": "Good", "action": "save"})
    assert len(errors(response)) == 1 and "to save its evidence" in errors(response)[0]


def test_the_summary_shows_mean_spread_and_who_submitted(signed_in):
    round_, coordinator = coordinated_round()
    application, assessors = assessed(round_, coordinator, scores=(2, 4))
    response = signed_in(coordinator).get(url("assessment-summary", application))
    cells = [td.get_text(strip=True) for td in soup(response).select("table tbody tr")[0].select("td")]
    assert cells == ["3", "2", "2"]
    for assessor in assessors:
        assert str(assessor) in main_text(response)


def test_a_member_from_the_applicant_s_school_is_refused_with_the_reason(signed_in):
    round_, coordinator = coordinated_round()
    application = references_complete(round_)
    school_org = factories.OrganisationFactory(kind=OrganisationKind.SCHOOL, school=application.school, region=None)
    member = person_in_role(Role.SCHOOL_CONTACT, organisation=school_org, full_name="Alex Sample")
    client = signed_in(coordinator)
    response = client.post(url("panel", application), {"email": member.email})
    assert errors(response) == ["Alex Sample cannot sit on this panel: they work at the applicant's school"]
    unknown = client.post(url("panel", application), {"email": "nobody@example.com"})
    assert errors(unknown) == ["There is no one with an account with this email address"]
    assert not PanelMember.objects.filter(application=application).exists()


def test_the_panel_page_adds_members_and_shows_warnings(signed_in):
    round_, coordinator = coordinated_round()
    application = references_complete(round_)
    client = signed_in(coordinator)
    page = main_text(client.get(url("panel", application)))
    assert "An NLE or an experienced system leader must sit on the panel" in page
    leader = person_in_role(Role.PANEL_MEMBER, organisation=round_.organisation)
    client.post(url("panel", application), {"email": leader.email, "experienced": "on"})
    member = PanelMember.objects.get(application=application)
    assert member.user == leader and member.is_nle_or_experienced_leader
    page = main_text(client.get(url("panel", application)))
    assert "must sit on the panel" not in page
    assert "another teaching school alliance or hub" in page


def test_the_panel_cannot_approve_before_the_assessment(signed_in):
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    response = signed_in(coordinator).post(url("decision", application), {"outcome": "approved", "feedback": "Good"})
    assert errors(response) == [
        "The panel cannot approve before the assessment is complete; this application is eligibility checked"
    ]


def test_after_the_check_the_decision_page_offers_only_a_decline_with_reasons(signed_in):
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    client = signed_in(coordinator)
    page = client.get(url("decision", application))
    assert "Decline the application" in main_text(page)
    assert soup(page).select('input[type="radio"]') == []
    missing = client.post(url("decision", application), {"outcome": "declined", "feedback": " "})
    assert errors(missing) == ["Enter the written feedback to the applicant"]
    client.post(url("decision", application), {"outcome": "declined", "feedback": "Not yet a head for three years"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED


def test_an_approval_links_to_the_designation(signed_in):
    round_, coordinator = coordinated_round()
    application, _ = assessed(round_, coordinator)
    valid_panel(application, coordinator)
    client = signed_in(coordinator)
    missing = client.post(url("decision", application), {"outcome": "approved", "feedback": ""})
    assert errors(missing) == ["Enter the written feedback to the applicant"]
    response = client.post(url("decision", application), {"outcome": "approved", "feedback": "Strong"}, follow=True)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    decision = application.panel_decisions.get()
    link = soup(response).find("a", string="View the designation")
    assert link["href"] == reverse("portal:designation", kwargs={"designation_id": decision.designation_id})


def declined(coordinator, round_):
    application, _ = assessed(round_, coordinator)
    valid_panel(application, coordinator)
    panel_decide(actor=coordinator, application=application, outcome="declined", feedback="Not enough evidence")
    application.refresh_from_db()
    return application


def test_the_applicant_appeals_a_decline_and_someone_else_decides_it(signed_in):
    round_, coordinator = coordinated_round()
    application = declined(coordinator, round_)
    client = signed_in(application.applicant)
    overview = client.get(reverse("recruitment:application", kwargs={"application_id": application.pk}))
    assert "Not enough evidence" in main_text(overview)
    assert soup(overview).find("a", string="Appeal the decision")["href"] == url("appeal", application)
    page = main_text(client.get(url("appeal", application)))
    assert "You can appeal until 20 December 2026" in page
    assert errors(client.post(url("appeal", application), {"grounds": ""})) == ["Enter the grounds for your appeal"]
    client.post(url("appeal", application), {"grounds": "My evidence was not read"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPEALED
    # the coordinator decided, so cannot hear the appeal
    refused = signed_in(coordinator).post(
        url("appeal-decision", application), {"outcome": "upheld", "reasons": "Fair point"}
    )
    assert errors(refused) == ["An appeal must be heard by someone who did not sit on the panel"]
    colleague = person_in_role(Role.TSA_COORDINATOR, organisation=round_.organisation)
    signed_in(colleague).post(url("appeal-decision", application), {"outcome": "dismissed", "reasons": "Read"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPEAL_DISMISSED


def test_the_appeal_page_is_the_applicant_s_alone(signed_in):
    round_, coordinator = coordinated_round()
    application = declined(coordinator, round_)
    assert signed_in(coordinator).get(url("appeal", application)).status_code == 404
    appeal_lodge(applicant=application.applicant, application=application, grounds="Reasons")
    page = main_text(signed_in(application.applicant).get(url("appeal", application)))
    assert "Waiting for a decision" in page


def test_the_appeal_page_before_a_decision_goes_back_to_the_application(signed_in):
    round_, coordinator = coordinated_round()
    application = references_complete(round_)
    response = signed_in(application.applicant).get(url("appeal", application))
    assert response.status_code == 302
