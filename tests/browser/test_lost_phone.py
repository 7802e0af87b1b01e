"""Journey: a coordinator has lost their phone; the regional representative resets their second
factor, and the coordinator sets up a new authenticator app (issue 12, part 3; ADR 7: "A lost
phone is reset by a regional representative").

As a TSA coordinator who has lost the phone with my authenticator app, I want my regional
representative to reset my second factor, so that I can sign in again with a new app. As the
regional representative, I want to find the coordinator through their organisation's page and
record why I reset it, so that the change is on the record. The coordinator was still signed in on
another computer: the reset signs them out there too, since whoever has the phone may have it.

The people are the demo region's: Morgan Ashdown, the regional representative, and Robin
Castleford, Aire Valley Teaching School Alliance's coordinator. The code of the new app is
computed from the key the set-up page shows, as an authenticator app would."""

import base64
import re

from django_otp.oath import totp
from playwright.sync_api import Page, expect

from demo.region import build_demo_region
from domain.accounts.roles import Role
from domain.audit.models import AuditEvent

from .steps import demo_person, sign_in, sign_in_with_password

AIRE = "Aire Valley Teaching School Alliance"
REASON = "Robin rang from the alliance office: phone lost on a school visit. Checked by calling back."


def code_for_key(secret_base32: str) -> str:
    padded = secret_base32 + "=" * (-len(secret_base32) % 8)
    return f"{totp(base64.b32decode(padded)):06d}"


# When --------------------------------------------------------------------------------------------


def when_the_representative_finds_the_coordinator_through_their_organisation(page: Page) -> None:
    page.get_by_role("link", name="Regional admin").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisations")
    page.get_by_label("Name or code").fill("Aire Valley")
    page.get_by_role("button", name="Show organisations").click()
    page.get_by_role("link", name=AIRE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(AIRE)
    page.get_by_role("link", name=demo_person(Role.TSA_COORDINATOR).full_name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(demo_person(Role.TSA_COORDINATOR).full_name)
    expect(page.get_by_text("Set up", exact=True)).to_be_visible()


def when_they_reset_the_second_factor_with_a_reason(page: Page) -> None:
    page.get_by_role("button", name="Reset their second factor").click()
    name = demo_person(Role.TSA_COORDINATOR).full_name
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Reset {name}'s second factor")
    page.get_by_role("button", name="Reset their second factor").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter why you are resetting their second factor")
    page.get_by_label("Why are you resetting it?").fill(REASON)
    page.get_by_role("button", name="Reset their second factor").click()


def when_the_coordinator_signs_in_with_their_password(page: Page) -> None:
    sign_in_with_password(page, demo_person(Role.TSA_COORDINATOR).email)


def when_they_set_up_a_new_authenticator_app(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")
    secret = page.get_by_test_id("totp-secret").inner_text().strip()
    page.get_by_label("Code").fill(code_for_key(secret))
    page.get_by_role("button", name="Continue").click()


# Then --------------------------------------------------------------------------------------------


def then_the_representative_sees_it_done(page: Page) -> None:
    expect(page.get_by_text("second factor has been reset and they have been signed out everywhere")).to_be_visible()
    expect(page.get_by_text("Not set up", exact=True)).to_be_visible()
    event = AuditEvent.objects.get(action="accounts.two_factor.reset")
    assert event.reason == REASON and event.actor.email == demo_person(Role.REGIONAL_REPRESENTATIVE).email


def then_the_coordinator_is_signed_out_in_their_other_browser(page: Page) -> None:
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page).to_have_url(re.compile(r"/account/sign-in/"))


def then_they_reach_their_home_page(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Your home page")
    expect(page.get_by_text("Your authenticator app is set up")).to_be_visible()
    expect(page.get_by_text("Your authenticator app has been reset").first).to_be_visible()


# The journey -------------------------------------------------------------------------------------


def test_a_lost_phone_is_reset_and_a_new_authenticator_is_set_up(new_context):
    build_demo_region()
    coordinator = demo_person(Role.TSA_COORDINATOR)

    elsewhere = new_context(label="The coordinator's other computer").new_page()
    sign_in(elsewhere, coordinator)
    elsewhere.get_by_role("link", name="Home").click()
    expect(elsewhere.get_by_role("heading", level=1)).to_have_text("Your home page")

    representative = new_context(label="The regional representative").new_page()
    sign_in(representative, demo_person(Role.REGIONAL_REPRESENTATIVE))
    when_the_representative_finds_the_coordinator_through_their_organisation(representative)
    when_they_reset_the_second_factor_with_a_reason(representative)
    then_the_representative_sees_it_done(representative)

    then_the_coordinator_is_signed_out_in_their_other_browser(elsewhere)

    page = new_context(label="The coordinator, with a new phone").new_page()
    page.goto("/")
    when_the_coordinator_signs_in_with_their_password(page)
    when_they_set_up_a_new_authenticator_app(page)
    then_they_reach_their_home_page(page)
