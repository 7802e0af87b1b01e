"""Journey: a regional representative answers two requests under UK GDPR (issue 13, 4b and 4c).

As a regional representative, I want to download everything the service holds about a leader who
asked for it, so that I can send it to them within the month the law gives; and I want to erase a
former applicant who asked to be forgotten, so that their name goes while the programme's numbers
and the record of decisions stay right.

Morgan Ashdown, the demo region's representative, finds Alex Fernleigh through Aire Valley Primary
School and downloads their data as JSON: it holds Alex's designation and pen portrait. Then they
erase Peregrine Quillfeather (a synthetic name), who applied to the Aire Valley round and withdrew,
made through the services before the journey (tests/privacy/former_applicant.py). Afterwards the
register of leaders and the round's applications count the same, and the name and e-mail address
are nowhere: on no page the representative can open (the smoke crawl's pages and the ones this
journey saw), in no download of the register, and in no text or JSON column of the database."""

import html
import io
import json
import re
from collections import Counter, deque

from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from demo.region import build_demo_region
from domain.accounts.models import User
from domain.accounts.roles import Role
from domain.audit.models import AuditEvent
from domain.recruitment.models import RecruitmentRound
from tests.privacy.former_applicant import EMAIL, NAME, a_former_applicant, places_naming

from .crawl import NOT_CRAWLED, example_urls, urls_without_arguments, view_name
from .steps import demo_person, sign_in

LEADER = "Alex Fernleigh"
ROUND = "Aire Valley local leaders of education"
REASON = "Asked by letter on 2 November to be forgotten; identity checked against the letterhead."


# When --------------------------------------------------------------------------------------------


def when_they_open_a_person_through_their_organisation(page: Page, organisation: str, person: str) -> None:
    page.get_by_role("link", name="Regional admin").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisations")
    page.get_by_label("Name or code").fill(organisation)
    page.get_by_role("button", name="Show organisations").click()
    page.get_by_role("link", name=organisation, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(organisation)
    page.get_by_role("link", name=person, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(person)


def when_they_download_everything_as_json(page: Page) -> dict:
    page.get_by_role("link", name="Download everything we hold about this person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Everything we hold about {LEADER}")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as JSON").click()
    return json.loads(download.value.path().read_text(encoding="utf-8"))


def when_they_erase_them_with_a_reason(page: Page) -> None:
    page.get_by_role("link", name="Erase this person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Erase {NAME}")
    expect(page.get_by_role("heading", name="What will be kept, and why")).to_be_visible()
    page.get_by_role("button", name="Erase their personal data").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter why you are erasing this person's data")
    page.get_by_label("Why are you erasing their data?").fill(REASON)
    page.get_by_role("button", name="Erase their personal data").click()


# Then --------------------------------------------------------------------------------------------


def section(export: dict, key: str) -> list[dict]:
    return next(s["rows"] for s in export["sections"] if s["key"] == key)


def then_the_download_holds_the_designation_and_pen_portrait(export: dict) -> None:
    assert section(export, "account")[0]["Name"] == LEADER
    assert sorted(d["Role"] for d in section(export, "designations")) == [
        "Local leader of education",
        "National leader of governance",
    ]
    assert "pupil premium" in section(export, "pen_portraits")[0]["Experience"]
    event = AuditEvent.objects.get(action="privacy.subject_access.exported")
    assert event.actor.email == demo_person(Role.REGIONAL_REPRESENTATIVE).email and event.data == {"format": "json"}


def totals(page: Page) -> dict:
    """What the register of leaders and the round's page count."""
    page.goto(reverse("register:leaders"))
    designations = page.get_by_role("heading", name=re.compile(r"designations?$")).inner_text()
    page.goto(reverse("rounds:round", args=[RecruitmentRound.objects.get(title=ROUND).pk]))
    statuses = page.get_by_role("table", name="Applications to this round").locator("tbody tr td:nth-child(3)")
    return {"register": designations, "applications": sorted(statuses.all_inner_texts())}


def answer_text(response) -> str:
    body = response.body()
    if "spreadsheetml" in response.headers.get("content-type", ""):
        sheet = load_workbook(io.BytesIO(body), read_only=True)
        return " ".join(str(v) for ws in sheet.worksheets for row in ws.iter_rows(values_only=True) for v in row)
    return body.decode("utf-8", errors="replace")


def names_them(text: str) -> bool:
    return NAME.lower() in text.lower() or EMAIL.lower() in text.lower()


def pages_naming_them(
    page: Page, origin: str, seeds: list[str], *, per_view: int = 3, limit: int = 600, follow: bool = True
) -> tuple:
    """Asks for every page the representative can reach, as the smoke crawl finds them (the URLs
    without arguments, its example URLs, then every link on each page; a few pages of each view),
    without drawing them; returns (the URLs whose answer holds the name or e-mail address, how
    many were asked for). Pages, CSV and XLSX downloads alike."""
    queue, queued, per = deque(), set(), Counter()
    for url in seeds:
        if url not in queued:
            queued.add(url)
            queue.append(url)
    found, asked = [], 0
    while queue and asked < limit:
        url = queue.popleft()
        name = view_name(url)
        if name in NOT_CRAWLED or per[name] >= per_view:
            continue
        per[name] += 1
        response = page.request.get(origin + url)
        asked += 1
        if response.status != 200:
            continue
        text = answer_text(response)
        if names_them(text):
            found.append(url)
        if follow and response.headers.get("content-type", "").startswith("text/html"):
            for link in re.findall(r'href="(/[^"#]*)', text):
                link = html.unescape(link)
                if not link.startswith(settings.STATIC_URL) and link not in queued:
                    queued.add(link)
                    queue.append(link)
    return found, asked


def then_their_name_is_nowhere(page: Page, origin: str, seen: list[str]) -> None:
    rep = demo_person(Role.REGIONAL_REPRESENTATIVE).email
    seeds = [*seen, *urls_without_arguments().values()]
    seeds += [url for urls in example_urls(rep).values() for url in urls]
    seeds += [reverse("register:export", kwargs={"fmt": fmt}) for fmt in ("csv", "xlsx")]
    found, asked = pages_naming_them(page, origin, seeds)
    assert asked > 50
    assert found == []
    assert places_naming(NAME, EMAIL) == []


# The journey -------------------------------------------------------------------------------------


def test_a_representative_downloads_a_leaders_data_and_erases_a_former_applicant(new_context, live_server):
    build_demo_region()
    applicant = a_former_applicant()
    page = new_context(label="The regional representative").new_page()
    sign_in(page, demo_person(Role.REGIONAL_REPRESENTATIVE))
    before = totals(page)

    page.goto("/")
    when_they_open_a_person_through_their_organisation(page, "Aire Valley Primary School", LEADER)
    export = when_they_download_everything_as_json(page)
    then_the_download_holds_the_designation_and_pen_portrait(export)

    page.goto("/")
    when_they_open_a_person_through_their_organisation(page, "Goldthorpe Junior School", NAME)
    person_page = page.url
    round_page = reverse("rounds:round", args=[RecruitmentRound.objects.get(title=ROUND).pk])
    assert pages_naming_them(
        page, live_server.url, [round_page, person_page.removeprefix(live_server.url)], follow=False
    )[0]
    when_they_erase_them_with_a_reason(page)
    expect(page.get_by_text(f"They are now “Erased person #{applicant.pk}”")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Erased person #{applicant.pk}")
    assert User.objects.get(pk=applicant.pk).email == f"erased-{applicant.pk}@erased.invalid"

    assert totals(page) == before
    seen = [
        person_page.removeprefix(live_server.url),
        reverse("regional:erase", args=[applicant.pk]),
        reverse("regional:personal-data", args=[applicant.pk]),
        reverse("portal:timeline", args=["accounts.user", applicant.pk]),
        reverse("rounds:application", args=[applicant.applications.get().round_id, applicant.applications.get().pk]),
    ]
    then_their_name_is_nowhere(page, live_server.url, seen)
