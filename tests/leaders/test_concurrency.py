"""The issue's concurrency test: "many simultaneous association attempts for one leader leave
exactly one active association". Each attempt runs in its own thread, on its own database
connection and in its own transaction, released together by a barrier. PostgreSQL only: SQLite
lets one writer at a time, so there is no race to lose there."""

from domain.leaders import association_services as assoc
from domain.leaders.models import Association
from domain.leaders.people import AssociationRefused
from tests.concurrency import POSTGRESQL_ONLY, _migrated_data_only, transactional_db  # noqa: F401 (fixtures)
from tests.concurrency import race as racing

from .helpers import alliance, alliance_with_coordinator, associated_leader, coordinator_of, unassociated_leader

N = 8

pytestmark = POSTGRESQL_ONLY


def race(attempts):
    return racing(attempts, refusal=AssociationRefused)


def assert_exactly_one_won(leader, successes, refusals, errors, attempts=N):
    assert errors == []
    assert len(successes) == 1, successes
    assert len(refusals) == attempts - 1
    assert all(refusal.strip() for refusal in refusals)
    active = list(Association.objects.filter(leader=leader, status="active"))
    assert len(active) == 1
    assert active[0].pk == successes[0].pk
    return active[0]


def test_a_leader_accepting_many_invitations_at_once_ends_with_exactly_one():
    leader = unassociated_leader()
    invitations = [assoc.association_invite(actor=None, organisation=alliance(), leader=leader) for _ in range(N)]

    successes, refusals, errors = race(
        [lambda a=a: assoc.association_accept(actor=leader, association=a) for a in invitations]
    )

    winner = assert_exactly_one_won(leader, successes, refusals, errors)
    assert all("withdrawn" in r or "already associated" in r for r in refusals), refusals
    assert Association.objects.filter(leader=leader, status="withdrawn").count() == N - 1
    assert winner.starts_on is not None


def test_coordinators_and_the_leader_accepting_at_once_end_with_exactly_one():
    """Half the offers are the alliances' invitations (the leader accepts), half the leader's
    requests (each alliance's coordinator accepts)."""
    leader = unassociated_leader()
    attempts = []
    for i in range(N):
        tsa, coordinator = alliance_with_coordinator()
        if i % 2:
            offer = assoc.association_invite(actor=coordinator, organisation=tsa, leader=leader)
            attempts.append(lambda a=offer: assoc.association_accept(actor=leader, association=a))
        else:
            offer = assoc.association_request(actor=leader, organisation=tsa)
            attempts.append(lambda a=offer, c=coordinator: assoc.association_accept(actor=c, association=a))

    successes, refusals, errors = race(attempts)

    assert_exactly_one_won(leader, successes, refusals, errors)


def test_many_transfers_of_one_association_at_once_end_with_exactly_one():
    leader, association = associated_leader(alliance())
    targets = [alliance() for _ in range(N)]

    successes, refusals, errors = race(
        [
            lambda t=t: assoc.association_transfer(actor=leader, association=association, organisation=t, reason="Move")
            for t in targets
        ]
    )

    winner = assert_exactly_one_won(leader, successes, refusals, errors)
    assert winner.previous_id == association.pk
    association.refresh_from_db()
    assert association.status == "transferred"


def test_many_coordinators_inviting_at_once_make_one_invitation():
    tsa = alliance()
    coordinators = [coordinator_of(tsa) for _ in range(N)]
    leader = unassociated_leader()

    successes, refusals, errors = race(
        [lambda c=c: assoc.association_invite(actor=c, organisation=tsa, leader=leader) for c in coordinators]
    )

    assert errors == []
    assert len(successes) == 1 and len(refusals) == N - 1
    assert all("already has an open invitation" in r for r in refusals), refusals
    assert Association.objects.filter(leader=leader, organisation=tsa).count() == 1


def test_accepting_and_designation_at_once_leave_exactly_one_active_association():
    """The alliances' designations always win (they transfer an association); whatever the order,
    the leader ends with one active association and nothing escapes as an error."""
    from .helpers import designate

    leader = unassociated_leader(role="nlg")
    invitations = [assoc.association_invite(actor=None, organisation=alliance(), leader=leader) for _ in range(N - 3)]
    designating = [alliance() for _ in range(3)]
    attempts = [lambda a=a: assoc.association_accept(actor=leader, association=a) for a in invitations]
    attempts += [
        lambda t=t, role=role: designate(leader, role=role, organisation=t)
        for t, role in zip(designating, ["lle", "sle", "nle"], strict=True)
    ]

    successes, refusals, errors = race(attempts)

    assert errors == []
    assert len(successes) + len(refusals) == N
    assert Association.objects.filter(leader=leader, status="active").count() == 1
    assert Association.objects.filter(leader=leader, status__in=["invited", "requested"]).count() == 0


def test_many_versions_of_the_memorandum_published_at_once_each_get_their_own_number():
    from domain.leaders.memorandum_services import memorandum_current, memorandum_publish
    from tests import factories

    region = factories.region()
    successes, refusals, errors = race(
        [lambda i=i: memorandum_publish(actor=None, region=region, title=f"Version {i}", body="Text") for i in range(N)]
    )

    assert errors == [] and refusals == []
    assert sorted(m.version for m in successes) == list(range(2, N + 2))
    assert memorandum_current(region).version == N + 1


def test_a_leader_saving_a_first_draft_twice_at_once_makes_one_portrait():
    from domain.leaders.models import PenPortrait
    from domain.leaders.portrait_services import portrait_save_draft

    leader = unassociated_leader()
    successes, refusals, errors = race(
        [lambda i=i: portrait_save_draft(actor=leader, values={"experience": f"Draft {i}"}) for i in range(N)]
    )

    assert errors == [] and refusals == []
    assert PenPortrait.objects.filter(leader=leader).count() == 1


def test_lowering_the_days_offered_while_days_are_committed_never_breaks_the_capacity_invariant():
    """DESIGN.md: "A leader's committed days never exceed the capacity they declared without an
    explicit override", whatever the leader and a coordinator do at the same moment."""
    from domain.leaders import availability_services as avail
    from domain.leaders.models import Term

    term = Term(2026, 1)
    broken = []
    for _ in range(6):
        leader = unassociated_leader()
        avail.availability_set(actor=leader, leader=leader, term=term, days=10)
        attempts = [
            lambda leader=leader: avail.commitment_add(actor=None, leader=leader, term=term, days=10, purpose="Deploy"),
            lambda leader=leader: avail.availability_set(actor=leader, leader=leader, term=term, days=0),
        ]
        successes, refusals, errors = race(attempts)
        assert errors == []
        assert len(successes) + len(refusals) == 2
        if avail.committed_days(leader, term) > avail.offered_days(leader, term):
            broken.append(leader)
    assert broken == []
