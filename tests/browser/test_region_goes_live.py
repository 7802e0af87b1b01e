"""Journey: a region goes live with the organisations and leaders it already has (issue 12, "Done when").

As the regional representative, I want to record the strategic grouping our alliances formed, give
the teaching school hub its lead school and invite the hub's coordinator, so that the hub can run
the programme on the service. As that coordinator, I want to load the leaders the hub already has
from the spreadsheet we keep, see which rows are wrong before anything is saved, and approve their
pen portraits, so that they are in the regional list, in the public directory and ranked when a
school asks for support (seed 001: leaders designated through the pilot or the national programme
stay designated; seed 003: hubs replace teaching schools).

The people are the demo region's representative, Morgan Ashdown, and a new coordinator of the
Humber hub, Taylor Brigham, who joins through the e-mailed invitation and sets up an authenticator
app (staff roles need a second factor: ADR 7).

Set-up done outside the browser: the demo region; the Humber alliance and hub as the published
teaching schools directory and hubs list would make them (no grouping, no lead school); after the
import, the days one leader offers in the spring term (a leader's own page, covered elsewhere); and
a school's request for support that its local authority referred to the hub."""

import base64
import csv
import datetime as dt
import io
import re

from django_otp.oath import totp
from playwright.sync_api import Page, expect

from demo.region import build_demo_region
from domain.accounts.models import User
from domain.accounts.roles import Role
from domain.commissioning import request_services
from domain.commissioning.models import ReferrerKind, Route
from domain.designation.models import Designation
from domain.leaders.availability_services import availability_set
from domain.leaders.models import Association, Term
from domain.organisations.models import Organisation, OrganisationKind, Region
from domain.schools.models import School

from .steps import demo_person, sign_in

GROUPING = "Humber Strategic Alliance Group"
ALLIANCE = "Humber Teaching School Alliance"
HUB = "Humber Teaching School Hub"
LEAD_SCHOOL = "Larchwood Primary School"
COORDINATOR, COORDINATOR_EMAIL = "Taylor Brigham", "taylor.brigham@humber-hub.test"
PASSWORD = "a long and memorable passphrase 2026"
BAD_ROW = 7  # the spreadsheet's row 7 (its sixth leader) names a school that is not on the register
RANKED = "Quinn Ashby"  # the leader who is ranked at the panel meeting
SPRING = Term.of(2026, "spring")
REFERRAL = "The headteacher has asked for help to lead a new leadership team in its first year."


# Given -------------------------------------------------------------------------------------------


def given_the_published_lists_made_the_humber_alliance_and_hub() -> None:
    region = Region.objects.get(code="YH")
    Organisation.objects.create(name=ALLIANCE, kind=OrganisationKind.TSA, region=region, code="HUMBER-TSA")
    Organisation.objects.create(
        name=HUB, kind=OrganisationKind.HUB, region=region, code="YH9", districts=["Kingston upon Hull, City of"]
    )


def leaders_spreadsheet(*, fixed: bool) -> bytes:
    """The hub's own list of its 20 leaders, in the template's columns. Unless `fixed`, the sixth
    leader's school URN has a digit missing."""
    urns = {s.name: s.urn for s in School.objects.all()}
    rows = []
    people = [
        (RANKED, "lle", "", "Calder Bridge Academy", "National programme"),
        ("Rowan Fairburn", "lle", "", "Larchwood Primary School", "2014 to 2015 pilot"),
        ("Ellis Marsden", "sle", "Maths; Closing the gap", "Kingsmead Secondary Academy", "Alliance or hub"),
        ("Harper Linton", "sle", "Phonics", "Larchwood Primary School", "Alliance or hub"),
        ("Sasha Weston", "nle", "", "Kingsmead Secondary Academy", "National programme"),
        ("Devon Thirsk", "lle", "", "Juniper Grove Primary Academy", "2014 to 2015 pilot"),
        ("Jamie Holme", "sle", "Early years", "Ivydene Nursery School", "Alliance or hub"),
        ("Frankie Ripley", "lle", "", "Calder Bridge Academy", "2014 to 2015 pilot"),
        ("Remy Whitby", "sle", "English", "Kingsmead Secondary Academy", "Alliance or hub"),
        ("Kit Selby", "nlg", "", "Larchwood Primary School", "National programme"),
        ("Morgan Ilkley", "sle", "Science", "Calder Bridge Academy", "Alliance or hub"),
        ("Avery Goole", "lle", "", "Elmfield Infant School", "2014 to 2015 pilot"),
        (
            "Blake Howden",
            "sle",
            "Leadership of continuing professional development",
            "Juniper Grove Primary Academy",
            "Alliance or hub",
        ),
        ("Charlie Beverley", "lle", "", "Kingsmead Secondary Academy", "National programme"),
        ("Dana Pocklington", "sle", "Special educational needs", "Fernhill Special School", "Alliance or hub"),
        ("Emery Hornsea", "lle", "", "Larchwood Primary School", "2014 to 2015 pilot"),
        ("Finley Brough", "sle", "Maths", "Larchwood Primary School", "Alliance or hub"),
        ("Gray Withernsea", "nle", "", "Calder Bridge Academy", "National programme"),
        ("Hollis Driffield", "sle", "Phonics; English", "Elmfield Infant School", "Alliance or hub"),
        ("Indigo Snaith", "lle", "", "Juniper Grove Primary Academy", "2014 to 2015 pilot"),
    ]
    for number, (name, role, specialisms, school, source) in enumerate(people, start=2):
        urn = str(urns[school])
        if number == BAD_ROW and not fixed:
            urn = urn[:-1]
        rows.append(
            {
                "Full name": name,
                "Email address": name.lower().replace(" ", ".") + "@humber-leaders.test",
                "Role": role.upper(),
                "Specialisms": specialisms,
                "Phases": "",
                "School URN": urn,
                "Designated through": source,
                "Designated on": "1 September 2015" if "pilot" in source else "12 March 2024",
                "Term ends": "",
                "Associated with": HUB,
                "Pen portrait": f"{name} has led school improvement across the Humber for many years.",
            }
        )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def given_the_ranked_leader_offers_days_in_the_spring_term() -> None:
    leader = User.objects.get(full_name=RANKED)
    availability_set(actor=leader, leader=leader, term=SPRING, days="10")


def given_a_local_authority_referred_a_school_to_the_hub() -> str:
    commissioner = User.objects.get(email=demo_person(Role.COMMISSIONER).email)
    request = request_services.request_submit(
        actor=commissioner,
        school=School.objects.get(name="Kingsmead Secondary Academy"),
        values={
            "needs": ["curriculum_leadership"],
            "phase": "secondary",
            "role_sought": "lle",
            "description": REFERRAL,
            "days": "4",
            "pattern": "spread",
            "window_starts": dt.date(2027, 1, 11),
            "window_ends": dt.date(2027, 3, 26),
            "funding": "client_pays",
            "consent_to_share": True,
        },
        referrer_kind=ReferrerKind.LOCAL_AUTHORITY,
        referrer_organisation=Organisation.objects.get(code="DEMO-LA"),
        preferred_organisation=Organisation.objects.get(name=HUB),
        route=Route.REFERRAL,
    )
    return request.reference


# When: the regional representative --------------------------------------------------------------


def open_organisation(page: Page, name: str) -> None:
    page.get_by_role("link", name="Regional admin").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisations")
    page.get_by_label("Name or code").fill(name)
    page.get_by_role("button", name="Show organisations").click()
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def when_the_representative_records_the_strategic_grouping(page: Page) -> None:
    page.get_by_role("link", name="Regional admin").click()
    page.get_by_role("button", name="Add an organisation").click()
    page.get_by_role("group", name="What kind of organisation is it?").get_by_label("Strategic grouping").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Name", exact=True).fill(GROUPING)
    page.get_by_role("group", name="Member alliances").get_by_label(ALLIANCE).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the organisation's details")
    expect(page.locator(".govuk-summary-list")).to_contain_text(ALLIANCE)
    page.get_by_role("button", name="Add the organisation").click()
    expect(page.get_by_text(f"{GROUPING} has been added")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(GROUPING)
    expect(page.locator("main")).to_contain_text(ALLIANCE)


def when_the_representative_sets_the_hubs_lead_school(page: Page) -> None:
    open_organisation(page, HUB)
    page.get_by_role("link", name="Change lead school").click()
    page.get_by_label("Lead school").fill("Larchwood")
    page.get_by_role("button", name="Save lead school").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(HUB)
    expect(page.locator(".govuk-summary-list")).to_contain_text(LEAD_SCHOOL)


def when_the_representative_invites_the_hubs_coordinator(page: Page) -> None:
    page.get_by_role("button", name="Add a person").click()
    page.get_by_label("Full name").fill(COORDINATOR)
    page.get_by_label("Email address").fill(COORDINATOR_EMAIL)
    page.get_by_label("Role").select_option(label="TSA or hub coordinator")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(HUB)
    expect(page.get_by_role("link", name=COORDINATOR, exact=True)).to_be_visible()


# When: the hub's coordinator ---------------------------------------------------------------------


def code_for_key(secret_base32: str) -> str:
    padded = secret_base32 + "=" * (-len(secret_base32) % 8)
    return f"{totp(base64.b32decode(padded)):06d}"


def link_emailed_to(mailoutbox, email: str) -> str:
    message = next(m for m in reversed(mailoutbox) if m.to == [email])
    # The link's path: the e-mail names the service's public address, the test's server is local.
    return re.search(r"/account/invitation/[^\s/]+/", message.body).group(0)


def when_the_coordinator_accepts_and_sets_up_an_authenticator_app(page: Page, mailoutbox) -> None:
    page.goto(link_emailed_to(mailoutbox, COORDINATOR_EMAIL))
    expect(page.get_by_role("heading", level=1)).to_have_text("Accept your invitation")
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_label("Confirm your password").fill(PASSWORD)
    page.get_by_role("button", name="Save the password and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")
    secret = page.get_by_test_id("totp-secret").inner_text().strip()
    page.get_by_label("Code").fill(code_for_key(secret))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your home page")


def upload(page: Page, content: bytes) -> None:
    page.get_by_label("Upload a spreadsheet of existing leaders").set_input_files(
        {"name": "humber-leaders.csv", "mimeType": "text/csv", "buffer": content}
    )
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the leaders to import")


def when_the_coordinator_uploads_the_hubs_leaders_and_fixes_the_bad_row(page: Page) -> None:
    page.get_by_role("link", name="Leaders", exact=True).click()
    page.get_by_role("link", name="Import existing leaders").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import existing leaders")
    upload(page, leaders_spreadsheet(fixed=False))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(f"Row {BAD_ROW}, column 'School URN'")
    expect(summary).to_contain_text("is not a school on the register")
    expect(page.get_by_role("button", name="Confirm and import")).to_have_count(0)
    assert not Designation.objects.filter(person__full_name=RANKED).exists()  # nothing written

    page.get_by_role("link", name="Fix the file and upload it again").click()
    upload(page, leaders_spreadsheet(fixed=True))
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    created = page.locator(".govuk-summary-list__row", has_text="Created")
    expect(created).to_contain_text("20 rows")
    page.get_by_role("button", name="Confirm and import").click()


def when_the_coordinator_approves_a_pen_portrait(page: Page, name: str) -> None:
    page.get_by_role("link", name="Leaders", exact=True).click()
    page.get_by_role("link", name=re.compile(r"^Pen portraits waiting for approval")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pen portraits waiting for approval")
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Pen portrait of {name}")
    page.get_by_role("button", name="Approve and publish").click()


def when_the_coordinator_takes_the_referral_to_a_panel_meeting(page: Page, reference: str) -> None:
    page.get_by_role("link", name="Support requests").click()
    row = page.locator("tbody tr", has_text=reference)
    row.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Request {reference}")
    page.get_by_role("button", name="Accept for matching").click()
    expect(page.get_by_text(f"{reference} is accepted for matching")).to_be_visible()

    page.get_by_role("link", name="Support requests").click()
    page.get_by_role("link", name="Schedule a panel meeting").click()
    group = page.get_by_role("group", name="Date")
    for label, value in zip(("Day", "Month", "Year"), ("3", "12", "2026"), strict=True):
        group.get_by_label(label).fill(value)
    page.get_by_label("Time", exact=True).fill("4pm")
    page.get_by_role("group", name="Members of the panel").get_by_label(COORDINATOR).check()
    page.get_by_role("button", name="Schedule the meeting").click()
    expect(page.get_by_text("The panel meeting is scheduled")).to_be_visible()
    page.get_by_role("group", name="Requests accepted for matching").get_by_role(
        "checkbox", name=re.compile(reference)
    ).check()
    page.get_by_role("button", name="Add to the agenda").click()
    expect(page.get_by_text(f"Added to the agenda: {reference}")).to_be_visible()


# Then --------------------------------------------------------------------------------------------


def then_the_leaders_are_on_the_hubs_list_and_the_regional_register(page: Page) -> None:
    expect(page.get_by_text("Existing leaders imported: 20 created, 0 updated, 0 unchanged.")).to_be_visible()
    page.get_by_role("link", name="Leaders", exact=True).click()
    for name in (RANKED, "Rowan Fairburn", "Devon Thirsk", "Indigo Snaith"):
        expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()
    assert Association.objects.filter(organisation__name=HUB, status="active").count() == 20
    page.get_by_role("link", name="Invite leaders from the regional list").click()
    expect(page.locator("main")).to_contain_text(RANKED)


def then_the_representative_sees_them_on_the_regional_register(page: Page) -> None:
    page.get_by_role("link", name="Leaders", exact=True).click()
    page.get_by_role("link", name="See the regional register of every leader").click()
    expect(page.locator("main")).to_contain_text(RANKED)
    expect(page.locator("main")).to_contain_text("Indigo Snaith")


def then_only_approved_leaders_are_in_the_directory(page: Page) -> None:
    page.goto("/")
    page.get_by_role("link", name="Search the school-to-school support directory").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a system leader")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("link", name=RANKED, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Rowan Fairburn", exact=True)).to_have_count(0)  # not yet approved


def then_the_imported_leader_is_ranked_for_the_referral(page: Page, reference: str) -> None:
    item = page.locator("section", has=page.get_by_role("heading", name=re.compile(reference)))
    ranked = item.get_by_role("table", name=re.compile(f"Ranked candidates for {reference}"))
    expect(ranked).to_contain_text(RANKED)


# The journey -------------------------------------------------------------------------------------


def test_a_region_goes_live_with_its_organisations_and_existing_leaders(new_context, mailoutbox):
    build_demo_region()
    given_the_published_lists_made_the_humber_alliance_and_hub()

    representative = new_context(label="The regional representative").new_page()
    sign_in(representative, demo_person(Role.REGIONAL_REPRESENTATIVE))
    when_the_representative_records_the_strategic_grouping(representative)
    when_the_representative_sets_the_hubs_lead_school(representative)
    when_the_representative_invites_the_hubs_coordinator(representative)

    coordinator = new_context(label="The hub's new coordinator").new_page()
    when_the_coordinator_accepts_and_sets_up_an_authenticator_app(coordinator, mailoutbox)
    when_the_coordinator_uploads_the_hubs_leaders_and_fixes_the_bad_row(coordinator)
    then_the_leaders_are_on_the_hubs_list_and_the_regional_register(coordinator)
    then_the_representative_sees_them_on_the_regional_register(representative)

    when_the_coordinator_approves_a_pen_portrait(coordinator, RANKED)
    public = new_context(label="A member of the public").new_page()
    then_only_approved_leaders_are_in_the_directory(public)

    given_the_ranked_leader_offers_days_in_the_spring_term()
    reference = given_a_local_authority_referred_a_school_to_the_hub()
    when_the_coordinator_takes_the_referral_to_a_panel_meeting(coordinator, reference)
    then_the_imported_leader_is_ranked_for_the_referral(coordinator, reference)
