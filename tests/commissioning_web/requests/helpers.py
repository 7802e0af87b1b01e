"""Readers of the pages' HTML, and the answers of a complete request."""

import datetime as dt

from bs4 import BeautifulSoup


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def errors(response) -> list[str]:
    """The messages in the GOV.UK error summary."""
    return [li.get_text(" ", strip=True) for li in soup(response).select(".govuk-error-summary__list li")]


def inline_errors(response) -> list[str]:
    return [
        " ".join(p.get_text(" ", strip=True).replace("Error:", "").split())
        for p in soup(response).select(".govuk-error-message")
    ]


def banner(response) -> str:
    found = soup(response).select_one(".govuk-notification-banner")
    return found.get_text(" ", strip=True) if found else ""


def main_text(response) -> str:
    return " ".join(soup(response).find("main").get_text(" ").split())


def answers(school=None, **changes) -> dict:
    """A complete request as the form posts it (the frozen clock's today is 22 November 2026)."""
    starts, ends = dt.date(2027, 1, 11), dt.date(2027, 3, 26)
    data = {
        "needs": ["maths", "closing_the_gap"],
        "phase": "primary",
        "role_sought": "sle",
        "description": "Maths leadership after a weak year for Key Stage 2.",
        "days": "6",
        "pattern": "spread",
        "window_starts-day": starts.day,
        "window_starts-month": starts.month,
        "window_starts-year": starts.year,
        "window_ends-day": ends.day,
        "window_ends-month": ends.month,
        "window_ends-year": ends.year,
        "funding": "client_pays",
        "preferred_organisation": "",
        "consent_to_share": "on",
    }
    if school is not None:
        data["school"] = str(school.pk)
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
