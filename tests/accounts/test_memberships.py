"""A person's role in an organisation, changed only through the membership workflow."""

import pytest
from django.db import transaction

from domain.accounts import services
from domain.accounts.roles import Role
from domain.accounts.selectors import roles_of
from domain.audit.models import AuditEvent
from domain.audit.services import audit_record
from domain.workflows.table import TransitionRefused
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_suspending_a_role_needs_a_reason_and_is_recorded():
    actor = UserFactory()
    membership = MembershipFactory(role=Role.PANEL_MEMBER)
    with pytest.raises(TransitionRefused, match="Enter a reason to suspend the role"):
        services.membership_change(actor=actor, membership=membership, event="suspend")
    membership.refresh_from_db()
    assert membership.status == "active"
    assert not AuditEvent.objects.filter(action="accounts.membership.suspend").exists()

    services.membership_change(actor=actor, membership=membership, event="suspend", reason="On leave until January")
    membership.refresh_from_db()
    assert membership.status == "suspended"
    event = AuditEvent.objects.get(action="accounts.membership.suspend")
    assert (event.actor, event.from_state, event.to_state, event.reason) == (
        actor,
        "active",
        "suspended",
        "On leave until January",
    )
    assert event.organisation == membership.organisation


def test_a_suspended_role_gives_no_access_and_an_ended_role_cannot_come_back():
    membership = MembershipFactory(role=Role.TSA_COORDINATOR)
    user = membership.user
    assert roles_of(user) == {Role.TSA_COORDINATOR}
    services.membership_change(actor=None, membership=membership, event="suspend", reason="Investigation")
    user._active_memberships = None
    assert roles_of(user) == set()
    services.membership_change(actor=None, membership=membership, event="end", reason="Left the alliance")
    with pytest.raises(TransitionRefused, match="You cannot reinstate the role when it is ended"):
        services.membership_change(actor=None, membership=membership, event="reinstate")


@pytest.mark.django_db(transaction=True)
def test_audit_events_are_only_written_inside_the_change_s_transaction():
    user = UserFactory()
    with pytest.raises(RuntimeError, match="inside the service's transaction"):
        audit_record(actor=None, action="test.thing.done", subject=user)
    with transaction.atomic():
        audit_record(actor=None, action="test.thing.done", subject=user)
    assert AuditEvent.objects.filter(action="test.thing.done").count() == 1
