"""Journey: an alliance invites an existing leader, who accepts and signs the memorandum; a second
alliance's invitation is refused (issue 4, "Done when").

As a teaching school alliance's coordinator, I want to invite an existing local leader of
education from the regional list, and have them accept and sign the memorandum of understanding,
so that my alliance brokers their deployments and their school becomes a member of the alliance
(seed 000 "Association": "All TSA will be sent the regional list of existing LLEs and should
contact LLEs within their area and invite them to associate with a local TSA"). And as a second
alliance's coordinator who tries to invite the same leader a moment too late, I want to be told
that they are already associated, and with whom, so that I know why nothing happened.

The people are the demo region's: Drew Hollinsworth, an LLE designated by the national programme
and not associated, who already has an open invitation from Pennine Teaching School Hub; Aire
Valley Teaching School Alliance's coordinator; and the hub's coordinator. The hub's coordinator
opens the regional list after Drew has declined the hub's first invitation and before Drew accepts
Aire's, and sends the invitation from that page after Drew has accepted: the service refuses it
and the page says why.

Set-up done outside the browser: the demo region, and Drew's school taken out of Aire's members
(the demo makes it a member, which would leave nothing for the association to change)."""

import re

from django.urls import reverse
from playwright.sync_api import Page, expect

from demo.leaders import EXISTING_LLE, HUB_COORDINATOR
from demo.region import DemoPerson, build_demo_region
from domain.accounts.models import User
from domain.accounts.roles import Role
from domain.leaders.models import Association, MemorandumAcceptance, MemorandumParty
from domain.leaders.workflows import AssociationStatus
from domain.organisations.models import AllianceMembership, Organisation
from domain.schools.models import School

from .steps import demo_person, sign_in

AIRE = "Aire Valley Teaching School Alliance"
HUB = "Pennine Teaching School Hub"
DREW = EXISTING_LLE.full_name
DREWS_SCHOOL = EXISTING_LLE.school  # Beckside Church of England Primary School
AIRE_MESSAGE = "We broker support for primary schools across Leeds, and would like you to work with us."


def drew() -> DemoPerson:
    return DemoPerson(EXISTING_LLE.email, DREW, Role.SYSTEM_LEADER, DREWS_SCHOOL)


def hub_coordinator() -> DemoPerson:
    email, name, organisation = HUB_COORDINATOR
    return DemoPerson(email, name, Role.TSA_COORDINATOR, organisation)


def drews_row(page: Page):
    return page.locator("tbody tr", has_text=DREW)


# Given -------------------------------------------------------------------------------------------


def given_drews_school_is_not_a_member_of_aire() -> None:
    AllianceMembership.objects.filter(alliance__name=AIRE, school__name=DREWS_SCHOOL).delete()
    assert not AllianceMembership.objects.filter(alliance__name=AIRE, school__name=DREWS_SCHOOL).exists()


# When --------------------------------------------------------------------------------------------


def when_a_coordinator_finds_drew_on_the_regional_list(page: Page) -> None:
    page.goto(reverse("alliance:leaders"))
    page.get_by_role("link", name="Invite leaders from the regional list").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Regional list of system leaders")
    page.get_by_label("Name", exact=True).fill("Drew")
    page.get_by_role("button", name="Apply filters").click()
    expect(drews_row(page)).to_have_count(1)


def when_aire_invites_drew_with_a_message(page: Page) -> None:
    when_a_coordinator_finds_drew_on_the_regional_list(page)
    expect(drews_row(page)).to_contain_text("Not associated")
    expect(drews_row(page)).to_contain_text(DREWS_SCHOOL)
    page.get_by_label(f"Select {DREW}").check()
    page.get_by_label("Message to send with the invitations (optional)").fill(AIRE_MESSAGE)
    page.get_by_role("button", name="Invite selected leaders").click()
    expect(page.get_by_text("1 leader invited")).to_be_visible()
    expect(drews_row(page)).to_contain_text("Invitation or request open")
    expect(page.get_by_label(f"Select {DREW}")).to_have_count(0)  # one open invitation from Aire is enough


def when_drew_declines_the_hubs_invitation(page: Page) -> None:
    page.get_by_role("button", name=f"Decline the invitation from {HUB}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Decline the invitation from {HUB}")
    page.get_by_label("Why? (optional)").fill("I work with schools in the Aire valley")
    page.get_by_role("button", name="Decline the invitation").click()
    expect(page.get_by_text(f"You declined the invitation from {HUB}")).to_be_visible()


def when_drew_accepts_aires_invitation(page: Page) -> None:
    page.goto(reverse("leader:association"))
    page.get_by_role("button", name=f"Accept the invitation from {AIRE}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Accept the invitation from {AIRE}")
    expect(page.get_by_text(AIRE_MESSAGE)).to_be_visible()
    page.get_by_role("button", name="Accept the invitation").click()
    expect(page.get_by_text(f"You are now associated with {AIRE}")).to_be_visible()


def when_drew_reads_and_accepts_the_memorandum(page: Page) -> None:
    expect(page).to_have_url(
        re.compile(re.escape(reverse("leader:memorandum")) + "$")
    )  # where accepting the invitation leads
    expect(page.get_by_test_id("memorandum-body")).not_to_be_empty()
    page.get_by_label("I have read and accept the memorandum").check()
    page.get_by_role("button", name="Accept the memorandum").click()
    expect(page.get_by_text("of the memorandum of understanding")).to_be_visible()
    expect(page.get_by_role("button", name="Accept the memorandum")).to_have_count(0)


def when_the_hub_sends_its_invitation_from_the_page_it_had_open(page: Page) -> None:
    """The hub's coordinator ticks Drew on the list read before Drew accepted Aire's invitation."""
    page.get_by_label(f"Select {DREW}").check()
    page.get_by_label("Message to send with the invitations (optional)").fill("Would you reconsider working with us?")
    page.get_by_role("button", name="Invite selected leaders").click()


def when_aire_accepts_the_memorandum_for_the_alliance(page: Page) -> None:
    page.goto(reverse("alliance:leaders"))
    associated = page.get_by_role("table", name=f"Leaders associated with {AIRE}")
    expect(associated.locator("tr", has_text=DREW)).to_contain_text("Waiting for acceptance")
    associated.get_by_role("link", name=DREW).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DREW)
    expect(summary_value(page, "The leader")).to_contain_text("Accepted on")
    page.get_by_role("button", name=f"Accept the memorandum for {AIRE}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Memorandum of understanding")
    page.get_by_label("of the memorandum and accept it for").check()
    page.get_by_role("button", name=f"Accept the memorandum for {AIRE}").click()
    expect(page.get_by_text(f"You accepted the memorandum for {AIRE}")).to_be_visible()


def summary_value(page: Page, key: str):
    row = page.locator(".govuk-summary-list__row", has=page.locator(".govuk-summary-list__key", has_text=key))
    return row.locator(".govuk-summary-list__value")


# Then --------------------------------------------------------------------------------------------


def then_drew_sees_both_invitations(page: Page) -> None:
    page.goto(reverse("leader:association"))
    expect(page.get_by_text("You are not associated with an alliance, hub or grouping.")).to_be_visible()
    invitations = page.get_by_test_id("invitation")
    expect(invitations).to_have_count(2)
    aire = invitations.filter(has=page.get_by_role("heading", name=AIRE))
    expect(aire).to_contain_text(AIRE_MESSAGE)
    expect(aire).to_contain_text(demo_person(Role.TSA_COORDINATOR).full_name)
    hub = invitations.filter(has=page.get_by_role("heading", name=HUB))
    expect(hub).to_contain_text("We broker support across Bradford and Calderdale.")


def then_the_hub_could_invite_drew(page: Page) -> None:
    """Drew declined the hub's first invitation, so the hub's list offers to invite him again."""
    expect(drews_row(page)).to_contain_text("Not associated")
    expect(drews_row(page)).not_to_contain_text("Invitation or request open")
    expect(page.get_by_label(f"Select {DREW}")).to_have_count(1)


def then_the_hubs_invitation_is_refused_saying_why(page: Page) -> None:
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(f"{DREW} is already associated with {AIRE}")
    expect(summary).to_contain_text("they would need to end or transfer it first")
    expect(page.get_by_text("leader invited")).to_have_count(0)
    # The list now shows where Drew stands, with no way to invite him.
    expect(drews_row(page)).to_contain_text(AIRE)
    expect(page.get_by_label(f"Select {DREW}")).to_have_count(0)


def then_the_refused_hub_sees_drew_associated_with_aire(page: Page) -> None:
    """Coming back to the list later, the hub's coordinator sees why there is nobody to invite."""
    when_a_coordinator_finds_drew_on_the_regional_list(page)
    expect(drews_row(page)).to_contain_text(AIRE)
    expect(page.get_by_label(f"Select {DREW}")).to_have_count(0)
    expect(page.get_by_role("button", name="Invite selected leaders")).to_have_count(0)


def then_both_sides_have_accepted_the_memorandum(aire_page: Page, drew_page: Page) -> None:
    expect(summary_value(aire_page, "The leader")).to_contain_text("Accepted on")
    expect(summary_value(aire_page, AIRE)).to_contain_text(f"by {aire_coordinator_name()}")
    aire_page.goto(reverse("alliance:leaders"))
    associated = aire_page.get_by_role("table", name=f"Leaders associated with {AIRE}")
    expect(associated.locator("tr", has_text=DREW)).to_contain_text("Accepted by both")

    drew_page.goto(reverse("leader:association"))
    expect(summary_value(drew_page, "Associated with")).to_contain_text(AIRE)
    status = drew_page.get_by_test_id("memorandum-status")
    expect(status).to_contain_text("You: accepted version")
    expect(status).to_contain_text(f"{AIRE}: accepted version")
    expect(drew_page.get_by_test_id("invitation")).to_have_count(0)


def aire_coordinator_name() -> str:
    return demo_person(Role.TSA_COORDINATOR).full_name


def then_the_register_holds_one_association_and_aire_has_drews_school() -> None:
    leader = User.objects.get(email=EXISTING_LLE.email)
    active = Association.objects.filter(leader=leader, status=AssociationStatus.ACTIVE)
    assert [a.organisation.name for a in active] == [AIRE]
    association = active.get()
    assert set(MemorandumAcceptance.objects.filter(association=association).values_list("party", flat=True)) == {
        MemorandumParty.LEADER,
        MemorandumParty.ORGANISATION,
    }
    hub = Organisation.objects.get(name=HUB)
    # The hub's first invitation, declined; the refused one left nothing behind.
    assert list(Association.objects.filter(leader=leader, organisation=hub).values_list("status", flat=True)) == [
        AssociationStatus.DECLINED
    ]
    school = School.objects.get(name=DREWS_SCHOOL)
    assert AllianceMembership.objects.filter(alliance=association.organisation, school=school).exists()
    assert not AllianceMembership.objects.filter(alliance=hub, school=school).exists()


# The journey -------------------------------------------------------------------------------------


def test_an_alliance_invites_an_existing_leader_and_a_second_alliance_is_refused(new_context):
    build_demo_region()
    given_drews_school_is_not_a_member_of_aire()

    aire = new_context(label="Aire's coordinator").new_page()
    sign_in(aire, demo_person(Role.TSA_COORDINATOR))
    when_aire_invites_drew_with_a_message(aire)

    leader = new_context(label="Drew, the LLE").new_page()
    sign_in(leader, drew())
    then_drew_sees_both_invitations(leader)
    when_drew_declines_the_hubs_invitation(leader)

    hub = new_context(label="The hub's coordinator").new_page()
    sign_in(hub, hub_coordinator())
    when_a_coordinator_finds_drew_on_the_regional_list(hub)
    then_the_hub_could_invite_drew(hub)

    when_drew_accepts_aires_invitation(leader)
    when_drew_reads_and_accepts_the_memorandum(leader)

    when_the_hub_sends_its_invitation_from_the_page_it_had_open(hub)
    then_the_hubs_invitation_is_refused_saying_why(hub)
    then_the_refused_hub_sees_drew_associated_with_aire(hub)

    when_aire_accepts_the_memorandum_for_the_alliance(aire)
    then_both_sides_have_accepted_the_memorandum(aire, leader)
    then_the_register_holds_one_association_and_aire_has_drews_school()
