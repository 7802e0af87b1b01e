"""When few or no leaders are eligible for a request on an agenda: the explanation kept with the
ranking, and the wider search the alliance may choose, audited, never past a conflict of
interest."""

import pytest

from domain.audit.models import AuditEvent
from domain.commissioning import meeting_services as meetings
from domain.commissioning.errors import CommissioningRefused
from domain.commissioning.ranking import rank_with_shortfall
from domain.commissioning.workflows import RequestStatus
from tests.queries import assert_constant_queries
from tests.rollback import WriteFailed, fail_on_call

from . import builders as b

pytestmark = pytest.mark.django_db


@pytest.fixture
def aire():
    return b.alliance_with_coordinator(name="Aire Valley Teaching School Alliance")


def named(name):
    return b.factories.UserFactory(full_name=name)


def nobody_eligible(organisation, coordinator):
    """A request for 4 days at a school of trust T1: one leader in the trust, two short of days."""
    client_school = b.school(trust_code="T1")
    in_trust = b.available_leader(organisation, school=b.school(trust_code="T1"), person=named("Tess Trust"))
    # 2.5 days in each term: the spring term's 3 days of the 4 do not fit (3 of the 4 would).
    three = b.available_leader(organisation, days="2.5", person=named("Thea Three"))
    one = b.available_leader(organisation, days=1, person=named("Olly One"))
    item = b.on_agenda(organisation, coordinator, client_school=client_school)
    return item, {"in_trust": in_trust, "three": three, "one": one}


def test_the_ranking_keeps_why_nobody_is_eligible_with_the_nearest_named(aire):
    organisation, coordinator = aire
    item, people = nobody_eligible(organisation, coordinator)
    item.refresh_from_db()
    shortfall = item.shortfall
    assert shortfall["eligible"] == 0 and shortfall["considered"] == 3
    assert shortfall["summary"] == "None of the 3 leaders considered can be put forward for this request."
    assert shortfall["pool"] == "every leader with a current designation as a local leader of education"
    autumn, spring = (term.label.lower() for term in b.terms_of_window())
    assert [g["sentence"] for g in shortfall["groups"]] == [
        "1 leader is from a school in the school's own trust",
        f"2 leaders have fewer than 4 days free across the {autumn} and the {spring}, where the support's days fall",
    ]
    trust, days = shortfall["groups"]
    assert trust["widening"] is None, "a conflict of interest is never widened"
    assert [(n["name"], n["organisation"]) for n in trust["nearest"]] == [("Tess Trust", organisation.name)]
    assert [(n["leader_id"], n["detail"]) for n in days["nearest"]] == [
        (people["three"].pk, "3 days free"),
        (people["one"].pk, "1 day free"),
    ]
    assert days["widening"] == "fewer_days"
    assert shortfall["widenings"] == ["fewer_days"] and item.widened == []


def test_the_explanation_runs_a_fixed_number_of_queries(aire):
    organisation, coordinator = aire
    request = b.triaged(organisation, coordinator, client_school=b.school(trust_code="T1"))
    b.available_leader(organisation, days=1)

    def grow():
        b.available_leader(organisation, days=2)
        b.available_leader(organisation, school=b.school(trust_code="T1"))

    assert_constant_queries(lambda: rank_with_shortfall(request, brokering_organisation=organisation), grow)
    _, shortfall = rank_with_shortfall(request, brokering_organisation=organisation)
    assert [g["count"] for g in shortfall["groups"]] == [2, 3]


def test_a_wider_search_ranks_again_with_leaders_short_of_days_and_is_audited(aire):
    organisation, coordinator = aire
    item, people = nobody_eligible(organisation, coordinator)
    item = meetings.agenda_search(actor=coordinator, item=item, widen=["fewer_days"])
    item.refresh_from_db()
    assert item.widened == ["fewer_days"]
    eligible = [c for c in item.candidates if not c["excluded"]]
    assert {c["leader_id"] for c in eligible} == {people["three"].pk, people["one"].pk}
    assert people["in_trust"].pk not in {c["leader_id"] for c in eligible}, "never past a conflict of interest"
    flags = {c["leader_id"]: c["flags"] for c in eligible}
    assert flags[people["three"].pk] == ["Has 3 days free, 4 days needed: must offer more days before accepting"]
    assert [g["sentence"] for g in item.shortfall["groups"]] == ["1 leader is from a school in the school's own trust"]
    event = AuditEvent.objects.get(action="commissioning.agenda.searched")
    assert (event.actor, event.subject_id, event.organisation) == (coordinator, str(item.request_id), organisation)
    assert (event.from_state, event.to_state) == (
        "The usual search",
        "A wider search: also leaders with fewer free days than the request needs",
    )
    assert event.data == {"item_id": item.pk, "meeting_id": item.meeting_id, "widened": ["fewer_days"], "eligible": 2}

    # The usual search again, from the form or with "Rank again from the register".
    meetings.agenda_search(actor=coordinator, item=item, widen=[])
    item.refresh_from_db()
    assert item.widened == [] and not [c for c in item.candidates if not c["excluded"]]
    meetings.agenda_search(actor=coordinator, item=item, widen=["fewer_days"])
    meetings.agenda_rank(item=item)
    item.refresh_from_db()
    assert item.widened == []
    assert AuditEvent.objects.filter(action="commissioning.agenda.searched").count() == 3


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("a conflict of interest", "Choose a search from the list"),
        ("decided", "The panel has decided on this request"),
        ("held", "its agenda is closed"),
    ],
)
def test_a_wider_search_is_refused_and_changes_nothing(aire, case, message):
    organisation, coordinator = aire
    item, people = nobody_eligible(organisation, coordinator)
    widen = ["fewer_days"]
    if case == "a conflict of interest":
        widen = ["fewer_days", "conflicts"]
    elif case == "decided":
        meetings.agenda_search(actor=coordinator, item=item, widen=["fewer_days"])
        meetings.agenda_decide(
            actor=coordinator, item=item, leader=people["three"], rationale="Knows the school's phase well"
        )
        widen = []
    else:
        meetings.meeting_hold(actor=coordinator, meeting=item.meeting)
        item.meeting.refresh_from_db()
    item.refresh_from_db()
    before = (item.candidates, item.shortfall, item.widened, item.ranked_at)
    searched = AuditEvent.objects.filter(action="commissioning.agenda.searched").count()
    with pytest.raises(CommissioningRefused, match=message):
        meetings.agenda_search(actor=coordinator, item=item, widen=widen)
    item.refresh_from_db()
    assert (item.candidates, item.shortfall, item.widened, item.ranked_at) == before
    assert AuditEvent.objects.filter(action="commissioning.agenda.searched").count() == searched
    if case == "decided":
        assert item.request.status == RequestStatus.MATCHED


def test_a_wider_search_failing_at_its_audit_keeps_the_ranking_as_it_was(aire, monkeypatch):
    organisation, coordinator = aire
    item, _ = nobody_eligible(organisation, coordinator)
    item.refresh_from_db()
    before = (item.candidates, item.shortfall, item.widened, item.ranked_at)
    seen = fail_on_call(monkeypatch, meetings, "audit_record")
    with pytest.raises(WriteFailed, match="the disk is full"):
        meetings.agenda_search(actor=coordinator, item=item, widen=["fewer_days"])
    assert seen
    item.refresh_from_db()
    assert (item.candidates, item.shortfall, item.widened, item.ranked_at) == before
