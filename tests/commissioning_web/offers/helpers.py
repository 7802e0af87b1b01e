"""Small readers of the offer pages' HTML."""

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


def assert_well_formed(response) -> None:
    """One h1, headings in order, no duplicate ids."""
    page = soup(response)
    levels = [int(h.name[1]) for h in page.find("main").find_all(["h1", "h2", "h3", "h4"])]
    assert levels[0] == 1 and levels.count(1) == 1, levels
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    ids = [tag["id"] for tag in page.select("[id]")]
    assert len(ids) == len(set(ids))
