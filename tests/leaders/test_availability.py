"""Availability: terms, the days offered, unavailable periods and committed days (DESIGN.md
invariant: "A leader's committed days never exceed the capacity they declared without an
explicit override")."""

import datetime as dt
from decimal import Decimal

import pytest

from domain.audit.models import AuditEvent
from domain.leaders import availability_services as avail
from domain.leaders.models import Commitment, Term, TermAvailability, UnavailablePeriod
from domain.leaders.models.availability import days_words
from domain.leaders.people import AssociationRefused
from tests import factories
from tests.queries import assert_constant_queries, count_queries

from .helpers import unassociated_leader

pytestmark = pytest.mark.django_db

AUTUMN_2026 = Term(2026, 0)
SPRING_2027 = Term(2026, 1)
SUMMER_2027 = Term(2026, 2)


# Terms --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "term"),
    [
        (dt.date(2026, 9, 1), AUTUMN_2026),
        (dt.date(2026, 12, 31), AUTUMN_2026),
        (dt.date(2027, 1, 1), SPRING_2027),
        (dt.date(2027, 3, 31), SPRING_2027),
        (dt.date(2027, 4, 1), SUMMER_2027),
        (dt.date(2027, 8, 31), SUMMER_2027),
        (dt.date(2026, 8, 31), Term(2025, 2)),
        (dt.date(2026, 11, 22), AUTUMN_2026),
    ],
)
def test_the_term_containing_a_day(day, term):
    assert Term.containing(day) == term
    assert term.starts_on <= day <= term.ends_on


def test_terms_follow_each_other_without_gaps():
    terms = AUTUMN_2026.following(7)
    assert [t.key for t in terms] == [
        "2026-autumn",
        "2026-spring",
        "2026-summer",
        "2027-autumn",
        "2027-spring",
        "2027-summer",
        "2028-autumn",
    ]
    for before, after in zip(terms, terms[1:], strict=False):
        assert before.next() == after
        assert before < after
        assert after.starts_on == before.ends_on + dt.timedelta(days=1)
    assert AUTUMN_2026.following(1) == [AUTUMN_2026]


def test_term_keys_and_labels():
    assert SPRING_2027.key == "2026-spring"
    assert SPRING_2027.label == "Spring term 2026 to 2027"
    assert Term.of(2026, "summer") == SUMMER_2027
    assert Term.parse("2026-summer") == SUMMER_2027
    assert Term.parse(AUTUMN_2026.key) == AUTUMN_2026
    assert (SPRING_2027.starts_on, SPRING_2027.ends_on) == (dt.date(2027, 1, 1), dt.date(2027, 3, 31))


@pytest.mark.parametrize("key", ["", "2026", "2026-winter", "autumn-2026", "20x6-autumn", "-autumn"])
def test_parsing_something_that_is_not_a_term(key):
    with pytest.raises(ValueError, match="is not a term"):
        Term.parse(key)


def test_upcoming_terms_start_with_the_current_one():
    assert avail.upcoming_terms() == [AUTUMN_2026, SPRING_2027, SUMMER_2027]
    assert avail.upcoming_terms(dt.date(2027, 5, 1), count=2) == [SUMMER_2027, Term(2027, 0)]


# Days offered ---------------------------------------------------------------------------------


def test_setting_the_days_offered_and_changing_them():
    leader = unassociated_leader()
    row = avail.availability_set(actor=leader, leader=leader, term=SPRING_2027, days="6.5", note=" Mornings ")
    assert (row.days_offered, row.note) == (Decimal("6.5"), "Mornings")
    avail.availability_set(actor=leader, leader=leader, term=SPRING_2027, days=8)
    assert TermAvailability.objects.get(leader=leader).days_offered == Decimal(8)
    assert avail.offered_days(leader, SPRING_2027) == Decimal(8)
    assert avail.offered_days(leader, SUMMER_2027) == Decimal(0)
    event = AuditEvent.objects.filter(action="leaders.availability.set").latest("id")
    assert (event.from_state, event.to_state) == ("6.5 days", "8 days")


@pytest.mark.parametrize(
    ("days", "more", "words"),
    [
        (Decimal("1"), False, "1 day"),
        (Decimal("1.0"), False, "1 day"),
        (Decimal("0.5"), False, "0.5 days"),
        (Decimal("2.50"), False, "2.5 days"),
        (Decimal("0"), False, "0 days"),
        (Decimal("1"), True, "1 more day"),
        (Decimal("3"), True, "3 more days"),
    ],
)
def test_days_are_written_with_their_noun_in_the_right_form(days, more, words):
    assert days_words(days, more=more) == words


def test_one_day_offered_and_committed_is_recorded_as_one_day():
    """The timeline shows these states (web/portal/timeline.py)."""
    leader = unassociated_leader()
    avail.availability_set(actor=leader, leader=leader, term=SPRING_2027, days=1)
    avail.availability_set(actor=leader, leader=leader, term=SPRING_2027, days="0.5")
    offered = AuditEvent.objects.filter(action="leaders.availability.set").order_by("id")
    assert [(e.from_state, e.to_state) for e in offered] == [("", "1 day"), ("1 day", "0.5 days")]
    avail.availability_set(actor=leader, leader=leader, term=SPRING_2027, days=1)
    avail.commitment_add(actor=None, leader=leader, term=SPRING_2027, days="0.5", purpose="Deployment")
    assert AuditEvent.objects.get(action="leaders.commitment.added").to_state == "0.5 of 1 day committed"


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ("six", "as a number"),
        ("", "as a number"),
        ("-1", "as 0 or more"),
        ("NaN", "as 0 or more"),
        ("66", "65 or fewer"),
        ("2.3", "whole or half days"),
    ],
)
def test_bad_numbers_are_refused(days, message):
    leader = unassociated_leader()
    with pytest.raises(AssociationRefused, match=message):
        avail.availability_set(actor=leader, leader=leader, term=SPRING_2027, days=days)
    assert not TermAvailability.objects.exists()


def test_a_note_longer_than_the_column_is_refused_on_every_database():
    leader = unassociated_leader()
    with pytest.raises(AssociationRefused, match="The note must be 500 characters or fewer"):
        avail.availability_set(actor=leader, leader=leader, term=SPRING_2027, days=3, note="x" * 501)
    assert not TermAvailability.objects.exists()
    row = avail.availability_set(actor=leader, leader=leader, term=SPRING_2027, days=3, note=" " + "x" * 500 + " ")
    assert len(row.note) == 500
    assert avail.availability_set(actor=leader, leader=leader, term=SPRING_2027, days=3, note=None).note == ""


def test_a_term_that_has_ended_cannot_be_changed():
    leader = unassociated_leader()
    with pytest.raises(AssociationRefused, match="has ended"):
        avail.availability_set(actor=leader, leader=leader, term=Term(2025, 2), days=3)
    # the current term still can
    assert avail.availability_set(actor=leader, leader=leader, term=AUTUMN_2026, days=3).days_offered == 3


def test_the_days_offered_cannot_go_below_the_days_committed():
    leader = unassociated_leader()
    avail.availability_set(actor=leader, leader=leader, term=SPRING_2027, days=10)
    avail.commitment_add(actor=None, leader=leader, term=SPRING_2027, days=6, purpose="Deployment")
    with pytest.raises(AssociationRefused, match="6 days are already committed"):
        avail.availability_set(actor=leader, leader=leader, term=SPRING_2027, days=5)
    assert avail.availability_set(actor=leader, leader=leader, term=SPRING_2027, days=6).days_offered == 6


def test_one_day_committed_is_written_as_one_day():
    leader = unassociated_leader()
    avail.availability_set(actor=leader, leader=leader, term=SPRING_2027, days=10)
    avail.commitment_add(actor=None, leader=leader, term=SPRING_2027, days=1, purpose="Deployment")
    with pytest.raises(AssociationRefused, match=r"^1 day is already committed in the spring term 2026 to 2027: offer"):
        avail.availability_set(actor=leader, leader=leader, term=SPRING_2027, days=Decimal("0.5"))


# Unavailable periods --------------------------------------------------------------------------


def test_adding_and_removing_an_unavailable_period():
    leader = unassociated_leader()
    period = avail.unavailable_add(
        actor=leader, leader=leader, starts_on=dt.date(2027, 1, 10), ends_on=dt.date(2027, 1, 20), reason=" Inspection "
    )
    assert period.reason == "Inspection"
    period_id = period.pk
    assert AuditEvent.objects.filter(action="leaders.unavailable.added", data__period_id=period_id).exists()
    avail.unavailable_remove(actor=leader, period=period)
    assert not UnavailablePeriod.objects.exists()
    assert AuditEvent.objects.filter(action="leaders.unavailable.removed", data__period_id=period_id).exists()


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "message"),
    [
        (dt.date(2027, 1, 20), dt.date(2027, 1, 10), "same as or after the first day"),
        (dt.date(2026, 10, 1), dt.date(2026, 11, 21), "already ended"),
        (None, dt.date(2027, 1, 1), "Enter the first and last day"),
        ("2027-01-01", dt.date(2027, 1, 1), "Enter the first and last day"),
    ],
)
def test_bad_unavailable_periods_are_refused(starts_on, ends_on, message):
    leader = unassociated_leader()
    with pytest.raises(AssociationRefused, match=message):
        avail.unavailable_add(actor=leader, leader=leader, starts_on=starts_on, ends_on=ends_on)
    assert not UnavailablePeriod.objects.exists()


def test_a_one_day_period_that_ends_today_is_allowed():
    leader = unassociated_leader()
    today = dt.date(2026, 11, 22)
    assert avail.unavailable_add(actor=leader, leader=leader, starts_on=today, ends_on=today).pk


# Commitments ----------------------------------------------------------------------------------


def test_commitments_within_the_days_offered():
    leader = unassociated_leader()
    avail.availability_set(actor=leader, leader=leader, term=SPRING_2027, days=10)
    avail.commitment_add(actor=None, leader=leader, term=SPRING_2027, days=4, purpose="Deployment", reference="d:1")
    last = avail.commitment_add(actor=None, leader=leader, term=SPRING_2027, days="6", purpose="Deployment")
    assert last.override_reason == ""
    assert avail.committed_days(leader, SPRING_2027) == 10


def test_going_past_the_days_offered_needs_an_override_reason_which_is_recorded():
    leader = unassociated_leader(person=factories.UserFactory(full_name="Robin Leader"))
    avail.availability_set(actor=leader, leader=leader, term=SPRING_2027, days=5)
    avail.commitment_add(actor=None, leader=leader, term=SPRING_2027, days=4, purpose="First")
    with pytest.raises(AssociationRefused, match="Robin Leader has 1 day left .* committing 2 needs a reason"):
        avail.commitment_add(actor=None, leader=leader, term=SPRING_2027, days=2, purpose="Second")
    assert avail.committed_days(leader, SPRING_2027) == 4
    over = avail.commitment_add(
        actor=None, leader=leader, term=SPRING_2027, days=2, purpose="Second", override_reason=" Urgent support "
    )
    assert over.override_reason == "Urgent support"
    assert avail.committed_days(leader, SPRING_2027) == 6
    event = AuditEvent.objects.get(action="leaders.commitment.added", data__commitment_id=over.pk)
    assert event.data["over_capacity"] is True and event.reason == "Urgent support"


def test_a_leader_who_offered_nothing_cannot_be_committed_without_an_override():
    leader = unassociated_leader()
    with pytest.raises(AssociationRefused, match="has 0 days left"):
        avail.commitment_add(actor=None, leader=leader, term=SPRING_2027, days=1, purpose="Deployment")
    assert not Commitment.objects.exists()


@pytest.mark.parametrize(("days", "purpose", "message"), [(0, "x", "more than 0"), (1, " ", "Enter what the days")])
def test_bad_commitments_are_refused(days, purpose, message):
    leader = unassociated_leader()
    with pytest.raises(AssociationRefused, match=message):
        avail.commitment_add(actor=None, leader=leader, term=SPRING_2027, days=days, purpose=purpose)


def test_releasing_a_commitment_frees_its_days_once():
    leader = unassociated_leader()
    avail.availability_set(actor=leader, leader=leader, term=SPRING_2027, days=5)
    commitment = avail.commitment_add(actor=None, leader=leader, term=SPRING_2027, days=5, purpose="Deployment")
    released = avail.commitment_release(actor=None, commitment=commitment, reason="Cancelled")
    assert released.released_at is not None
    assert avail.committed_days(leader, SPRING_2027) == 0
    assert Commitment.objects.filter(pk=commitment.pk).exists()  # stays on the record
    with pytest.raises(AssociationRefused, match="already been released"):
        avail.commitment_release(actor=None, commitment=commitment)
    # the freed days can be committed again without an override
    assert (
        avail.commitment_add(actor=None, leader=leader, term=SPRING_2027, days=5, purpose="Other").override_reason == ""
    )


# Summaries ------------------------------------------------------------------------------------


def test_summaries_add_up_for_each_leader_and_term():
    first, second = unassociated_leader(), unassociated_leader()
    avail.availability_set(actor=first, leader=first, term=SPRING_2027, days=10, note="Tuesdays")
    avail.commitment_add(actor=None, leader=first, term=SPRING_2027, days=3, purpose="A")
    released = avail.commitment_add(actor=None, leader=first, term=SPRING_2027, days=2, purpose="B")
    avail.commitment_release(actor=None, commitment=released)
    avail.commitment_add(actor=None, leader=second, term=AUTUMN_2026, days=1, purpose="C", override_reason="Asked")
    inside = avail.unavailable_add(
        actor=first, leader=first, starts_on=dt.date(2027, 3, 30), ends_on=dt.date(2027, 4, 2)
    )

    summaries = avail.availability_summaries([first, second.pk], [AUTUMN_2026, SPRING_2027, SUMMER_2027])

    autumn, spring, summer = summaries[first.pk]
    assert (spring.offered, spring.committed, spring.remaining, spring.note) == (10, 3, 7, "Tuesdays")
    assert not spring.over_capacity
    assert autumn.offered == autumn.committed == 0 and autumn.unavailable == []
    assert spring.unavailable == [inside] and summer.unavailable == [inside]  # spans the two terms
    second_autumn = summaries[second.pk][0]
    assert second_autumn.over_capacity and second_autumn.remaining == -1


def test_summaries_run_a_constant_number_of_queries():
    leaders = [unassociated_leader()]
    terms = avail.upcoming_terms()

    def grow():
        leader = unassociated_leader()
        leaders.append(leader)
        avail.availability_set(actor=leader, leader=leader, term=SPRING_2027, days=4)
        avail.commitment_add(actor=None, leader=leader, term=SPRING_2027, days=1, purpose="A")
        avail.unavailable_add(actor=leader, leader=leader, starts_on=dt.date(2027, 1, 1), ends_on=dt.date(2027, 1, 2))

    assert_constant_queries(lambda: avail.availability_summaries(list(leaders), terms), grow)
    queries, _ = count_queries(lambda: avail.availability_summaries(list(leaders), terms))
    assert queries == 3
