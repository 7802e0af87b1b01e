"""The alliance pages' structure, checked without a browser: unique ids, headings that do not skip
a level, and every form control labelled (the browser tests run axe-core on them too)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.leaders import association_services
from domain.leaders.models import PenPortrait

pytestmark = pytest.mark.django_db


def problems_of(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    ids = [tag["id"] for tag in soup.select("[id]")]
    problems += [f"duplicate id {i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    levels = [int(h.name[1]) for h in soup.select("main h1, main h2, main h3, main h4")]
    if levels and levels[0] != 1:
        problems.append(f"the first heading is h{levels[0]}")
    problems += [f"h{b} follows h{a}" for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    for control in soup.select("main input:not([type=hidden]), main select, main textarea"):
        if not soup.select(f'label[for="{control.get("id")}"]'):
            problems.append(f"{control.get('name')} has no label")
    return problems


def test_every_alliance_page_is_well_formed(demo, as_user):
    request = association_services.association_request(actor=demo["existing.lle"], organisation=demo["aire"])
    published = PenPortrait.objects.get(leader=demo["system.leader"], status="published")
    client = as_user(demo["coordinator"])
    association = demo["association"]
    urls = [
        reverse("alliance:leaders"),
        reverse("alliance:regional-list"),
        reverse("alliance:association", kwargs={"association_id": association.pk}),
        reverse("alliance:association", kwargs={"association_id": request.pk}),
        reverse("alliance:memorandum-accept", kwargs={"association_id": association.pk}),
        reverse("alliance:portraits"),
        reverse("alliance:portrait", kwargs={"portrait_id": published.pk}),
        *(
            reverse("alliance:association-change", kwargs={"association_id": association.pk, "event": event})
            for event in ("end", "transfer")
        ),
        *(
            reverse("alliance:association-change", kwargs={"association_id": request.pk, "event": event})
            for event in ("accept", "decline")
        ),
    ]
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if problems := problems_of(response.content.decode()):
            found[url] = problems
    # The hub's pages: its invitation, and the portrait waiting for it.
    hub = as_user(demo["hub.coordinator"])
    waiting = PenPortrait.objects.get(leader=demo["sle.english"], status="submitted")
    for url in (
        reverse("alliance:portrait", kwargs={"portrait_id": waiting.pk}),
        reverse("alliance:association-change", kwargs={"association_id": demo["invitation"].pk, "event": "withdraw"}),
        reverse("alliance:regional-list"),
    ):
        if problems := problems_of(hub.get(url).content.decode()):
            found[url] = problems
    # The representative sees the organisation chooser.
    rep = as_user(demo["regional.lead"])
    for url in (reverse("alliance:leaders"), reverse("alliance:regional-list")):
        if problems := problems_of(rep.get(url).content.decode()):
            found[url] = problems
    assert found == {}
