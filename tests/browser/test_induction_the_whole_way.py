"""Journey: an induction from its creation to the new leader's designation (issue 7, "Done when").

As the coordinator of a teaching school alliance, I want to put on an induction that designated
leaders book themselves (checking its fee before they confirm), with a waiting list that fills a
freed place on its own, and to take the register on the day, so that a new leader's designation
shows their induction done and the memorandum of understanding signed there (seed 000 "Training":
TSAs "will be invited to apply for a place with booking"; seed 004 §19-21: training after
designation; seed 000 "Association": the memorandum records the relationship).

The people are the demo region's: Robin Castleford, coordinator of Aire Valley Teaching School
Alliance; Drew Hollinsworth, an LLE of the national programme; and Riley Ashworth, an SLE
designated by Pennine Teaching School Hub, whose designation shows the place the demo booked for them
on December's induction (not "Induction due": a booked induction is no longer due). The new
induction has one place, so the second to book joins the waiting list."""

import re

from django.urls import reverse
from playwright.sync_api import Page, expect

from demo.region import build_demo_region
from domain.accounts.roles import Role
from domain.designation.models import Designation
from domain.leaders.models import MemorandumAcceptance
from domain.training.models import Booking
from domain.training.selectors import induction_status
from domain.training.workflows import BookingStatus

from .steps import DemoPerson, sign_in

TITLE = "Induction for system leaders, November"
DREW = DemoPerson("existing.lle@demo.test", "Drew Hollinsworth", Role.SYSTEM_LEADER, "")
RILEY = DemoPerson("sle.english@demo.test", "Riley Ashworth", Role.SYSTEM_LEADER, "")
TODAY = ("22", "11", "2026")


def success(page: Page, text: str) -> None:
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(text)


def fill_date(page: Page, legend: str, day_month_year: tuple[str, str, str]) -> None:
    group = page.get_by_role("group", name=legend)
    for label, value in zip(("Day", "Month", "Year"), day_month_year, strict=True):
        group.get_by_label(label).fill(value)


def rileys_designation() -> Designation:
    return Designation.objects.get(person__email=RILEY.email)


# When --------------------------------------------------------------------------------------------


def when_the_coordinator_creates_and_publishes_the_induction(page: Page) -> None:
    page.goto(reverse("events:organise"))
    page.get_by_role("button", name="Create an event").click()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_role("group", name="What kind of event is it?").get_by_label("Induction").check()
    page.get_by_label("School's name or URN").fill("Aire Valley Primary School")
    fill_date(page, "Day of the event", TODAY)
    page.get_by_label("Start time").fill("2pm")
    page.get_by_label("End time").fill("4pm")
    page.get_by_label("Number of places").fill("1")
    fill_date(page, "Booking opens", TODAY)
    fill_date(page, "Booking closes", TODAY)
    page.get_by_label("Days before the event delegates can cancel").fill("0")
    page.get_by_role("group", name="Who may book?").get_by_label("Designated system leaders").check()
    page.get_by_role("button", name="Save as a draft").click()
    success(page, f"{TITLE} is saved as a draft")
    page.get_by_role("button", name="Check and publish the event").click()
    page.get_by_role("button", name="Publish the event").click()
    success(page, f"{TITLE} is published")


def open_the_induction(page: Page) -> None:
    page.goto(reverse("events:list"))
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)


def then_the_check_page_shows_the_fee(page: Page, person: DemoPerson) -> None:
    """The induction costs £100 a delegate (the organisers' form's fee): nothing is booked until
    the leader confirms it on the check page."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your booking")
    summary = page.locator(".govuk-summary-list")
    expect(summary).to_contain_text(TITLE)
    expect(summary).to_contain_text("£100.00")
    expect(summary).to_contain_text("Invoiced to")
    assert not Booking.objects.filter(event__title=TITLE, delegate__email=person.email).exists()


def when_a_leader_books_a_place(page: Page, person: DemoPerson) -> None:
    open_the_induction(page)
    page.get_by_role("group", name="Who is the place for?").get_by_label("Yourself").check()
    page.get_by_role("button", name="Continue").click()
    then_the_check_page_shows_the_fee(page, person)
    page.get_by_role("button", name="Confirm and book").click()
    success(page, f"You have a place at {TITLE}")


def when_a_leader_joins_the_waiting_list(page: Page, person: DemoPerson) -> None:
    open_the_induction(page)
    page.get_by_role("group", name="Who is the place for?").get_by_label("Yourself").check()
    page.get_by_role("button", name="Continue").click()
    then_the_check_page_shows_the_fee(page, person)
    page.get_by_role("button", name="Confirm and join the waiting list").click()
    success(page, f"You are on the waiting list for {TITLE}")


def when_the_first_leader_cancels(page: Page) -> None:
    page.goto(reverse("events:bookings"))
    page.get_by_role("link", name=re.compile(TITLE)).first.click()
    page.get_by_role("button", name="Cancel the booking").click()
    page.get_by_role("button", name="Cancel the booking").click()
    success(page, f"The booking for {TITLE} is cancelled")


def when_the_coordinator_takes_the_register(page: Page) -> None:
    page.goto(reverse("events:organise"))
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="Take the register").click()
    place = page.get_by_role("group", name=re.compile(f"^{RILEY.full_name}"))
    place.get_by_label("Attended", exact=True).check()
    page.get_by_label("Signed the memorandum of understanding").check()
    page.get_by_role("button", name="Save the register").click()
    success(page, "The register is saved: 1 attended, 0 did not attend. 1 signed the memorandum of understanding.")


# Then --------------------------------------------------------------------------------------------


def then_the_designation_shows(page: Page, text: str) -> None:
    """On the leader's home page, and on the designation's own page (the hub's and region's staff)."""
    page.goto(reverse("portal:home"))
    expect(page.get_by_test_id("designations")).to_contain_text(text)


def then_the_waiting_list_moved_up(page: Page) -> None:
    page.goto(reverse("events:bookings"))
    row = page.locator("tr", has_text=TITLE)
    expect(row).to_contain_text("Booked")
    bookings = Booking.objects.filter(event__title=TITLE)
    assert sorted(bookings.values_list("delegate__email", "status")) == [
        (DREW.email, BookingStatus.CANCELLED),
        (RILEY.email, BookingStatus.CONFIRMED),
    ]


def then_the_register_and_the_memorandum_are_recorded() -> None:
    riley = Booking.objects.get(event__title=TITLE, delegate__email=RILEY.email)
    assert (riley.status, riley.memorandum_signed) == (BookingStatus.ATTENDED, True)
    assert MemorandumAcceptance.objects.filter(association__leader__email=RILEY.email, party="leader").exists()


# The journey -------------------------------------------------------------------------------------


def test_an_induction_is_booked_moved_up_from_the_waiting_list_and_recorded_on_the_designation(new_context):
    build_demo_region()
    coordinator = new_context(label="TSA coordinator").new_page()
    sign_in(coordinator, DemoPerson("coordinator@demo.test", "", Role.TSA_COORDINATOR, ""))
    drew = new_context(label="Drew, an LLE").new_page()
    sign_in(drew, DREW)
    riley = new_context(label="Riley, a new SLE").new_page()
    sign_in(riley, RILEY)

    then_the_designation_shows(riley, "Induction booked: Induction for new system leaders on 14 December 2026")
    when_the_coordinator_creates_and_publishes_the_induction(coordinator)
    when_a_leader_books_a_place(drew, DREW)
    when_a_leader_joins_the_waiting_list(riley, RILEY)
    when_the_first_leader_cancels(drew)
    then_the_waiting_list_moved_up(riley)
    when_the_coordinator_takes_the_register(coordinator)
    then_the_register_and_the_memorandum_are_recorded()
    then_the_designation_shows(riley, f"Induction attended on 22 November 2026 ({TITLE})")
    assert induction_status(rileys_designation()).done
