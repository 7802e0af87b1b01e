"""The privacy notice, the cookies page, the accessibility statement and the help page: open to
everyone, linked from every page's footer, and saying what the code does (the retention table from
domain/audit/retention.py, the cookies from the settings)."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from domain.accounts.roles import Role
from domain.audit.retention import RULES
from tests.conftest import person_in_role
from web.public.legal import DEFAULT_CONTROLLER, duration, essential_cookies

pytestmark = pytest.mark.django_db

PAGES = ["public:privacy", "public:cookies", "public:accessibility", "public:help"]


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def text(response) -> str:
    return soup(response).get_text(" ", strip=True)


def footer_links(response) -> dict[str, str]:
    footer = soup(response).select_one(".govuk-footer")
    return {a.get_text(strip=True): a["href"] for a in footer.select(".govuk-footer__inline-list a")}


@pytest.mark.parametrize("name", PAGES)
def test_each_page_answers_everyone_signed_out(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert soup(response).h1.get_text(strip=True)


@pytest.mark.parametrize("name", PAGES)
def test_each_page_answers_someone_signed_in(client, name):
    client.force_login(person_in_role(Role.SYSTEM_LEADER), backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", ["public:start", "public:school-search", "accounts:sign-in", *PAGES])
def test_the_footer_links_help_and_the_three_pages_on_every_page(client, name):
    links = footer_links(client.get(reverse(name)))
    assert links == {
        "Help": reverse("public:help"),
        "Privacy": reverse("public:privacy"),
        "Cookies": reverse("public:cookies"),
        "Accessibility statement": reverse("public:accessibility"),
    }


def test_the_footer_is_on_a_signed_in_page_too(client):
    client.force_login(person_in_role(Role.SYSTEM_LEADER), backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    assert "Privacy" in footer_links(response)


# The privacy notice ------------------------------------------------------------------------------


def test_the_privacy_notice_shows_every_row_of_the_retention_table(client):
    table = soup(client.get(reverse("public:privacy"))).select_one("table#retention")
    rows = [[cell.get_text(" ", strip=True) for cell in row.select("th, td")] for row in table.select("tbody tr")]
    assert rows == [[rule.record, rule.period, rule.at_end] for rule in RULES]


def test_the_privacy_notice_names_the_controller_the_deployment_sets(client):
    with override_settings(SERVICE_CONTROLLER_NAME="Example Regional Schools Board"):
        page = text(client.get(reverse("public:privacy")))
    assert "The data controller is Example Regional Schools Board." in page


def test_without_a_controller_name_the_notice_says_the_regional_body(client):
    with override_settings(SERVICE_CONTROLLER_NAME=""):
        page = text(client.get(reverse("public:privacy")))
    assert f"The data controller is {DEFAULT_CONTROLLER}." in page


def test_the_privacy_notice_covers_the_lawful_basis_sharing_rights_and_complaints(client):
    page = text(client.get(reverse("public:privacy")))
    for words in [
        "Public task",
        "Contract",
        "Legitimate interests",
        "regional board",
        "Department for Education",
        "GOV.UK Notify",
        "not sent outside the UK",
        "ask us to correct data that is wrong",
        "ask us to delete your data",
        "object to how we use your data",
        "Information Commissioner",
    ]:
        assert words in page, words


# The cookies page ----------------------------------------------------------------------------------


def cookie_rows(response) -> dict[str, list[str]]:
    table = soup(response).select_one("table#essential-cookies")
    return {
        row.th.get_text(strip=True): [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in table.select("tbody tr")
    }


def test_the_cookies_page_lists_the_cookies_the_settings_name(client):
    rows = cookie_rows(client.get(reverse("public:cookies")))
    assert settings.SESSION_COOKIE_NAME in rows
    assert settings.CSRF_COOKIE_NAME in rows
    assert rows[settings.CSRF_COOKIE_NAME][1] == "1 year"
    assert "signed out after 8 hours" in rows[settings.SESSION_COOKIE_NAME][1]


@override_settings(SESSION_COOKIE_NAME="__Host-sessionid", CSRF_COOKIE_NAME="__Host-csrftoken")
def test_the_cookies_page_follows_productions_cookie_names(client):
    rows = cookie_rows(client.get(reverse("public:cookies")))
    assert {"__Host-sessionid", "__Host-csrftoken"} <= set(rows)
    assert "sessionid" not in rows


def test_every_cookie_the_service_sets_is_on_the_cookies_page(client):
    """Signing in and using a form sets cookies: each must be listed."""
    from tests import factories

    factories.UserFactory(email="cookie.person@example.test")
    set_cookies = set(client.get(reverse("accounts:sign-in")).cookies)
    response = client.post(
        reverse("accounts:sign-in"), {"username": "cookie.person@example.test", "password": "correct-horse-battery"}
    )
    set_cookies |= set(response.cookies)
    listed = {cookie["name"] for cookie in essential_cookies()}
    assert set_cookies, "signing in set no cookie: the test would prove nothing"
    assert set_cookies <= listed


def test_the_cookies_page_says_there_are_no_analytics_and_no_banner(client):
    page = text(client.get(reverse("public:cookies")))
    assert "We do not use analytics cookies" in page
    assert "so we do not ask you to accept cookies" in page


@pytest.mark.parametrize(
    "seconds, words",
    [
        (60 * 60 * 8, "8 hours"),
        (31449600, "1 year"),
        (86400 * 2, "2 days"),
        (60, "1 hour"),
        (86400 * 365 * 2, "2 years"),
    ],
)
def test_cookie_lifetimes_in_words(seconds, words):
    assert duration(seconds) == words


# The accessibility statement -----------------------------------------------------------------------


def test_the_accessibility_statement_follows_the_model_statement(client):
    page = text(client.get(reverse("public:accessibility")))
    for words in [
        "How accessible this service is",
        "Reporting accessibility problems with this service",
        "Enforcement procedure",
        "Equality Advisory and Support Service (EASS)",
        "Technical information about this service’s accessibility",
        "partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard",
        "PDF",
        "axe",
        "This statement was prepared on 6 December 2026",
    ]:
        assert words in page, words


def test_the_accessibility_statement_starts_a_sentence_with_a_capital(client):
    with override_settings(SERVICE_CONTROLLER_NAME=""):
        page = text(client.get(reverse("public:accessibility")))
    assert "The regional body that runs this service is committed" in page


def test_the_accessibility_statement_names_the_body_that_runs_the_service_when_set(client):
    with override_settings(SERVICE_CONTROLLER_NAME="Example Regional Schools Board"):
        page = text(client.get(reverse("public:accessibility")))
    assert "This service is run by Example Regional Schools Board." in page
    with override_settings(SERVICE_CONTROLLER_NAME=""):
        page = text(client.get(reverse("public:accessibility")))
    assert "This service is run by" not in page


# Help, feedback and the phase banner ----------------------------------------------------------------


def phase_banner(response):
    return soup(response).select_one(".govuk-phase-banner")


@pytest.mark.parametrize("name", ["public:start", "directory:search", "accounts:sign-in"])
def test_the_phase_banner_asks_for_feedback_on_the_help_page(client, name):
    banner = phase_banner(client.get(reverse(name)))
    # Not "Give your feedback": a deployment's page has a link of that name to its feedback form.
    link = banner.find("a", string="give your feedback on this service")
    assert link["href"] == reverse("public:help") + "#feedback"
    help_page = soup(client.get(link["href"]))
    assert help_page.find(id="feedback").get_text(strip=True) == "Give feedback"


def test_the_phase_banner_says_the_data_is_made_up_only_where_the_demo_may_be_loaded(client, settings):
    settings.DEMO_DATA_ALLOWED = True
    assert "The people, schools and alliances shown are made up." in phase_banner(client.get("/")).get_text(" ")
    settings.DEMO_DATA_ALLOWED = False
    banner = phase_banner(client.get("/")).get_text(" ", strip=True)
    assert "made up" not in banner and "Demo" not in banner
    assert banner.startswith("Alpha This is a new service.")


@override_settings(SERVICE_SUPPORT_EMAIL="help@school-to-school-support.example")
def test_the_help_page_gives_the_teams_email_for_help_and_for_feedback(client):
    page = soup(client.get(reverse("public:help")))
    mailtos = [a["href"] for a in page.select("a[href^='mailto:']")]
    assert mailtos[0] == "mailto:help@school-to-school-support.example"
    assert (
        mailtos[1] == "mailto:help@school-to-school-support.example?subject=Feedback%20on%20School-to-school%20support"
    )
    assert "regional representative at" not in page.get_text(" ")


@override_settings(SERVICE_SUPPORT_EMAIL="", SERVICE_CONTROLLER_NAME="the Example Regional Board")
def test_without_a_support_email_the_help_page_names_the_regional_representative(client):
    page = soup(client.get(reverse("public:help")))
    assert page.select("a[href^='mailto:']") == []
    assert "contact your regional representative at the Example Regional Board" in page.get_text(" ", strip=True)


def test_the_help_page_offers_a_password_reset_signed_out_and_the_account_signed_in(client):
    signed_out = soup(client.get(reverse("public:help")))
    assert signed_out.find("a", href=reverse("accounts:password-reset"))
    client.force_login(person_in_role(Role.SYSTEM_LEADER), backend="django.contrib.auth.backends.ModelBackend")
    signed_in = soup(client.get(reverse("public:help")))
    assert signed_in.find("a", href=reverse("accounts:account"))
    assert not signed_in.find("a", href=reverse("accounts:password-reset"))
