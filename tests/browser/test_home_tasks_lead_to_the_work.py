"""Journey: each person's home page is their worklist. A task opens the item itself, and leaves
the list the moment its work is done (issue 15, "Home pages that are worklists").

As a system leader, I want the offer waiting for me to open from my home page, so that I answer
it without hunting through lists. As the school's contact, I want the leader offered to my school
to open from my home page once they have accepted. As an alliance's coordinator, I want the cause
for concern I must deal with to open from my home page. As a hub's coordinator, I want the pen portrait waiting for my
approval to open from my home page. As a newly associated specialist leader, I want the
memorandum I must accept to open from my home page. And each of us wants the task to go once it
is done, so that the list only ever holds what still waits.

The people are the demo region's: Alex Fernleigh (an NLE with an offer to answer), Jordan
Kettlewell (the contact at Goldthorpe Junior School, whose request Alex is offered for), Robin
Castleford (Aire's coordinator, with the demo deployment's open concern), Quinn Harewood
(Pennine Teaching School Hub's coordinator) and Riley Ashworth (an SLE associated with the hub,
whose pen portrait waits for approval and who has not yet accepted the memorandum)."""

from django.urls import reverse
from playwright.sync_api import Page, expect

from demo.leaders import AWAITING, HUB_COORDINATOR
from demo.region import DemoPerson, build_demo_region
from domain.accounts.roles import Role

from .steps import demo_person, sign_in

TASKS = "[data-testid=things-to-do]"


def hub_coordinator() -> DemoPerson:
    email, name, organisation = HUB_COORDINATOR
    return DemoPerson(email, name, Role.TSA_COORDINATOR, organisation)


def riley() -> DemoPerson:
    return DemoPerson(AWAITING.email, AWAITING.full_name, Role.SYSTEM_LEADER, AWAITING.school)


def the_task(page: Page, text: str):
    return page.locator(TASKS).get_by_role("link", name=text)


def when_they_open_the_task_from_home(page: Page, text: str) -> None:
    page.get_by_role("link", name="Home", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your home page")
    the_task(page, text).click()


def then_the_task_has_gone_from_home(page: Page, text: str) -> None:
    page.get_by_role("link", name="Home", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your home page")
    expect(the_task(page, text)).to_have_count(0)


def test_each_home_task_leads_to_the_item_and_goes_when_done(new_context):
    build_demo_region()

    leader = new_context(label="Alex, the NLE").new_page()
    sign_in(leader, demo_person(Role.SYSTEM_LEADER))
    when_they_open_the_task_from_home(leader, "Answer an offer of a deployment")
    expect(leader.get_by_role("heading", level=1)).to_contain_text("Offer of support for")
    leader.get_by_role("button", name="Accept the offer").click()
    expect(leader.get_by_role("heading", level=1)).to_have_text("Accept the offer")
    leader.get_by_role("button", name="Accept the offer").click()
    expect(leader.get_by_text("You accepted the offer.")).to_be_visible()
    then_the_task_has_gone_from_home(leader, "Answer an offer of a deployment")

    school = new_context(label="The school's contact").new_page()
    sign_in(school, demo_person(Role.SCHOOL_CONTACT))
    task = "Accept or decline the leader offered to support your school"
    when_they_open_the_task_from_home(school, task)
    expect(school.get_by_role("heading", level=1)).to_contain_text("Request ")
    school.get_by_role("link", name="Accept or decline the offer").click()
    school.get_by_role("group", name="Does the school accept the offer?").get_by_label("Yes, accept the offer").check()
    school.get_by_role("button", name="Send answer").click()
    then_the_task_has_gone_from_home(school, task)

    coordinator = new_context(label="Aire's coordinator").new_page()
    sign_in(coordinator, demo_person(Role.TSA_COORDINATOR))
    when_they_open_the_task_from_home(coordinator, "Deal with a cause for concern")
    coordinator.get_by_role("button", name="Resolve the concern").click()
    coordinator.get_by_label("How was the concern resolved?").fill("Agreed a new visit plan with the headteacher.")
    coordinator.get_by_role("button", name="Resolve the concern").click()
    then_the_task_has_gone_from_home(coordinator, "Deal with a cause for concern")

    hub = new_context(label="The hub's coordinator").new_page()
    sign_in(hub, hub_coordinator())
    when_they_open_the_task_from_home(hub, "Approve a pen portrait")
    expect(hub.get_by_role("heading", level=1)).to_contain_text(AWAITING.full_name)
    hub.get_by_role("button", name="Approve and publish").click()
    then_the_task_has_gone_from_home(hub, "Approve a pen portrait")

    sle = new_context(label="Riley, the SLE").new_page()
    sign_in(sle, riley())
    task = "Accept the memorandum of understanding with Pennine Teaching School Hub"
    when_they_open_the_task_from_home(sle, task)
    expect(sle).to_have_url(reverse("leader:memorandum"))
    sle.get_by_label("I have read and accept the memorandum").check()
    sle.get_by_role("button", name="Accept the memorandum").click()
    then_the_task_has_gone_from_home(sle, task)
