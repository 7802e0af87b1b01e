"""The association rules as decision tables (domain/leaders/association_services.py). Written to
kill the mutants `make mutate` found surviving (docs/testing.md); each test states a rule of the
service: who is told what in which words, what the audit trail records (who, which organisation, why),
and which offers expire."""

import datetime as dt
import re

import pytest

from domain.audit.models import AuditEvent
from domain.leaders import association_services as assoc
from domain.leaders.models import Association
from domain.leaders.people import AssociationRefused
from domain.notifications.models import Notification

from .helpers import alliance, alliance_with_coordinator, associated_leader, invitation, unassociated_leader

pytestmark = pytest.mark.django_db


def audited(association, event):
    return AuditEvent.objects.get(action=f"leaders.association.{event}", subject_id=str(association.pk))


# event -> (who answers: "leader" or "alliance", on an invitation, the words the other side is told)
ANSWERS = {
    "decline": ("leader", "declined"),
    "withdraw": ("alliance", "withdrew"),
}


@pytest.mark.parametrize("event", ANSWERS)
def test_closing_an_invitation_is_audited_as_the_person_for_the_alliance_without_a_reason(event):
    tsa, coordinator = alliance_with_coordinator()
    leader = unassociated_leader()
    offered = invitation(tsa, leader, coordinator)
    side, words = ANSWERS[event]
    actor = leader if side == "leader" else coordinator
    service = assoc.association_decline if event == "decline" else assoc.association_withdraw
    service(actor=actor, association=offered)
    row = audited(offered, event)
    assert (row.actor, row.organisation, row.reason) == (actor, tsa, "")
    told = coordinator if side == "leader" else leader
    expected = (
        f"{leader.full_name} {words} the association with {tsa.name}"
        if side == "leader"
        else f"{tsa.name} {words} your association"
    )
    assert Notification.objects.filter(user=told).latest("id").title == expected


def test_the_leader_who_declines_a_request_tells_nobody_else_and_the_alliance_is_told_in_those_words():
    tsa, coordinator = alliance_with_coordinator()
    leader = unassociated_leader()
    asked = assoc.association_request(actor=leader, organisation=tsa)
    assoc.association_decline(actor=coordinator, association=asked, reason="We are full")
    told = Notification.objects.filter(user=leader).latest("id")
    assert (told.title, told.body) == (
        f"{tsa.name} declined your association",
        f"{tsa.name} declined the association with you.",
    )
    assert audited(asked, "decline").reason == "We are full"


def test_inviting_many_invites_each_as_the_coordinator_with_the_message():
    tsa, coordinator = alliance_with_coordinator()
    leaders = [unassociated_leader(), unassociated_leader()]
    made, refused = assoc.association_invite_many(
        actor=coordinator, organisation=tsa, leaders=leaders, message="Join our hub"
    )
    assert refused == []
    assert [(a.leader, a.started_by, a.message) for a in made] == [(x, coordinator, "Join our hub") for x in leaders]


def test_only_open_offers_expire_and_each_expiry_is_audited_for_its_alliance():
    leader = unassociated_leader()
    tsa, coordinator = alliance_with_coordinator()
    invited = invitation(tsa, leader, coordinator)
    declined = invitation(alliance(), unassociated_leader())
    assoc.association_decline(actor=declined.leader, association=declined)
    # Both were due on 20 December; only the one still open expires.
    assert assoc.associations_expire_due(today=dt.date(2026, 12, 21)) == 1
    assert Association.objects.get(pk=declined.pk).status == "declined"
    assert audited(invited, "expire").organisation == tsa


def test_inviting_many_without_a_message_sends_none():
    tsa, coordinator = alliance_with_coordinator()
    made, _ = assoc.association_invite_many(actor=coordinator, organisation=tsa, leaders=[unassociated_leader()])
    assert [a.message for a in made] == [""]


def test_moving_an_association_without_saying_why_is_refused_in_those_words():
    tsa, coordinator = alliance_with_coordinator()
    _, association = associated_leader(tsa)
    with pytest.raises(AssociationRefused, match=f"^{re.escape('Enter why the association is moving')}$"):
        assoc.association_transfer(actor=coordinator, association=association, organisation=alliance(), reason="  ")
