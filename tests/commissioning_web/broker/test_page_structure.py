"""The brokering pages' structure, checked without a browser: unique ids, headings that do not skip
a level, and every form control labelled."""

import datetime as dt

from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from domain.commissioning import meeting_services, request_services

from .conftest import offer_days, submit


def problems_of(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    ids = [tag["id"] for tag in soup.select("[id]")]
    problems += [f"duplicate id {i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    # The error summary's heading comes before the page's h1, as the design system places it.
    headings = soup.select("main h1, main h2, main h3, main h4")
    levels = [int(h.name[1]) for h in headings if not h.find_parent(class_="govuk-error-summary")]
    if levels and levels[0] != 1:
        problems.append(f"the first heading is h{levels[0]}")
    problems += [f"h{b} follows h{a}" for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    for control in soup.select("main input:not([type=hidden]), main select, main textarea"):
        if not soup.select(f'label[for="{control.get("id")}"]'):
            problems.append(f"{control.get('name')} has no label")
    for table in soup.select("main table"):
        if not table.select("caption"):
            problems.append("a table has no caption")
    return problems


def test_every_broker_page_is_well_formed(demo, as_user):
    offer_days(demo["sle.maths"])
    offer_days(demo["sle.english"])
    coordinator = demo["coordinator"]
    later = submit_and_triage(demo)
    meeting = meeting_services.meeting_schedule(
        actor=coordinator,
        organisation=demo["aire"],
        meets_at=timezone.now() + dt.timedelta(days=2),
        members=[coordinator],
    )
    item = meeting_services.agenda_add(actor=coordinator, meeting=meeting, request=later)
    client = as_user(coordinator)
    pages = {
        "queue": client.get(reverse("broker:queue")),
        "referred": client.get(reverse("broker:request", kwargs={"request_id": demo["referred"].pk})),
        "public": client.get(reverse("broker:request", kwargs={"request_id": demo["public"].pk})),
        "decline refused": client.post(
            reverse("broker:request", kwargs={"request_id": demo["referred"].pk}), {"action": "decline"}
        ),
        "meetings": client.get(reverse("broker:meetings")),
        "new meeting": client.get(reverse("broker:meeting-new")),
        "new meeting refused": client.post(reverse("broker:meeting-new"), {"time": "25:00"}),
        "demo meeting": client.get(reverse("broker:meeting", kwargs={"meeting_id": demo["meeting"].pk})),
        "agenda": client.get(reverse("broker:meeting", kwargs={"meeting_id": meeting.pk})),
        "decide": client.get(reverse("broker:decide", kwargs={"meeting_id": meeting.pk, "item_id": item.pk})),
        "decide refused": client.post(
            reverse("broker:decide", kwargs={"meeting_id": meeting.pk, "item_id": item.pk}), {}
        ),
        "hold": client.get(reverse("broker:meeting-hold", kwargs={"meeting_id": meeting.pk})),
        "cancel": client.get(reverse("broker:meeting-cancel", kwargs={"meeting_id": meeting.pk})),
        # The representative acts for several alliances: they choose whose panel meets.
        "new meeting (representative)": as_user(demo["regional.lead"]).get(reverse("broker:meeting-new")),
    }
    found = {}
    for name, response in pages.items():
        assert response.status_code == 200, name
        if problems := problems_of(response.content.decode()):
            found[name] = problems
    assert found == {}


def submit_and_triage(demo):
    made = submit(actor=demo["commissioner"], organisation=demo["aire"])
    return request_services.request_triage(actor=demo["coordinator"], request=made)
