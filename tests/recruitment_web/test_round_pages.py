"""The coordinator's pages: the rounds they manage, creating a round, a round's page and its
changes, one application with its references, chasing and replacing a referee."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from domain.accounts.roles import Role
from domain.designation.criteria_models import CriteriaVersion
from domain.designation.criteria_services import criteria_draft_start
from domain.recruitment.models import RecruitmentRound, ReferenceRequest
from domain.recruitment.reference_services import reference_submit
from domain.recruitment.workflows import ReferenceStatus, RoundStatus
from tests import factories
from tests.conftest import person_in_role
from tests.leaders.helpers import representative_of
from tests.queries import assert_constant_queries
from tests.recruitment.helpers import (
    REFERENCE_ANSWER,
    make_round,
    send_all_requests,
    submitted_application,
    tsa_with_coordinator,
)

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def main_text(response) -> str:
    return soup(response).main.get_text(" ", strip=True)


def errors(response) -> list[str]:
    return [li.get_text(" ", strip=True) for li in soup(response).select(".govuk-error-summary__list li")]


def date_boxes(name: str, day: str, month: str, year: str) -> dict:
    """A date as GOV.UK's three boxes post it."""
    return {f"{name}-day": day, f"{name}-month": month, f"{name}-year": year}


@pytest.fixture
def tsa():
    return tsa_with_coordinator(name="Riverside Alliance")


@pytest.fixture
def round_(tsa):
    organisation, coordinator = tsa
    return make_round(organisation=organisation, actor=coordinator)


def test_the_list_shows_only_the_rounds_the_coordinator_manages(client, signed_in, tsa, round_):
    make_round(title="Someone else's round")  # another alliance's
    response = signed_in(tsa[1]).get(reverse("rounds:rounds"))
    assert response.status_code == 200
    assert [a.get_text(strip=True) for a in soup(response).select("td a")] == [round_.title]


def test_people_who_do_not_coordinate_cannot_see_the_rounds(client, signed_in):
    response = signed_in(person_in_role(Role.SYSTEM_LEADER)).get(reverse("rounds:rounds"))
    assert response.status_code == 403


def test_another_organisation_s_round_answers_404(client, signed_in, round_):
    _, other = tsa_with_coordinator()
    signed_in(other)
    assert client.get(reverse("rounds:round", kwargs={"round_id": round_.pk})).status_code == 404
    url = reverse("rounds:round-change", kwargs={"round_id": round_.pk, "event": "close"})
    assert client.post(url).status_code == 404
    round_.refresh_from_db()
    assert round_.status == RoundStatus.OPEN


def test_a_coordinator_creates_a_draft_round_for_their_alliance(client, signed_in, tsa):
    organisation, coordinator = tsa
    response = signed_in(coordinator).post(
        reverse("rounds:round-create"),
        {
            "organisation": organisation.pk,
            "role": "lle",
            "title": "Spring LLE round",
            **date_boxes("opens_on", "1", "12", "2026"),
            **date_boxes("closes_on", "31", "1", "2027"),
            "local_need": "Leadership support for small rural primaries",
            "phases": ["primary", "early_years"],
            "criteria_set": "yh-lle@1",
        },
    )
    created = RecruitmentRound.objects.get(title="Spring LLE round")
    assert sorted(created.phases) == ["early_years", "primary"]
    assert response.status_code == 302
    assert response.url == reverse("rounds:round", kwargs={"round_id": created.pk})
    assert (created.organisation, created.status, str(created.closes_on)) == (organisation, "draft", "2027-01-31")


def test_creating_a_round_explains_each_problem(client, signed_in, tsa):
    organisation, coordinator = tsa
    other = factories.OrganisationFactory(kind=organisation.kind)
    response = signed_in(coordinator).post(
        reverse("rounds:round-create"),
        {
            "organisation": other.pk,
            **date_boxes("opens_on", "31", "2", "2027"),
            "closes_on-month": "1",
            "criteria_set": "x",
        },
    )
    assert response.status_code == 200
    found = errors(response)
    assert "Choose an alliance or hub you coordinate" in found
    assert "Choose the role the round recruits" in found
    assert "The date the round opens must be a real date" in found
    assert "The date the round closes must include a day and year" in found
    assert "Describe the local need the round answers" in found
    assert "Choose at least one phase" in found
    assert not RecruitmentRound.objects.exists()


def test_a_round_s_dates_are_asked_for_in_day_month_and_year_boxes(client, signed_in, tsa):
    page = soup(signed_in(tsa[1]).get(reverse("rounds:round-create")))
    for name, legend in (("opens_on", "Date the round opens"), ("closes_on", "Date the round closes")):
        fieldset = page.find("input", attrs={"name": f"{name}-day"}).find_parent("fieldset")
        assert fieldset.legend.get_text(strip=True) == legend
        assert [i["name"] for i in fieldset.select("input")] == [f"{name}-day", f"{name}-month", f"{name}-year"]
    assert not page.find("input", attrs={"name": "opens_on"})


def test_a_round_s_missing_or_backward_dates_are_explained_and_linked_to_their_boxes(client, signed_in, tsa):
    organisation, coordinator = tsa
    signed_in(coordinator)
    url = reverse("rounds:round-create")
    response = client.post(url, {"organisation": organisation.pk})
    summary = soup(response).select(".govuk-error-summary__list a")
    links = {a.get_text(strip=True): a["href"] for a in summary}
    assert links["Enter the date the round opens"] == "#id_opens_on-day"
    assert links["Enter the date the round closes"] == "#id_closes_on-day"
    response = client.post(
        url, {**date_boxes("opens_on", "7", "12", "2026"), **date_boxes("closes_on", "6", "12", "2026")}
    )
    assert "The date the round closes must be the same as or after the date it opens" in errors(response)
    assert soup(response).find("input", attrs={"name": "opens_on-month"})["value"] == "12"
    assert not RecruitmentRound.objects.exists()


def test_the_service_s_refusal_is_shown_in_the_error_summary(client, signed_in, tsa):
    organisation, coordinator = tsa
    response = signed_in(coordinator).post(
        reverse("rounds:round-create"),
        {
            "organisation": organisation.pk,
            "role": "lle",
            "title": "Round",
            **date_boxes("opens_on", "1", "12", "2026"),
            **date_boxes("closes_on", "31", "1", "2027"),
            "local_need": "Need",
            "phases": ["primary"],
            "criteria_set": "not a set id",
        },
    )
    assert errors(response) == ["Choose a criteria set from the list"]


def test_a_round_chooses_from_the_sets_the_board_agreed_and_another_role_s_set_is_refused(client, signed_in, tsa):
    criteria_draft_start(
        actor=representative_of(factories.region()), source=CriteriaVersion.objects.get(set_id="yh-lle")
    )
    organisation, coordinator = tsa
    page = signed_in(coordinator).get(reverse("rounds:round-create"))
    offered = [o["value"] for o in soup(page).select("select[name=criteria_set] option") if o["value"]]
    assert "yh-lle@1" in offered and "national-nle@1" in offered
    assert "yh-lle@2" not in offered  # a draft is not the board's yet

    response = client.post(
        reverse("rounds:round-create"),
        {
            "organisation": organisation.pk,
            "role": "lle",
            "title": "Round",
            **date_boxes("opens_on", "1", "12", "2026"),
            **date_boxes("closes_on", "31", "1", "2027"),
            "local_need": "Need",
            "phases": ["primary"],
            "criteria_set": "national-nle@1",
        },
    )
    assert errors(response) == [
        "That criteria set is for another role: choose one for the local leader of education role"
    ]
    assert not RecruitmentRound.objects.exists()


def test_the_round_page_lists_its_applications_with_references_answered(client, signed_in, tsa, round_):
    application = submitted_application(round_=round_)
    (_, token), *_ = send_all_requests(application)
    reference_submit(token=token, response=REFERENCE_ANSWER)
    response = signed_in(tsa[1]).get(reverse("rounds:round", kwargs={"round_id": round_.pk}))
    row = [c.get_text(" ", strip=True) for c in soup(response).select("tbody tr")[0].select("td")]
    assert row[2] == "Submitted, waiting for references"
    assert row[3] == "1 of 3"
    assert "Close the round" in main_text(response) and "Cancel the round" in main_text(response)


def test_the_round_page_runs_the_same_queries_however_many_applications(client, signed_in, tsa, round_):
    submitted_application(round_=round_)
    signed_in(tsa[1])
    url = reverse("rounds:round", kwargs={"round_id": round_.pk})
    response = assert_constant_queries(
        lambda: client.get(url), lambda: send_all_requests(submitted_application(round_=round_)), times=2
    )
    assert len(soup(response).select("tbody tr")) == 3


def test_the_coordinator_closes_the_round(client, signed_in, tsa, round_):
    url = reverse("rounds:round-change", kwargs={"round_id": round_.pk, "event": "close"})
    response = signed_in(tsa[1]).post(url)
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.status == RoundStatus.CLOSED


def test_cancelling_needs_a_reason(client, signed_in, tsa, round_):
    url = reverse("rounds:round-change", kwargs={"round_id": round_.pk, "event": "cancel"})
    response = signed_in(tsa[1]).post(url, {"reason": ""})
    assert errors(response) == ["Enter why the round is cancelled"]
    client.post(url, {"reason": "The need has been met by the hub"})
    round_.refresh_from_db()
    assert (round_.status, round_.cancel_reason) == (RoundStatus.CANCELLED, "The need has been met by the hub")


def test_a_refused_change_says_why(client, signed_in, tsa, round_):
    url = reverse("rounds:round-change", kwargs={"round_id": round_.pk, "event": "open"})
    response = signed_in(tsa[1]).post(url)
    assert response.status_code == 200
    assert errors(response) == ["You cannot open the round when it is open for applications"]


def test_an_unknown_change_answers_404(client, signed_in, tsa, round_):
    url = reverse("rounds:round-change", kwargs={"round_id": round_.pk, "event": "complete"})
    assert signed_in(tsa[1]).get(url).status_code == 404


def test_the_application_page_shows_answers_and_each_request(client, signed_in, tsa, round_):
    application = submitted_application(round_=round_)
    send_all_requests(application)
    url = reverse("rounds:application", kwargs={"round_id": round_.pk, "application_id": application.pk})
    response = signed_in(tsa[1]).get(url)
    assert response.status_code == 200
    rows = soup(response).select("tbody tr")
    assert [r.select("td")[0].get_text(" ", strip=True).split(" ")[0] for r in rows] == ["Chair", "Referee", "Referee"]
    assert "About" in main_text(response)


def test_another_organisation_s_application_answers_404(client, signed_in, round_):
    application = submitted_application(round_=round_)
    other_tsa, other = tsa_with_coordinator()
    other_round = make_round(organisation=other_tsa, actor=other)
    signed_in(other)
    url = reverse("rounds:application", kwargs={"round_id": other_round.pk, "application_id": application.pk})
    assert client.get(url).status_code == 404
    request = send_all_requests(application)[0][0]
    assert client.post(reverse("rounds:reference-chase", kwargs={"request_id": request.pk})).status_code == 404
    assert client.get(reverse("rounds:reference-replace", kwargs={"request_id": request.pk})).status_code == 404


def test_chasing_sends_a_fresh_link(client, signed_in, tsa, round_, django_capture_on_commit_callbacks):
    application = submitted_application(round_=round_)
    request = send_all_requests(application)[0][0]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(tsa[1]).post(reverse("rounds:reference-chase", kwargs={"request_id": request.pk}))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[request.email]]
    request.refresh_from_db()
    assert request.chasers_sent == 1


def test_chasing_an_answered_request_is_refused_with_a_message(client, signed_in, tsa, round_):
    application = submitted_application(round_=round_)
    request, token = send_all_requests(application)[0]
    reference_submit(token=token, response=REFERENCE_ANSWER)
    signed_in(tsa[1])
    response = client.post(reverse("rounds:reference-chase", kwargs={"request_id": request.pk}), follow=True)
    assert "This request is answered, so there is nothing to chase" in main_text(response)


def test_replacing_a_referee_voids_their_link_and_emails_the_new_one(
    client, signed_in, tsa, round_, django_capture_on_commit_callbacks
):
    application = submitted_application(round_=round_)
    request = send_all_requests(application)[0][0]
    mail.outbox.clear()
    url = reverse("rounds:reference-replace", kwargs={"request_id": request.pk})
    assert signed_in(tsa[1]).get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "person_name": "New Referee",
                "person_role": "Headteacher",
                "person_organisation": "Birch School",
                "person_email": "new@example.test",
                "reason": "",
            },
        )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == ReferenceStatus.REPLACED
    assert request.replaced_by.email == "new@example.test"
    assert [m.to for m in mail.outbox] == [["new@example.test"]]


def test_replacing_with_someone_already_asked_is_refused(client, signed_in, tsa, round_):
    application = submitted_application(round_=round_)
    sent = send_all_requests(application)
    url = reverse("rounds:reference-replace", kwargs={"request_id": sent[0][0].pk})
    response = signed_in(tsa[1]).post(
        url,
        {
            "person_name": "Referee Two",
            "person_role": "Headteacher",
            "person_organisation": "Elm Trust",
            "person_email": "two@example.test",
        },
    )
    assert errors(response) == [
        "two@example.test is already given for Referee Two: each person needs their own address"
    ]
    assert ReferenceRequest.objects.filter(status=ReferenceStatus.REPLACED).count() == 0


def test_a_regional_representative_manages_the_rounds_of_their_region_only(client, signed_in, round_):
    here = person_in_role(Role.REGIONAL_REPRESENTATIVE)  # Yorkshire and the Humber, like the round
    elsewhere = person_in_role(
        Role.REGIONAL_REPRESENTATIVE,
        organisation=factories.OrganisationFactory(kind="regional_body", region=factories.region("North East")),
    )
    round_url = reverse("rounds:round", kwargs={"round_id": round_.pk})
    assert signed_in(here).get(round_url).status_code == 200
    options = [o.get_text(strip=True) for o in soup(client.get(reverse("rounds:round-create"))).select("option")]
    assert round_.organisation.name in options
    assert signed_in(elsewhere).get(round_url).status_code == 404
    options = [o.get_text(strip=True) for o in soup(client.get(reverse("rounds:round-create"))).select("option")]
    assert round_.organisation.name not in options


def test_the_navigation_offers_the_rounds_to_coordinators_only(client, signed_in, tsa):
    def recruitment_link(user):
        page = soup(signed_in(user).get(reverse("portal:home")))
        links = page.select(".govuk-service-navigation__list a")
        found = [a["href"] for a in links if a.get_text(strip=True) == "Recruitment"]
        return found[0] if found else None

    assert recruitment_link(tsa[1]) == reverse("rounds:rounds")
    # A system leader's "Recruitment" is their own applications (ADR 21), never the rounds.
    assert recruitment_link(person_in_role(Role.SYSTEM_LEADER)) == reverse("recruitment:applications")
    assert recruitment_link(person_in_role(Role.SCHOOL_CONTACT)) is None


def test_a_draft_round_is_opened_from_its_page(client, signed_in, tsa):
    organisation, coordinator = tsa
    draft = make_round(organisation=organisation, actor=coordinator, open_it=False)
    page = signed_in(coordinator).get(reverse("rounds:round", kwargs={"round_id": draft.pk}))
    assert [a.get_text(strip=True) for a in soup(page).select(".govuk-button-group a")] == [
        "Open the round",
        "Cancel the round",
    ]
    client.post(reverse("rounds:round-change", kwargs={"round_id": draft.pk, "event": "open"}))
    draft.refresh_from_db()
    assert draft.status == RoundStatus.OPEN
