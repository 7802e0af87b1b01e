"""Journey: a member of the public finds a leader by specialism near a school and sees the route to
contact (issue 4, "Done when").

As someone looking for support for a school, I want to search the school-to-school support
directory without signing in, by specialism and distance from a school, so that I find a local
leader of education near it and know how to reach them: through the teaching school alliance that
brokers their support, not their own e-mail address (seed 003: "Find system leaders in your area
in the school-to-school support directory ... LLEs and SLEs can be contacted through teaching
schools").

It continues the story of test_alliance_invites_an_existing_leader.py: Drew Hollinsworth, an LLE,
is associated with Aire Valley Teaching School Alliance. He writes his pen portrait and submits
it; the alliance's coordinator approves it; then a member of the public finds him.

Set-up done outside the browser: the demo region, and Drew's association with Aire (invited and
accepted, memorandum accepted by both sides) through the services, as journey 1 did in the
browser."""

from django.urls import reverse
from playwright.sync_api import Page, expect

from demo.leaders import EXISTING_LLE
from demo.region import DemoPerson, build_demo_region
from domain.accounts.models import User
from domain.accounts.roles import Role
from domain.leaders import association_services as associations
from domain.leaders import memorandum_services as memoranda
from domain.leaders.models import DirectoryEntry, MemorandumParty
from domain.organisations.models import Organisation

from .steps import demo_person, open_the_start_page, sign_in

AIRE = "Aire Valley Teaching School Alliance"
AIRE_LEAD_SCHOOL = "Aire Valley Primary School"
DREW = EXISTING_LLE.full_name
DREWS_SCHOOL = EXISTING_LLE.school  # Beckside Church of England Primary School, Leeds LS6 2CD
# Fernhill Special School, Leeds (demo.region.SCHOOLS): 5.4 km from Drew's school, as the crow flies.
NEAR_POSTCODE = "LS9 7LM"
NEAR_SCHOOL = "Fernhill Special School"
EXPERIENCE = (
    "Headteacher of a two-form entry primary school for eight years; led the school's early reading "
    "from a systematic synthetic phonics programme to results above the national average."
)


def drew() -> DemoPerson:
    return DemoPerson(EXISTING_LLE.email, DREW, Role.SYSTEM_LEADER, DREWS_SCHOOL)


def drews_user() -> User:
    return User.objects.get(email=EXISTING_LLE.email)


# Given -------------------------------------------------------------------------------------------


def given_drew_is_associated_with_aire() -> None:
    """What journey 1 did in the browser: Aire invites Drew, who accepts; both sides sign the
    memorandum of understanding."""
    coordinator = User.objects.get(email=demo_person(Role.TSA_COORDINATOR).email)
    leader = drews_user()
    invitation = associations.association_invite(
        actor=coordinator, organisation=Organisation.objects.get(name=AIRE), leader=leader
    )
    association = associations.association_accept(actor=leader, association=invitation)
    memoranda.memorandum_accept(actor=leader, association=association, party=MemorandumParty.LEADER)
    memoranda.memorandum_accept(actor=coordinator, association=association, party=MemorandumParty.ORGANISATION)
    assert not DirectoryEntry.objects.filter(leader=leader).exists()  # no pen portrait yet: not listed


# When --------------------------------------------------------------------------------------------


def when_drew_writes_his_pen_portrait_and_submits_it(page: Page) -> None:
    page.goto(reverse("leader:pen-portrait"))
    expect(page.get_by_text("Your pen portrait is not in the directory")).to_be_visible()
    page.get_by_role("button", name="Write your pen portrait").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change your pen portrait")
    page.get_by_label("Your experience").fill(EXPERIENCE)
    page.get_by_label("Your school's context").fill("A Church of England primary school of 420 pupils in Leeds.")
    page.get_by_label("Areas you serve").fill("North and east Leeds")
    page.get_by_label("Phonics", exact=True).check()
    page.get_by_label("Primary", exact=True).check()
    page.get_by_role("button", name="Save and submit for approval").click()
    expect(page.get_by_text("Your pen portrait was submitted for approval")).to_be_visible()
    expect(page.get_by_test_id("where-it-stands")).to_contain_text("waiting for approval")


def when_aire_approves_the_pen_portrait(page: Page) -> None:
    page.goto(reverse("alliance:portraits"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Pen portraits waiting for approval")
    row = page.locator("tbody tr", has_text=DREW)
    expect(row).to_contain_text(AIRE)
    row.get_by_role("link", name=DREW).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Pen portrait of {DREW}")
    expect(page.get_by_text(EXPERIENCE)).to_be_visible()
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_text(f"The pen portrait of {DREW} is approved and published in the directory")).to_be_visible()


def when_someone_searches_for_phonics_near_a_school(page: Page) -> None:
    open_the_start_page(page)
    page.get_by_role("link", name="Search the school-to-school support directory").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a system leader")
    page.get_by_label("School name, URN or postcode").fill(NEAR_POSTCODE)
    page.get_by_label("Distance from the school").select_option(label="Within 10 km")
    page.get_by_label("Specialism").select_option(label="Phonics")
    page.get_by_role("button", name="Search", exact=True).click()


def when_they_open_the_leaders_page(page: Page) -> None:
    page.get_by_role("link", name=DREW).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DREW)


# Then --------------------------------------------------------------------------------------------


def then_drew_is_the_one_leader_found_with_his_distance(page: Page) -> None:
    expect(page.locator("#near-school")).to_contain_text(f"Nearest first to {NEAR_SCHOOL}")
    expect(page.locator("#near-school")).to_contain_text("within 10 km")
    expect(page.get_by_role("heading", level=2, name="1 system leader found")).to_be_visible()
    result = page.locator("#leader-results > li")
    expect(result).to_have_count(1)
    expect(result.get_by_role("heading", name=DREW)).to_be_visible()
    expect(result).to_contain_text("Phonics")
    expect(result).to_contain_text("Primary")
    expect(result).to_contain_text(AIRE)
    expect(result).to_contain_text("5.4 km")
    # Leaders listed near the school without the specialism are not in the results.
    for other in ("Alex Fernleigh", "Jamie Oakroyd"):
        expect(page.get_by_role("link", name=other)).to_have_count(0)


def then_they_see_the_route_to_contact_through_the_alliance(page: Page) -> None:
    route = page.locator("#contact-route")
    expect(page.get_by_role("heading", name=f"How to contact {DREW}")).to_be_visible()
    expect(page.get_by_text("contacted through their teaching school alliance or hub")).to_be_visible()
    expect(route).to_contain_text(f"Through {AIRE}, whose lead school is {AIRE_LEAD_SCHOOL}")
    expect(route.get_by_role("link", name=AIRE)).to_be_visible()
    expect(route.get_by_role("link", name=AIRE_LEAD_SCHOOL)).to_be_visible()
    # No private data: not his e-mail address; the one e-mail link is the one the alliance publishes.
    expect(page.get_by_text(EXISTING_LLE.email)).to_have_count(0)
    expect(page.locator("a[href^='mailto:']")).to_have_count(1)
    expect(page.locator("a[href^='mailto:']")).to_have_attribute("href", "mailto:support@aire-valley-alliance.example")
    expect(page.locator("#leader-details")).to_contain_text(DREWS_SCHOOL)
    expect(page.get_by_text(EXPERIENCE)).to_be_visible()


def then_the_alliance_page_lists_him(page: Page) -> None:
    page.locator("#contact-route").get_by_role("link", name=AIRE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"System leaders of {AIRE}")
    expect(page.get_by_role("link", name=DREW)).to_be_visible()


# The journey -------------------------------------------------------------------------------------


def test_a_member_of_the_public_finds_a_leader_by_specialism_near_a_school(new_context):
    build_demo_region()
    given_drew_is_associated_with_aire()

    leader = new_context(label="Drew, the LLE").new_page()
    sign_in(leader, drew())
    when_drew_writes_his_pen_portrait_and_submits_it(leader)

    aire = new_context(label="Aire's coordinator").new_page()
    sign_in(aire, demo_person(Role.TSA_COORDINATOR))
    when_aire_approves_the_pen_portrait(aire)

    public = new_context(label="Member of the public").new_page()
    when_someone_searches_for_phonics_near_a_school(public)
    expect(public.get_by_role("link", name="Sign in", exact=True)).to_be_visible()  # not signed in
    then_drew_is_the_one_leader_found_with_his_distance(public)
    when_they_open_the_leaders_page(public)
    then_they_see_the_route_to_contact_through_the_alliance(public)
    then_the_alliance_page_lists_him(public)
