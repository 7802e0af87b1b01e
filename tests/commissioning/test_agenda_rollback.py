"""A panel meeting's writes are all-or-nothing: scheduling it, putting a request on its agenda
(with the ranking), recording the panel's decision (with the offer), and holding or cancelling
it (each undecided request going back to the triaged list). A failure after the first of these
writes leaves the meeting, its agenda, the requests, the offers and the audit trail as they were.

Solving the whole agenda (`meeting_suggestions`) writes nothing: a test below shows it.

The assertions run inside the test's transaction, before it ends: without each service's
`transaction.atomic` they see the half-written state (each was seen to fail that way)."""

import pytest

from domain.audit.models import AuditEvent
from domain.commissioning import meeting_services as meetings
from domain.commissioning import offer_services, ranking
from domain.commissioning.models import AgendaItem, Offer, PanelMeeting, SupportRequest
from domain.commissioning.workflows import MeetingStatus, RequestStatus
from domain.notifications.models import Notification
from tests.rollback import WriteFailed, fail_on_call

from . import builders as b

pytestmark = pytest.mark.django_db

CLIENT = {"easting": 430000, "northing": 433000}


def near(km):
    return b.school(easting=430000 + int(km * 1000), northing=433000)


def snapshot() -> dict:
    return {
        "meetings": sorted(PanelMeeting.objects.values_list("pk", "status", "notes", "place")),
        "members": sorted(PanelMeeting.members.through.objects.values_list("panelmeeting_id", "user_id")),
        "items": sorted(
            AgendaItem.objects.values_list(
                "pk", "request_id", "position", "chosen_leader_id", "rationale", "decided_at"
            )
        ),
        "requests": sorted(SupportRequest.objects.values_list("pk", "status")),
        "offers": Offer.objects.count(),
        "audit": sorted(AuditEvent.objects.values_list("action", "subject_id")),
        "notifications": Notification.objects.count(),
    }


@pytest.fixture
def aire():
    return b.alliance_with_coordinator(name="Aire Valley Teaching School Alliance")


@pytest.fixture
def panel(aire):
    """A planned meeting with two undecided requests on its agenda, and a leader to choose."""
    organisation, coordinator = aire
    leader = b.available_leader(organisation, school=near(1))
    meeting = b.meeting(organisation, coordinator)
    items = [b.on_agenda(organisation, coordinator, panel=meeting, client_school=b.school(**CLIENT)) for _ in range(2)]
    return organisation, coordinator, meeting, items, leader


def test_scheduling_failing_at_its_audit_row_keeps_no_meeting(aire, monkeypatch):
    organisation, coordinator = aire
    member = b.person_in_role("panel_member", organisation=organisation)
    before = snapshot()
    # The meeting and its members are written first.
    seen = fail_on_call(monkeypatch, meetings, "audit_record")
    with pytest.raises(WriteFailed, match="the disk is full"):
        b.meeting(organisation, coordinator, members=[coordinator, member])
    assert seen
    assert snapshot() == before
    assert not PanelMeeting.objects.exists()


def test_putting_a_request_on_the_agenda_failing_at_the_ranking_keeps_it_triaged(aire, monkeypatch):
    organisation, coordinator = aire
    meeting = b.meeting(organisation, coordinator)
    request = b.triaged(organisation, coordinator)
    before = snapshot()
    # The request is moved on (with its audit row) and the item made; ranking its candidates fails.
    seen = fail_on_call(monkeypatch, ranking, "rank_with_shortfall")
    with pytest.raises(WriteFailed, match="the disk is full"):
        meetings.agenda_add(actor=coordinator, meeting=meeting, request=request)
    assert seen
    assert snapshot() == before
    assert SupportRequest.objects.get(pk=request.pk).status == RequestStatus.TRIAGED
    assert not AgendaItem.objects.exists()


def test_the_panel_s_decision_failing_at_the_offer_keeps_the_item_undecided(panel, monkeypatch):
    _, coordinator, _, items, leader = panel
    item = items[0]
    assert b.top_leader_id(item) == leader.pk
    before = snapshot()
    # The choice is recorded on the item and the request matched (with its audit row); the offer fails.
    seen = fail_on_call(monkeypatch, offer_services, "offer_make")
    with pytest.raises(WriteFailed, match="the disk is full"):
        meetings.agenda_decide(actor=coordinator, item=item, leader=leader, rationale="Nearest, and free")
    assert seen
    assert snapshot() == before
    fresh = AgendaItem.objects.get(pk=item.pk)
    assert (fresh.decided_at, fresh.chosen_leader, fresh.rationale) == (None, None, "")
    assert fresh.request.status == RequestStatus.ON_AGENDA


@pytest.mark.parametrize(
    "close",
    [
        pytest.param(
            lambda actor, meeting: meetings.meeting_hold(actor=actor, meeting=meeting, notes="Met"), id="hold"
        ),
        pytest.param(
            lambda actor, meeting: meetings.meeting_cancel(actor=actor, meeting=meeting, reason="Not quorate"),
            id="cancel",
        ),
    ],
)
def test_holding_or_cancelling_failing_at_the_second_request_keeps_the_whole_agenda(panel, monkeypatch, close):
    _, coordinator, meeting, items, _ = panel
    before = snapshot()
    # The meeting's status moves, the first request goes back to the triaged list; the second fails.
    seen = fail_on_call(monkeypatch, meetings, "_change", call=2)
    with pytest.raises(WriteFailed, match="the disk is full"):
        close(coordinator, meeting)
    assert len(seen) == 2
    assert snapshot() == before
    assert PanelMeeting.objects.get(pk=meeting.pk).status == MeetingStatus.PLANNED
    assert set(SupportRequest.objects.values_list("status", flat=True)) == {RequestStatus.ON_AGENDA}
    assert AgendaItem.objects.filter(meeting=meeting).count() == 2


def test_solving_the_whole_agenda_writes_nothing(panel):
    _, _, meeting, _, _ = panel
    before = snapshot()
    suggestions = meetings.meeting_suggestions(meeting=meeting)
    assert suggestions, "the agenda has undecided items to solve"
    assert snapshot() == before
