"""Why no leader is eligible for a request on the agenda, and the wider search the alliance may
choose: the explanation page, its form (POST only ranks) and who may use it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from domain.audit.models import AuditEvent
from domain.commissioning import meeting_services, request_services

from .conftest import offer_days, text_of

SEARCHED = "commissioning.agenda.searched"


@pytest.fixture
def short(demo):
    """The referred request (an SLE for 6 days of maths) on a new meeting's agenda, with the maths
    SLE offering only 2 days and the English SLE none: nobody is eligible."""
    offer_days(demo["sle.maths"], 2)
    coordinator = demo["coordinator"]
    request_services.request_triage(actor=coordinator, request=demo["referred"])
    meeting = meeting_services.meeting_schedule(
        actor=coordinator,
        organisation=demo["aire"],
        meets_at=timezone.now() + dt.timedelta(days=3),
        members=[coordinator, demo["panel.member"]],
    )
    item = meeting_services.agenda_add(actor=coordinator, meeting=meeting, request=demo["referred"])
    assert item.shortfall["eligible"] == 0
    return meeting, item


def search_url(meeting, item):
    return reverse("broker:item-search", kwargs={"meeting_id": meeting.pk, "item_id": item.pk})


def state(item):
    item.refresh_from_db()
    return (item.candidates, item.shortfall, item.widened, item.ranked_at)


def test_the_agenda_links_to_why_nobody_is_eligible_and_the_page_says_why(demo, short, as_user):
    meeting, item = short
    client = as_user(demo["coordinator"])
    agenda = text_of(client.get(reverse("broker:meeting", kwargs={"meeting_id": meeting.pk})))
    assert f"Why no leader is eligible for {item.request.reference} , and a wider search" in agenda
    assert search_url(meeting, item) in client.get(reverse("broker:meeting", kwargs={"meeting_id": meeting.pk})).text
    before = state(item)
    page = text_of(client.get(search_url(meeting, item)))
    assert state(item) == before, "reading the page ranks nothing"
    assert "The search looked at every leader with a current designation as a specialist leader of education" in page
    assert "Each leader is counted once, under the first of these reasons that applies, in this order" in page
    # The request's days fall in the autumn and spring terms: each term's share is counted.
    assert "fewer than 6 days free across the autumn term 2026 to 2027 and the spring term 2026 to 2027" in page
    assert "Nearest to being put forward" in page
    assert f"{demo['sle.maths'].full_name} ({demo['aire'].name}): 2 days free" in page
    assert "Which leaders should the ranking include?" in page
    assert "Also leaders with fewer free days than the request needs" in page
    for internal in ("fewer_days", "seed", "solver", "affinity", "None"):
        assert internal not in page
    # The request's own page says so too, with the same link.
    request_page = client.get(reverse("broker:request", kwargs={"request_id": item.request_id}))
    assert "no leader is eligible ( see why for this meeting )" in text_of(request_page)
    assert search_url(meeting, item) in request_page.text


def test_a_wider_search_ranks_again_and_is_recorded(demo, short, as_user):
    meeting, item = short
    client = as_user(demo["coordinator"])
    response = client.post(search_url(meeting, item), {"search": "fewer_days"})
    assert response.status_code == 302
    assert response["Location"] == reverse("broker:meeting", kwargs={"meeting_id": meeting.pk}) + f"#item-{item.pk}"
    item.refresh_from_db()
    assert item.widened == ["fewer_days"]
    eligible = [c for c in item.candidates if not c["excluded"]]
    assert demo["sle.maths"].pk in {c["leader_id"] for c in eligible}
    assert AuditEvent.objects.get(action=SEARCHED).actor == demo["coordinator"]
    agenda = text_of(client.get(response["Location"]))
    assert "Ranked with a wider search: also leaders with fewer free days than the request needs." in agenda
    assert "must offer more days before accepting" in agenda
    assert "was ranked again with a wider search" in agenda

    # And back to the usual search.
    client.post(search_url(meeting, item), {"search": "usual"})
    item.refresh_from_db()
    assert item.widened == [] and AuditEvent.objects.filter(action=SEARCHED).count() == 2


@pytest.mark.parametrize("posted", [{}, {"search": "conflicts"}, {"search": ""}, {"search": ["fewer_days", "x"]}])
def test_bad_input_gets_a_clear_message_and_changes_nothing(demo, short, as_user, posted):
    meeting, item = short
    before = state(item)
    response = as_user(demo["coordinator"]).post(search_url(meeting, item), posted)
    assert response.status_code == 200
    page = text_of(response)
    assert "There is a problem" in page
    assert "Choose which leaders the search should include" in page
    assert state(item) == before
    assert not AuditEvent.objects.filter(action=SEARCHED).exists()


def test_a_decided_request_keeps_its_candidates(demo, as_user):
    item = demo["item"]
    before = state(item)
    response = as_user(demo["coordinator"]).post(search_url(item.meeting, item), {"search": "fewer_days"})
    assert response.status_code == 200
    assert "The panel has decided on this request" in text_of(response)
    assert state(item) == before


def test_a_panel_member_reads_why_but_may_not_widen(demo, short, as_user):
    meeting, item = short
    client = as_user(demo["panel.member"])
    page = text_of(client.get(search_url(meeting, item)))
    assert "Why the others were not put forward" in page
    assert "Which leaders should the ranking include?" not in page
    before = state(item)
    assert client.post(search_url(meeting, item), {"search": "fewer_days"}).status_code == 403
    assert state(item) == before


@pytest.mark.parametrize("who", ["hub.coordinator", "system.leader"])
def test_another_organisation_or_a_leader_gets_nothing(demo, short, as_user, who):
    meeting, item = short
    client = as_user(demo[who])
    expected = 404 if who == "hub.coordinator" else 403
    assert client.get(search_url(meeting, item)).status_code == expected
    before = state(item)
    assert client.post(search_url(meeting, item), {"search": "fewer_days"}).status_code == expected
    assert state(item) == before


def test_an_item_of_another_meeting_is_not_found(demo, short, as_user):
    meeting, _ = short
    other = demo["item"]
    assert as_user(demo["coordinator"]).get(search_url(meeting, other)).status_code == 404
