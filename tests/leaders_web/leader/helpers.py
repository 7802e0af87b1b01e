"""Small readers of the leader pages' HTML."""

from bs4 import BeautifulSoup


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def errors(response) -> list[str]:
    """The messages in the GOV.UK error summary."""
    return [li.get_text(" ", strip=True) for li in soup(response).select(".govuk-error-summary__list li")]


def banner(response) -> str:
    found = soup(response).select_one(".govuk-notification-banner")
    return found.get_text(" ", strip=True) if found else ""


def main_text(response) -> str:
    return " ".join(soup(response).find("main").get_text(" ").split())
