"""A leader's public page, an alliance's page and its embed, and what never appears on them."""

import datetime as dt

import pytest
from django.urls import reverse

from domain.leaders import availability_services as availability
from domain.leaders import portrait_services as portraits
from domain.leaders.models import PenPortrait
from domain.organisations.models import OrganisationKind
from tests import factories

from .builders import alliance, listed_leader

pytestmark = pytest.mark.django_db


def build_demo_region_once() -> dict:
    from demo.region import build_demo_region
    from domain.accounts.models import User

    build_demo_region()
    return {
        "awaiting": User.objects.get(email="sle.english@demo.test"),
        "existing_lle": User.objects.get(email="existing.lle@demo.test"),
        "sle": User.objects.get(email="sle.maths@demo.test"),
    }


def leader_url(entry):
    return reverse("directory:leader", kwargs={"leader_id": entry.leader_id})


@pytest.fixture
def aire():
    return alliance("Aire Valley Alliance", website="www.aire-valley.example")


def test_a_leaders_page_shows_the_published_pen_portrait(client, aire):
    school = factories.SchoolFactory(name="Beckside Primary School")
    entry = listed_leader(
        aire, name="Jamie Oakroyd", role="sle", specialisms=["maths", "send"], phases=["primary"], school=school
    )
    response = client.get(leader_url(entry))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Jamie Oakroyd</h1>' in html
    assert "Specialist leader of education (SLE)" in html
    assert "Maths" in html and "Special educational needs" in html and "Primary" in html
    assert "Headteacher for six years" in html and "A two-form entry primary school." in html
    assert "Leeds and Bradford" in html
    assert f'href="{reverse("public:school-detail", kwargs={"urn": school.urn})}"' in html


def test_a_leader_who_is_not_listed_is_not_found(client, aire):
    unknown = factories.UserFactory()
    assert client.get(reverse("directory:leader", kwargs={"leader_id": unknown.pk})).status_code == 404


def test_a_pen_portrait_waiting_for_approval_is_never_public(client, aire):
    entry = listed_leader(aire, name="Riley Ashworth")
    draft = portraits.portrait_save_draft(
        actor=entry.leader,
        values={"experience": "A NEW UNAPPROVED TEXT", "specialisms": [], "phases": ["primary"]},
    )
    portraits.portrait_submit(actor=entry.leader, portrait=draft)
    html = client.get(leader_url(entry)).content.decode()
    assert "A NEW UNAPPROVED TEXT" not in html
    assert "Headteacher for six years" in html  # the published version is still shown


def test_a_leader_whose_only_pen_portrait_waits_for_approval_is_not_found(client):
    demo = build_demo_region_once()
    waiting = demo["awaiting"]
    assert PenPortrait.objects.filter(leader=waiting, status="submitted").exists()
    assert client.get(reverse("directory:leader", kwargs={"leader_id": waiting.pk})).status_code == 404
    # Nor is an LLE who is not associated with a teaching school (seed 003: no route to contact).
    existing = demo["existing_lle"]
    assert client.get(reverse("directory:leader", kwargs={"leader_id": existing.pk})).status_code == 404
    names = client.get(reverse("directory:search")).content.decode()
    assert waiting.full_name not in names and existing.full_name not in names


def test_a_member_of_the_public_finds_a_demo_leader_by_specialism_near_a_school(client):
    demo = build_demo_region_once()
    response = client.get(reverse("directory:search"), {"specialism": "maths", "school": "Dalesway High School"})
    html = response.content.decode()
    assert "Jamie Oakroyd" in html and "Nearest first to" in html
    assert "Taylor Whitcliffe" not in html  # no maths
    page = client.get(reverse("directory:leader", kwargs={"leader_id": demo["sle"].pk})).content.decode()
    assert 'Through <a class="govuk-link" href="/directory/organisations/' in page
    assert "Aire Valley Teaching School Alliance" in page


def test_a_withdrawn_pen_portrait_takes_the_leader_out_of_the_directory(client, aire):
    entry = listed_leader(aire, name="Withdrawn Leader")
    portrait = PenPortrait.objects.get(leader=entry.leader, status="published")
    portraits.portrait_withdraw(actor=aire.coordinator, portrait=portrait, reason="Left the school")
    assert client.get(leader_url(entry)).status_code == 404
    assert "Withdrawn Leader" not in client.get(reverse("directory:search")).content.decode()


def test_no_private_data_reaches_the_public_pages(client, aire):
    entry = listed_leader(aire, name="Private Person")
    leader = entry.leader
    leader.email = "private.person@secret.example"
    leader.save()
    availability.unavailable_add(
        actor=leader,
        leader=leader,
        starts_on=dt.date(2027, 1, 4),
        ends_on=dt.date(2027, 2, 1),
        reason="CONFIDENTIAL MEDICAL REASON",
    )
    pages = [
        leader_url(entry),
        reverse("directory:search"),
        reverse("directory:search") + "?q=private",
        reverse("directory:organisation", kwargs={"organisation_id": aire.pk}),
        reverse("directory:organisation-embed", kwargs={"organisation_id": aire.pk}),
        reverse("directory:download", kwargs={"fmt": "csv"}),
    ]
    for url in pages:
        content = client.get(url).content.decode("utf-8-sig")
        assert "Private Person" in content, url
        assert "private.person@secret.example" not in content, url
        assert "@secret.example" not in content, url
        assert "CONFIDENTIAL MEDICAL REASON" not in content, url
        assert "2027" not in content, url  # nor when they are away


# The route to contact ---------------------------------------------------------------------------


def test_an_lle_is_contacted_through_their_teaching_school_never_directly(client, aire):
    entry = listed_leader(aire, name="Alex Local", role="lle", public_contact="alex.direct@example.test")
    html = client.get(leader_url(entry)).content.decode()
    route = html.split('id="contact-route"', 1)[1].split("</div>", 1)[0]
    assert "Aire Valley Alliance" in route
    assert f'href="{reverse("directory:organisation", kwargs={"organisation_id": aire.pk})}"' in route
    assert "Lead school of Aire Valley Alliance" in route
    assert f'href="{reverse("public:school-detail", kwargs={"urn": aire.lead_school.urn})}"' in route
    assert 'href="http://www.aire-valley.example"' in route
    assert "contacted through their teaching school alliance or hub" in html
    # What an LLE writes as a direct contact is not shown: seed 003, through teaching schools.
    assert "alex.direct@example.test" not in html


def test_an_nle_may_also_be_contacted_as_they_publish(client):
    hub = alliance("Pennine Hub", kind=OrganisationKind.HUB)
    entry = listed_leader(hub, name="Taylor National", role="nle", public_contact="Through the head's office")
    route = client.get(leader_url(entry)).content.decode().split('id="contact-route"', 1)[1].split("</div>", 1)[0]
    assert "Pennine Hub" in route
    assert "Or directly: Through the head&#39;s office" in route


def test_an_nle_without_a_published_contact_is_reached_through_their_school(client):
    hub = alliance("Pennine Hub", kind=OrganisationKind.HUB)
    school = factories.SchoolFactory(name="Dalesway High School")
    entry = listed_leader(hub, name="Taylor National", role="nle", school=school)
    route = client.get(leader_url(entry)).content.decode().split('id="contact-route"', 1)[1].split("</div>", 1)[0]
    assert "Or through their school" in route and "Dalesway High School" in route


# An alliance's page and its embed ---------------------------------------------------------------


def test_an_alliances_page_lists_its_leaders_and_how_to_embed_it(client, aire):
    listed_leader(aire, name="Alex Local")
    listed_leader(alliance("Another Alliance"), name="Someone Else")
    url = reverse("directory:organisation", kwargs={"organisation_id": aire.pk})
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "System leaders of Aire Valley Alliance" in html
    assert "Alex Local" in html and "Someone Else" not in html
    embed = reverse("directory:organisation-embed", kwargs={"organisation_id": aire.pk})
    assert f"http://testserver{url}" in html
    assert f"&lt;iframe src=&#34;http://testserver{embed}&#34;" in html
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_an_alliance_with_nobody_listed_shows_an_empty_page(client, aire):
    html = client.get(reverse("directory:organisation", kwargs={"organisation_id": aire.pk})).content.decode()
    assert "No system leaders are listed yet" in html


@pytest.mark.parametrize("name", ["directory:organisation", "directory:organisation-embed"])
def test_an_organisation_that_brokers_no_leaders_is_not_found(client, name):
    council = factories.OrganisationFactory(kind=OrganisationKind.LOCAL_AUTHORITY)
    assert client.get(reverse(name, kwargs={"organisation_id": council.pk})).status_code == 404
    assert client.get(reverse(name, kwargs={"organisation_id": 999999})).status_code == 404


def test_the_embed_may_be_framed_by_any_website_and_opens_links_in_a_new_tab(client, aire):
    entry = listed_leader(aire, name="Alex Local")
    response = client.get(reverse("directory:organisation-embed", kwargs={"organisation_id": aire.pk}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "X-Frame-Options" not in response.headers
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors *" in policy
    assert "script-src 'self' 'nonce-" in policy  # the rest of the policy is unchanged
    assert "govuk-header" not in html and "govuk-footer" not in html and "govuk-service-navigation" not in html
    assert f'href="{leader_url(entry)}" target="_blank" rel="noopener">Alex Local (opens in new tab)' in html
    assert "dist/application.css" in html
