"""Journey: a school asks for support and gets a system leader, the whole way (issue 5, "Done when").

As a contact at a school, I want to ask for a system leader's support through one front door, and
have the teaching school alliance check my request, its panel choose the most appropriate leader
for reasons it can show, and the leader accept, so that I can accept the leader and the support is
agreed (seed 000 "Commissioning": requests "go through one mechanism" with "the basic information
needed for matching"; seed 002: "A panel will meet regularly to consider referrals and identify the
most appropriate LLE").

The people are the demo region's: Jordan Kettlewell, a contact at Goldthorpe Junior School; Robin
Castleford, the coordinator of Aire Valley Teaching School Alliance, which brokers for the school's
area; and Alex Fernleigh, an LLE associated with Aire, who ranks first for a primary school's
"Closing the gap". The support is wanted in the spring term, where Alex offers 8 free days.

Set-up done outside the browser: the demo region, and Alex's days in the spring term."""

import re

from django.urls import reverse
from playwright.sync_api import Page, expect

from demo.region import build_demo_region
from domain.accounts.models import User
from domain.accounts.roles import Role
from domain.commissioning.models import Offer, SupportRequest
from domain.commissioning.workflows import OfferStatus, RequestStatus
from domain.deployments.models import Deployment
from domain.leaders.availability_services import availability_set
from domain.leaders.models import Term

from . import ask_steps as ask
from .steps import demo_person, sign_in

SCHOOL = "Goldthorpe Junior School"
AIRE = "Aire Valley Teaching School Alliance"
ALEX = "Alex Fernleigh"
STARTS, ENDS = ("11", "1", "2027"), ("26", "3", "2027")  # the spring term 2026 to 2027
SPRING = Term.of(2026, "spring")
DAYS_IN_SPRING = "8"
DESCRIPTION = "Our new headteacher wants help to plan how the pupil premium closes the gap in reading."
RATIONALE = "Alex covers closing the gap in primary schools and has days free in the spring term"


def alex() -> User:
    return User.objects.get(email=demo_person(Role.SYSTEM_LEADER).email)


# Given -------------------------------------------------------------------------------------------


def given_alex_offers_days_in_the_spring_term() -> None:
    availability_set(actor=alex(), leader=alex(), term=SPRING, days=DAYS_IN_SPRING)


# When --------------------------------------------------------------------------------------------


def when_the_school_asks_for_support(page: Page) -> str:
    """Through the question pages, then check your answers. Returns the request's reference."""
    page.goto(reverse("requests:list"))
    page.get_by_role("button", name="Ask for support").click()
    ask.heading(page, "Which school needs support?")
    # Their own school, chosen for them, asking as the school itself.
    expect(page.get_by_role("radio", name=re.compile(f"^{SCHOOL}"))).to_be_checked()
    ask.go_on(page)
    ask.heading(page, "Who is asking for the support?")
    expect(page.get_by_label("The school itself")).to_be_checked()
    ask.go_on(page)
    # No phase page: the register gives the school's phase.
    ask.answer_the_support_questions(
        page,
        need="Closing the gap",
        leader="Local leader of education",
        description="A first draft",
        days="3",
        starts=STARTS,
        ends=ENDS,
    )
    ask.choose_the_alliance_and_consent(page)
    ask.change_the_description(page, DESCRIPTION)
    expect(summary_value(page, "Description")).to_have_text(DESCRIPTION)
    expect(summary_value(page, "Phase")).to_contain_text("Primary")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before asking for support")
    expect(summary_value(page, "Areas of support")).to_contain_text("Closing the gap")
    expect(summary_value(page, "When")).to_have_text("From 11 January 2027 to 26 March 2027")
    page.get_by_role("button", name="Send request").click()

    panel = page.locator(".govuk-panel")
    expect(panel).to_contain_text("Request sent")
    reference = re.search(r"SR\d{6}", panel.inner_text()).group(0)
    expect(page.get_by_text(f"{AIRE} will check the request")).to_be_visible()
    return reference


def when_the_coordinator_accepts_it_for_matching(page: Page, reference: str) -> None:
    page.goto(reverse("broker:queue"))
    row = page.locator("tbody tr", has_text=reference)
    expect(row).to_contain_text(SCHOOL)
    expect(row).to_contain_text("Received")
    row.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Request {reference}")
    expect(summary_value(page, "Description")).to_have_text(DESCRIPTION)
    page.get_by_role("button", name="Accept for matching").click()
    expect(page.get_by_text(f"{reference} is accepted for matching")).to_be_visible()


def when_the_coordinator_schedules_a_panel_and_adds_the_request(page: Page, reference: str) -> None:
    page.goto(reverse("broker:queue"))
    page.get_by_role("link", name="Schedule a panel meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Schedule a panel meeting")
    ask.fill_date(page, "Date", ("2", "12", "2026"))
    page.get_by_label("Time", exact=True).fill("4pm")
    page.get_by_label("Place (optional)").fill("Aire Valley Primary School, staff room")
    members = page.get_by_role("group", name="Members of the panel")
    members.get_by_label(demo_person(Role.TSA_COORDINATOR).full_name).check()
    members.get_by_label(demo_person(Role.PANEL_MEMBER).full_name).check()
    page.get_by_role("button", name="Schedule the meeting").click()
    expect(page.get_by_text("The panel meeting is scheduled")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"Panel meeting on 2 December 2026"))
    expect(page.get_by_text("Nothing is on the agenda yet.")).to_be_visible()

    waiting = page.get_by_role("group", name="Requests accepted for matching")
    waiting.get_by_role("checkbox", name=re.compile(reference)).check()
    page.get_by_role("button", name="Add to the agenda").click()
    expect(page.get_by_text(f"Added to the agenda: {reference}")).to_be_visible()


def when_the_panel_reads_the_reasons_and_chooses_the_top_candidate(page: Page, reference: str) -> None:
    item = page.locator("section", has=page.get_by_role("heading", name=re.compile(reference)))
    ranked = item.get_by_role("table", name=re.compile(f"Ranked candidates for {reference}"))
    expect(ranked.locator("tbody tr").first).to_contain_text(ALEX)  # ranked first
    expect(item).to_contain_text(f"Suggested for the whole agenda: {ALEX}")

    breakdown = item.locator("details", has_text=f"1. {ALEX}: how the score")
    reason = breakdown.get_by_text("Covers 1 of 1 needs: Closing the gap")
    expect(reason).to_be_hidden()
    breakdown.locator("summary").click()
    expect(reason).to_be_visible()
    expect(breakdown.get_by_role("row", name=re.compile("^Phase"))).to_contain_text("Works in primary")
    expect(breakdown.get_by_role("row", name=re.compile("^Distance"))).to_contain_text("km from the client school")

    item.get_by_role("button", name=f"Choose a leader for {reference}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Choose a leader for {reference}")
    expect(page.get_by_text(f"The top suggestion is {ALEX}")).to_be_visible()
    choice = page.get_by_role("group", name="Which leader does the panel choose?")
    choice.get_by_role("radio", name=re.compile(f"^{ALEX}")).check()
    page.get_by_label("Why the panel chose this leader").fill(RATIONALE)
    page.get_by_role("button", name="Record the panel's choice").click()
    expect(page.get_by_text(f"The panel chose {ALEX}: the offer is with them")).to_be_visible()


def when_the_leader_accepts_the_offer(page: Page, reference: str) -> None:
    page.goto(reverse("portal:home"))
    expect(page.get_by_role("link", name=f"You are offered a deployment: {SCHOOL}").first).to_be_visible()
    page.goto(reverse("offers:list"))
    row = page.locator("tbody tr", has_text=reference)
    expect(row).to_contain_text("3 days")
    row.get_by_role("link", name=SCHOOL).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Offer of support for {SCHOOL}")
    expect(page.get_by_text(RATIONALE)).to_be_visible()  # why the panel chose them
    expect(page.get_by_text("Covers 1 of 1 needs: Closing the gap")).to_be_visible()
    page.get_by_role("button", name="Accept the offer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accept the offer")
    # In the spring term, where the support is; 1 of the demo deployment's days falls there too.
    free = f"You have 7 days free of the {DAYS_IN_SPRING} days you offered"
    expect(page.get_by_text(free)).to_be_visible()
    page.get_by_role("button", name="Accept the offer").click()
    expect(page.get_by_text(f"You accepted the offer. {SCHOOL} is asked to accept it")).to_be_visible()


def when_the_school_accepts_the_leader(page: Page, reference: str) -> None:
    page.goto(reverse("requests:list"))
    page.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Request {reference}")
    expect(page.get_by_text(f"{ALEX} can support the school")).to_be_visible()
    page.get_by_role("link", name="Accept or decline the offer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Do you accept {ALEX}'s support?")
    page.get_by_role("group", name="Does the school accept the offer?").get_by_label("Yes, accept the offer").check()
    page.get_by_role("button", name="Send answer").click()


def summary_value(page: Page, key: str):
    row = page.locator(".govuk-summary-list__row", has=page.locator(".govuk-summary-list__key", has_text=key))
    return row.locator(".govuk-summary-list__value")


# Then --------------------------------------------------------------------------------------------


def then_the_school_sees_its_request_waiting_for_the_alliance(page: Page, reference: str) -> None:
    page.get_by_role("link", name="the request’s page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Request {reference}")
    expect(page.locator("main .govuk-tag").first).to_have_text("Received")
    expect(summary_value(page, "Arranged by")).to_have_text(AIRE)


def then_the_support_is_agreed(page: Page, reference: str) -> None:
    # Accepting leads straight on to the deployment's contract, which the school agrees next.
    expect(page.get_by_text(f"Deployment agreed: {ALEX} will support the school")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Deployment: {SCHOOL}")
    expect(page.get_by_role("heading", level=2, name="Contract and action plan")).to_be_in_viewport()
    # The request's page says so, and leads to the deployment too.
    page.get_by_role("link", name="Support requests").click()
    page.get_by_role("link", name=reference).click()
    expect(page.locator("main .govuk-tag").first).to_have_text("Agreed")
    expect(page.get_by_text("The deployment is agreed.")).to_be_visible()
    expect(page.get_by_role("link", name="See the deployment and its contract")).to_be_visible()
    progress = page.locator("ol.app-timeline")
    for step in ("Request sent", f"Accepted for matching by {AIRE}", f"Leader chosen: {ALEX}", "Deployment agreed"):
        expect(progress).to_contain_text(step)


def then_the_register_holds_the_deployment(reference: str) -> None:
    support_request = SupportRequest.objects.get(client_school__name=SCHOOL, description=DESCRIPTION)
    assert support_request.reference == reference
    assert support_request.status == RequestStatus.AGREED
    offer = Offer.objects.get(request=support_request)
    assert (offer.leader, offer.status) == (alex(), OfferStatus.ACCEPTED)
    assert offer.agenda_item.rationale == RATIONALE
    deployment = Deployment.objects.get(request=support_request)
    assert (deployment.leader, deployment.organisation.name, str(deployment.days)) == (alex(), AIRE, "3.0")
    assert (deployment.starts_on.isoformat(), deployment.ends_on.isoformat()) == ("2027-01-11", "2027-03-26")


# The journey -------------------------------------------------------------------------------------


def test_a_school_asks_for_support_and_the_leader_the_panel_chose_is_agreed(new_context):
    build_demo_region()
    given_alex_offers_days_in_the_spring_term()

    school = new_context(label="School contact").new_page()
    sign_in(school, demo_person(Role.SCHOOL_CONTACT))
    reference = when_the_school_asks_for_support(school)
    then_the_school_sees_its_request_waiting_for_the_alliance(school, reference)

    coordinator = new_context(label="TSA coordinator").new_page()
    sign_in(coordinator, demo_person(Role.TSA_COORDINATOR))
    when_the_coordinator_accepts_it_for_matching(coordinator, reference)
    when_the_coordinator_schedules_a_panel_and_adds_the_request(coordinator, reference)
    when_the_panel_reads_the_reasons_and_chooses_the_top_candidate(coordinator, reference)

    leader = new_context(label="Alex, the LLE").new_page()
    sign_in(leader, demo_person(Role.SYSTEM_LEADER))
    when_the_leader_accepts_the_offer(leader, reference)

    client = new_context(label="School contact, again").new_page()
    sign_in(client, demo_person(Role.SCHOOL_CONTACT))
    when_the_school_accepts_the_leader(client, reference)
    then_the_support_is_agreed(client, reference)
    then_the_register_holds_the_deployment(reference)
