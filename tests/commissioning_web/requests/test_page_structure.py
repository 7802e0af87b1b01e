"""The pages' structure for WCAG 2.2 AA: unique ids, headings in order, labelled fields."""

from collections import Counter

import pytest
from django.urls import reverse

from domain.commissioning.offer_services import offer_leader_accept

from .helpers import PAGES, answers, go_through, soup

pytestmark = pytest.mark.django_db


def _problems(response) -> list[str]:
    page = soup(response)
    ids = Counter(tag["id"] for tag in page.select("[id]"))
    problems = [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    headings = page.find("main").find_all(["h1", "h2", "h3", "h4"])
    # The error summary's heading comes before the page's h1, as the design system places it.
    levels = [int(h.name[1]) for h in headings if not h.find_parent(class_="govuk-error-summary")]
    if levels[:1] != [1] and not page.select_one("main .govuk-panel__title"):
        problems.append(f"the first heading is not h1: {levels}")
    problems += [f"heading skips from h{a} to h{b}" for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    labelled = {label.get("for") for label in page.select("label")}
    for field in page.select("main input:not([type=hidden]), main textarea, main select"):
        inside_fieldset = field.find_parent("fieldset") is not None
        if field["id"] not in labelled and not inside_fieldset:
            problems.append(f"no label for {field['id']}")
    return problems


def test_the_pages_are_well_formed(demo, as_person, client):
    contact = as_person("contact")
    offer_leader_accept(actor=demo["leader"], offer=demo["offer"])
    request_id = {"request_id": demo["request"].pk}
    pages = {
        "list": contact.get(reverse("requests:list")),
        "detail": contact.get(reverse("requests:detail", kwargs=request_id)),
        "withdraw": contact.get(reverse("requests:withdraw", kwargs=request_id)),
        "offer": contact.get(reverse("requests:offer-answer", kwargs=request_id)),
        "school search": contact.get(reverse("requests:question", kwargs={"step": "school"}) + "?q=Primary"),
        "school with errors": contact.post(reverse("requests:question", kwargs={"step": "school"}), {}),
    }
    data = answers(demo["goldthorpe"], referrer_kind="client_school")
    go_through(contact, reverse("requests:new"), data)
    for step in PAGES:
        url = reverse("requests:question", kwargs={"step": step})
        shown = contact.get(url)
        if shown.status_code == 200:
            pages[step] = shown
            errored = contact.post(url, {"window_starts-day": "40"} if step == "window" else {"needs": "x"})
            if errored.status_code == 200:
                pages[f"{step} with errors"] = errored
            go_through(contact, reverse("requests:new"), data)
    pages["check"] = contact.get(reverse("requests:check"))
    client.logout()
    pages["public school"] = client.get(reverse("support:ask-question", kwargs={"step": "school"}) + "?q=Goldthorpe")
    pages["public school with errors"] = client.post(reverse("support:ask-question", kwargs={"step": "school"}), {})
    go_through(client, reverse("support:ask"), answers(demo["goldthorpe"]), until="contact")
    pages["public contact"] = client.get(reverse("support:ask-question", kwargs={"step": "contact"}))
    pages["public contact with errors"] = client.post(reverse("support:ask-question", kwargs={"step": "contact"}), {})
    found = {name: _problems(response) for name, response in pages.items()}
    assert all(r.status_code == 200 for r in pages.values())
    assert found == dict.fromkeys(pages, [])
