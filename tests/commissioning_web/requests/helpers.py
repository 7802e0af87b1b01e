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
    """A complete request, every page's answers at once (the frozen clock's today is 22 November 2026)."""
    starts, ends = dt.date(2027, 1, 11), dt.date(2027, 3, 26)
    data = {
        "needs": ["maths", "closing_the_gap"],
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


# The pages of each route, in order, and the fields each posts.
PAGES = {
    "school": ("school",),
    "phase": ("phase",),
    "asking": ("referrer_kind",),
    "needs": ("needs",),
    "leader": ("role_sought",),
    "description": ("description",),
    "days": ("days", "pattern"),
    "window": ("window_starts-day", "window_starts-month", "window_starts-year")
    + ("window_ends-day", "window_ends-month", "window_ends-year"),
    "funding": ("funding",),
    "package": ("nlg_package",),
    "alliance": ("preferred_organisation",),
    "consent": ("consent_to_share",),
    "contact": ("contact_name", "contact_email", "contact_role"),
}


def page_answers(step: str, data: dict) -> dict:
    return {key: data[key] for key in PAGES[step] if key in data}


def step_of(location: str) -> str:
    return location.split("?")[0].rstrip("/").split("/")[-1]


def go_through(client, start: str, data: dict, *, until="check"):
    """Answers each page the service leads to with `data`, from `start`, until the page `until`
    (a page's slug, or "check"); returns the last response (the redirect to it)."""
    response = client.get(start)
    for _ in range(len(PAGES) + 1):
        location = response["Location"]
        step = step_of(location)
        if step == until or step not in PAGES:
            return response
        response = client.post(location, page_answers(step, data))
        assert response.status_code == 302, f"{step}: {errors(response)}"
    raise AssertionError("the pages never ended")
