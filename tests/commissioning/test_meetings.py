"""Panel meetings: scheduling, the agenda with ranked candidates, the panel's decision, holding
and cancelling, and the whole agenda solved at once."""

import datetime as dt

import pytest
from django.utils import timezone

from domain.audit.models import AuditEvent
from domain.commissioning import meeting_services as meetings
from domain.commissioning import request_services as requests
from domain.commissioning.errors import CommissioningRefused
from domain.commissioning.models import AgendaItem, Offer, PanelMeeting
from domain.commissioning.workflows import MeetingStatus, OfferStatus, RequestStatus
from domain.notifications.models import Notification
from domain.workflows.table import TransitionRefused

from . import builders as b

pytestmark = pytest.mark.django_db

# The client schools are built at this point; leaders' schools at a distance from it.
CLIENT = {"easting": 430000, "northing": 433000}


def near(km):
    return b.school(easting=430000 + int(km * 1000), northing=433000)


def client(**changes):
    return {"client_school": b.school(**CLIENT), **changes}


@pytest.fixture
def aire():
    return b.alliance_with_coordinator(name="Aire Valley Teaching School Alliance")


# Scheduling ----------------------------------------------------------------------------------


def test_a_meeting_is_scheduled_with_its_panel(aire):
    organisation, coordinator = aire
    member = b.person_in_role("panel_member", organisation=organisation)
    meets_at = timezone.now() + dt.timedelta(days=7)
    meeting = meetings.meeting_schedule(
        actor=coordinator,
        organisation=organisation,
        meets_at=meets_at,
        place="  Library ",
        members=[coordinator, member],
    )
    meeting.refresh_from_db()
    assert (meeting.status, meeting.place, meeting.meets_at, meeting.created_by) == (
        MeetingStatus.PLANNED,
        "Library",
        meets_at,
        coordinator,
    )
    assert set(meeting.members.all()) == {coordinator, member}
    event = AuditEvent.objects.get(action="commissioning.meeting.created")
    assert event.data["members"] == [coordinator.pk, member.pk]
    assert list(meetings.panel_members_for(organisation)) == sorted([coordinator, member], key=lambda p: p.full_name)


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("no organisation", "Choose the alliance, hub or grouping whose panel meets"),
        ("a trust", "Choose the alliance, hub or grouping whose panel meets"),
        ("a date only", "Enter the date and time of the meeting"),
        ("no date", "Enter the date and time of the meeting"),
        ("in the past", "The meeting must be in the future"),
        ("a stranger", "cannot sit on the panel of Aire Valley Teaching School Alliance"),
        ("another alliance's coordinator", "cannot sit on the panel of Aire Valley Teaching School Alliance"),
    ],
)
def test_scheduling_is_refused(aire, case, message):
    organisation, coordinator = aire
    arguments = {
        "organisation": organisation,
        "meets_at": timezone.now() + dt.timedelta(days=7),
        "members": [coordinator],
    }
    if case == "no organisation":
        arguments["organisation"] = None
    elif case == "a trust":
        arguments["organisation"] = b.trust()
    elif case == "a date only":
        arguments["meets_at"] = dt.date(2026, 12, 1)
    elif case == "no date":
        arguments["meets_at"] = None
    elif case == "in the past":
        arguments["meets_at"] = timezone.now() - dt.timedelta(minutes=1)
    elif case == "a stranger":
        arguments["members"] = [coordinator, b.factories.UserFactory()]
    else:
        arguments["members"] = [b.alliance_with_coordinator()[1]]
    with pytest.raises(CommissioningRefused, match=message):
        meetings.meeting_schedule(actor=coordinator, **arguments)
    assert not PanelMeeting.objects.exists()
    assert not AuditEvent.objects.filter(action="commissioning.meeting.created").exists()


# The agenda ----------------------------------------------------------------------------------


def test_agenda_add_ranks_the_candidates_with_their_reasons(aire):
    organisation, coordinator = aire
    best = b.available_leader(organisation, school=near(1))
    second = b.available_leader(organisation, school=near(30))
    short = b.available_leader(organisation, days=2, school=near(1))
    item = b.on_agenda(organisation, coordinator, **client())
    item.refresh_from_db()
    assert item.request.status == RequestStatus.ON_AGENDA
    assert item.ranked_at == timezone.now()
    assert item.position == 1
    assert item.candidates, "the panel sees candidates"
    eligible = [c for c in item.candidates if not c["excluded"]]
    excluded = [c for c in item.candidates if c["excluded"]]
    assert [c["leader_id"] for c in eligible] == [best.pk, second.pk]
    assert item.candidates[: len(eligible)] == eligible, "eligible candidates come first"
    assert [(c["leader_id"], c["excluded"]) for c in excluded] == [(short.pk, "Not enough free days: 2 free, 4 needed")]
    for candidate in eligible:
        assert candidate["organisation"] == organisation.name
        assert candidate["name"]
        assert candidate["flags"] == []
        names = [f["name"] for f in candidate["factors"]]
        assert names == ["needs", "phase", "distance", "experience", "feedback", "spread"]
        assert all(f["reason"] for f in candidate["factors"])
        assert sum(f["contribution"] for f in candidate["factors"]) == pytest.approx(candidate["score"], abs=1e-3)
    assert eligible[0]["score"] > eligible[1]["score"]
    event = AuditEvent.objects.get(action="commissioning.request.schedule")
    assert event.data == {"meeting_id": item.meeting_id}


def test_the_agenda_keeps_its_order(aire):
    organisation, coordinator = aire
    panel = b.meeting(organisation, coordinator)
    items = [b.on_agenda(organisation, coordinator, panel=panel) for _ in range(3)]
    assert [i.position for i in items] == [1, 2, 3]


def test_a_leader_of_another_alliance_is_shown_with_it_and_flagged(aire):
    organisation, coordinator = aire
    pennine, _ = b.alliance_with_coordinator(kind="hub", name="Pennine Teaching School Hub")
    b.available_leader(pennine)
    item = b.on_agenda(organisation, coordinator)
    (candidate,) = item.candidates
    assert candidate["organisation"] == "Pennine Teaching School Hub"
    assert candidate["flags"] == [
        "Needs the agreement of Pennine Teaching School Hub, the alliance the leader is associated with"
    ]


def test_a_passed_on_request_is_ranked_for_the_alliance_that_brokers_it(aire):
    """The client chose Aire, which passed it on: the hub's own leaders need no other agreement."""
    organisation, coordinator = aire
    hub, hub_coordinator = b.alliance_with_coordinator(kind="hub", name="Pennine Teaching School Hub")
    hubs_leader = b.available_leader(hub, school=near(1))
    aires_leader = b.available_leader(organisation, school=near(2))
    request = b.submitted(organisation)
    requests.request_pass_on(actor=coordinator, request=request, organisation=hub, reason="The hub's area")
    request = requests.request_triage(actor=hub_coordinator, request=request)
    item = meetings.agenda_add(actor=hub_coordinator, meeting=b.meeting(hub, hub_coordinator), request=request)
    flags = {c["leader_id"]: c["flags"] for c in item.candidates}
    assert flags[hubs_leader.pk] == []
    assert flags[aires_leader.pk] == [
        "Needs the agreement of Aire Valley Teaching School Alliance, the alliance the leader is associated with"
    ]


def test_agenda_add_is_refused_for_another_alliances_request(aire):
    organisation, coordinator = aire
    other, other_coordinator = b.alliance_with_coordinator(name="Calder Alliance")
    theirs = b.triaged(other, other_coordinator)
    panel = b.meeting(organisation, coordinator)
    with pytest.raises(CommissioningRefused, match="is brokered by another alliance"):
        meetings.agenda_add(actor=coordinator, meeting=panel, request=theirs)
    theirs.refresh_from_db()
    assert theirs.status == RequestStatus.TRIAGED
    assert not AgendaItem.objects.exists()


@pytest.mark.parametrize("status", ["submitted", "declined", "on_agenda"])
def test_agenda_add_is_only_for_triaged_requests(aire, status):
    organisation, coordinator = aire
    panel = b.meeting(organisation, coordinator)
    request = b.submitted(organisation)
    if status == "declined":
        request = requests.request_decline(actor=coordinator, request=request, reason="Not for us")
    elif status == "on_agenda":
        request = b.on_agenda(organisation, coordinator).request
    with pytest.raises(CommissioningRefused, match="only a request accepted for matching goes on an agenda"):
        meetings.agenda_add(actor=coordinator, meeting=panel, request=request)
    assert not panel.items.exists()


def test_a_held_meetings_agenda_is_closed(aire):
    organisation, coordinator = aire
    panel = b.meeting(organisation, coordinator)
    meetings.meeting_hold(actor=coordinator, meeting=panel, notes="Quorate")
    with pytest.raises(CommissioningRefused, match="its agenda is closed"):
        meetings.agenda_add(actor=coordinator, meeting=panel, request=b.triaged(organisation, coordinator))


def test_agenda_remove_returns_the_request_to_triaged(aire):
    organisation, coordinator = aire
    item = b.on_agenda(organisation, coordinator)
    meetings.agenda_remove(actor=coordinator, item=item, reason="Next month")
    item.request.refresh_from_db()
    assert item.request.status == RequestStatus.TRIAGED
    assert not AgendaItem.objects.exists()


# The panel decides -----------------------------------------------------------------------


@pytest.fixture
def agenda(aire):
    """A planned meeting's item with two eligible leaders (best is nearer) and one without days."""
    organisation, coordinator = aire
    best = b.available_leader(organisation, school=near(1))
    second = b.available_leader(organisation, school=near(30))
    short = b.available_leader(organisation, days=1, school=near(1))
    item = b.on_agenda(organisation, coordinator, **client())
    assert b.top_leader_id(item) == best.pk
    return item, coordinator, best, second, short


def test_the_panel_chooses_the_top_suggestion(agenda):
    item, coordinator, best, _, _ = agenda
    offer = meetings.agenda_decide(actor=coordinator, item=item, leader=best, rationale="  Nearest, and free  ")
    item.refresh_from_db()
    assert (item.chosen_leader, item.rationale, item.passed_over_reason, item.decided_by, item.decided_at) == (
        best,
        "Nearest, and free",
        "",
        coordinator,
        timezone.now(),
    )
    assert (offer.status, offer.leader, offer.request, offer.agenda_item, offer.leaders_organisation) == (
        OfferStatus.WITH_LEADER,
        best,
        item.request,
        item,
        None,
    )
    offer.request.refresh_from_db()
    assert offer.request.status == RequestStatus.MATCHED
    event = AuditEvent.objects.get(action="commissioning.request.match")
    assert (event.reason, event.data) == ("Nearest, and free", {"leader_id": best.pk, "rank": 1, "recused": []})
    assert Notification.objects.filter(user=best, link=f"/home/offers/{offer.pk}/").exists()


def test_passing_over_the_top_suggestion_needs_a_reason(agenda):
    item, coordinator, best, second, _ = agenda
    with pytest.raises(CommissioningRefused, match=f"passed over the top suggestion, {best.full_name}"):
        meetings.agenda_decide(actor=coordinator, item=item, leader=second, rationale="Knows the area")
    offer = meetings.agenda_decide(
        actor=coordinator,
        item=item,
        leader=second,
        rationale="Knows the area",
        passed_over_reason="The top suggestion supported the school last year",
        recused=[best],
    )
    item.refresh_from_db()
    assert item.passed_over_reason == "The top suggestion supported the school last year"
    assert list(item.recused.all()) == [best]
    assert offer.leader == second
    assert AuditEvent.objects.get(action="commissioning.request.match").data["rank"] == 2


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("no rationale", "Enter why the panel chose this leader"),
        ("excluded", "Choose one of the eligible candidates"),
        ("not a candidate", "Choose one of the eligible candidates"),
        ("no one", "Choose one of the eligible candidates"),
        ("recused", "A panel member who recused cannot be the chosen leader"),
        ("recused actor", "A panel member who recused cannot record the panel's decision"),
    ],
)
def test_a_decision_is_refused(agenda, case, message):
    item, coordinator, best, _, short = agenda
    arguments = {"leader": best, "rationale": "Nearest"}
    if case == "no rationale":
        arguments["rationale"] = "   "
    elif case == "excluded":
        arguments["leader"] = short
    elif case == "not a candidate":
        arguments["leader"] = b.factories.UserFactory()
    elif case == "no one":
        arguments["leader"] = None
    elif case == "recused":
        arguments["recused"] = [best]
    else:
        arguments["recused"] = [coordinator]
    with pytest.raises(CommissioningRefused, match=message):
        meetings.agenda_decide(actor=coordinator, item=item, **arguments)
    item.refresh_from_db()
    item.request.refresh_from_db()
    assert (item.decided_at, item.chosen_leader, item.request.status) == (None, None, RequestStatus.ON_AGENDA)
    assert not Offer.objects.exists()


def test_the_panel_decides_once(agenda):
    item, coordinator, best, second, _ = agenda
    meetings.agenda_decide(actor=coordinator, item=item, leader=best, rationale="Nearest")
    with pytest.raises(CommissioningRefused, match="already decided"):
        meetings.agenda_decide(actor=coordinator, item=item, leader=best, rationale="Nearest")
    fresh = AgendaItem.objects.get(pk=item.pk)
    with pytest.raises(CommissioningRefused, match="already decided"):
        meetings.agenda_decide(actor=coordinator, item=fresh, leader=second, rationale="x", passed_over_reason="y")
    assert Offer.objects.count() == 1
    with pytest.raises(CommissioningRefused, match="stays on the record"):
        meetings.agenda_remove(actor=coordinator, item=fresh)


def test_an_offer_to_a_leader_of_another_alliance_needs_that_alliance(aire):
    organisation, coordinator = aire
    pennine, _ = b.alliance_with_coordinator(kind="hub")
    theirs = b.available_leader(pennine)
    item = b.on_agenda(organisation, coordinator)
    offer = meetings.agenda_decide(actor=coordinator, item=item, leader=theirs, rationale="The only one with days")
    assert offer.leaders_organisation == pennine


def test_an_withdrawn_request_cannot_be_decided(agenda):
    item, coordinator, best, _, _ = agenda
    requests.request_withdraw(actor=item.request.submitted_by, request=item.request, reason="Solved")
    with pytest.raises((CommissioningRefused, TransitionRefused)):
        meetings.agenda_decide(actor=coordinator, item=AgendaItem.objects.get(pk=item.pk), leader=best, rationale="x")
    assert not Offer.objects.exists()


# Holding and cancelling ------------------------------------------------------------------------


def test_holding_a_meeting_records_its_notes_and_returns_undecided_requests(agenda):
    item, coordinator, best, _, _ = agenda
    undecided = b.on_agenda(item.meeting.organisation, coordinator, panel=item.meeting)
    meetings.agenda_decide(actor=coordinator, item=item, leader=best, rationale="Nearest")
    held = meetings.meeting_hold(actor=coordinator, meeting=item.meeting, notes="  Two members present ")
    held.refresh_from_db()
    assert (held.status, held.notes) == (MeetingStatus.HELD, "Two members present")
    undecided.request.refresh_from_db()
    assert undecided.request.status == RequestStatus.TRIAGED, "a request the panel did not reach can go to the next"
    nxt = meetings.agenda_add(
        actor=coordinator, meeting=b.meeting(item.meeting.organisation, coordinator), request=undecided.request
    )
    assert nxt.request == undecided.request
    with pytest.raises(TransitionRefused, match="You cannot record the meeting as held when it is held"):
        meetings.meeting_hold(actor=coordinator, meeting=held)
    with pytest.raises((CommissioningRefused, TransitionRefused)):
        meetings.meeting_cancel(actor=coordinator, meeting=held, reason="Too late")


def test_cancelling_returns_the_agenda_to_triaged(aire):
    organisation, coordinator = aire
    panel = b.meeting(organisation, coordinator)
    items = [b.on_agenda(organisation, coordinator, panel=panel) for _ in range(2)]
    with pytest.raises(TransitionRefused, match="Enter a reason"):
        meetings.meeting_cancel(actor=coordinator, meeting=panel, reason=" ")
    assert panel.items.count() == 2
    cancelled = meetings.meeting_cancel(actor=coordinator, meeting=panel, reason="Not quorate")
    assert cancelled.status == MeetingStatus.CANCELLED
    assert not AgendaItem.objects.exists()
    for item in items:
        item.request.refresh_from_db()
        assert item.request.status == RequestStatus.TRIAGED


def test_cancelling_is_refused_after_a_decision(agenda):
    item, coordinator, best, _, _ = agenda
    meetings.agenda_decide(actor=coordinator, item=item, leader=best, rationale="Nearest")
    with pytest.raises(CommissioningRefused, match="record it as held instead"):
        meetings.meeting_cancel(actor=coordinator, meeting=item.meeting, reason="Oops")
    item.meeting.refresh_from_db()
    assert item.meeting.status == MeetingStatus.PLANNED


def test_cancelling_a_meeting_with_a_withdrawn_request_on_its_agenda(aire):
    organisation, coordinator = aire
    panel = b.meeting(organisation, coordinator)
    kept = b.on_agenda(organisation, coordinator, panel=panel)
    gone = b.on_agenda(organisation, coordinator, panel=panel)
    requests.request_withdraw(actor=gone.request.submitted_by, request=gone.request, reason="Solved")
    meetings.meeting_cancel(actor=coordinator, meeting=panel, reason="Not quorate")
    kept.request.refresh_from_db()
    gone.request.refresh_from_db()
    assert (kept.request.status, gone.request.status) == (RequestStatus.TRIAGED, RequestStatus.WITHDRAWN)


# The whole agenda at once ------------------------------------------------------------------


def test_suggestions_keep_each_leader_within_their_days(aire):
    """Both requests prefer the nearer leader, who has days for only one of them."""
    organisation, coordinator = aire
    nearer = b.available_leader(organisation, days=8, school=near(1))
    farther = b.available_leader(organisation, days=8, school=near(15))
    panel = b.meeting(organisation, coordinator)
    first = b.on_agenda(organisation, coordinator, panel=panel, days="6", **client())
    second = b.on_agenda(organisation, coordinator, panel=panel, days="6", **client())
    for item in (first, second):
        assert b.top_leader_id(item) == nearer.pk
    suggestions = meetings.meeting_suggestions(meeting=panel)
    chosen = {suggestions[first.pk]["leader_id"], suggestions[second.pk]["leader_id"]}
    assert chosen == {nearer.pk, farther.pk}
    assert suggestions["solution"]["status"].lower() in {"optimal", "feasible"}
    assert suggestions["solution"]["gap"] is not None and suggestions["solution"]["gap"] <= 0.01
    assert suggestions[first.pk]["name"] and suggestions[first.pk]["organisation"] == organisation.name


def test_a_request_nobody_can_take_is_suggested_no_one_with_the_reason(aire):
    organisation, coordinator = aire
    b.available_leader(organisation, days=5)
    panel = b.meeting(organisation, coordinator)
    fits = b.on_agenda(organisation, coordinator, panel=panel, days="5")
    too_big = b.on_agenda(organisation, coordinator, panel=panel, days="20")
    suggestions = meetings.meeting_suggestions(meeting=panel)
    assert "leader_id" in suggestions[fits.pk]
    assert suggestions[too_big.pk]["reason"]


def test_suggestions_leave_out_decided_and_withdrawn_items(agenda):
    item, coordinator, best, _, _ = agenda
    panel = item.meeting
    gone = b.on_agenda(panel.organisation, coordinator, panel=panel)
    waiting = b.on_agenda(panel.organisation, coordinator, panel=panel)
    meetings.agenda_decide(actor=coordinator, item=item, leader=best, rationale="Nearest")
    requests.request_withdraw(actor=gone.request.submitted_by, request=gone.request, reason="Solved")
    suggestions = meetings.meeting_suggestions(meeting=panel)
    assert set(suggestions) == {waiting.pk, "solution"}


def test_an_empty_agenda_has_no_suggestions(aire):
    organisation, coordinator = aire
    assert meetings.meeting_suggestions(meeting=b.meeting(organisation, coordinator)) == {}


# Who the register puts forward ---------------------------------------------------------------


def test_conflicts_of_interest_are_excluded_with_their_reason(aire):
    organisation, coordinator = aire
    goldthorpe = b.school(trust_code="TR0001", **CLIENT)
    own_staff = b.available_leader(organisation, school=goldthorpe)
    same_trust = b.available_leader(organisation, school=b.school(trust_code="TR0001"))
    free = b.available_leader(organisation, school=near(5))
    item = b.on_agenda(organisation, coordinator, client_school=goldthorpe)
    reasons = {c["leader_id"]: c["excluded"] for c in item.candidates}
    assert reasons == {
        free.pk: None,
        own_staff.pk: "Conflict of interest: works at the client school",
        same_trust.pk: "Conflict of interest: their school is in the client's trust",
    }


def test_a_suspended_leader_or_another_role_is_not_put_forward(aire):
    from domain.designation.services import designation_suspend
    from tests.leaders.helpers import designate

    organisation, coordinator = aire
    suspended = b.available_leader(organisation)
    designation_suspend(actor=coordinator, designation=suspended.designations.get(), reason="Under review")
    b.available_leader(organisation, role="sle", specialisms=["maths"])
    lle = designate(role="lle").person  # designated by the national programme: not associated
    b.offer_days(lle, 10)
    item = b.on_agenda(organisation, coordinator)
    (candidate,) = item.candidates
    assert candidate["leader_id"] == lle.pk
    assert candidate["organisation"] == "Not associated"
    assert candidate["flags"] == [
        "Not associated with a teaching school alliance: agree the deployment with the leader's school"
    ]
    offer = meetings.agenda_decide(actor=coordinator, item=item, leader=lle, rationale="The only one free")
    assert offer.leaders_organisation is None
