"""Invitations in bulk (an import's roles) are all-or-nothing while they are written: a failure
after the invitations are inserted (their audit rows, the in-app notices, the notice of the
second person) leaves no invitation, audit row or notice, sends no e-mail, and leaves the
invitations already there as they were.

The assertions run inside the test's transaction, before it ends: without the
`transaction.atomic` of `invitations_create` they see the half-written invitations (seen to fail)."""

import pytest
from django.core import mail

from domain.accounts import invitations as service
from domain.accounts.models import Invitation, Membership, User
from domain.accounts.roles import Role
from domain.audit.bulk import Audit
from domain.audit.models import AuditEvent
from domain.notifications.models import Notification
from domain.organisations.models import OrganisationKind
from tests.conftest import person_in_role
from tests.factories import OrganisationFactory
from tests.rollback import WriteFailed, fail_on_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def representative():
    body = OrganisationFactory(kind=OrganisationKind.REGIONAL_BODY, name="Yorkshire and the Humber board")
    return person_in_role(Role.REGIONAL_REPRESENTATIVE, organisation=body)


@pytest.fixture
def alliance():
    return OrganisationFactory(name="Riverside Alliance")


def _memberships(alliance, n, start=0):
    users = User.objects.bulk_create(
        [
            User(email=f"rollback{start + i}@example.test", full_name=f"Rollback Person {start + i}", password="!")
            for i in range(n)
        ]
    )
    return Membership.objects.bulk_create(
        [Membership(user=user, organisation=alliance, role=Role.SYSTEM_LEADER) for user in users]
    )


def snapshot() -> dict:
    return {
        "invitations": sorted(
            Invitation.objects.values_list("membership_id", "email", "sent_at", "times_sent", "token_hash")
        ),
        "audit": sorted(AuditEvent.objects.values_list("action", "subject_id")),
        "notifications": sorted(Notification.objects.values_list("user_id", "title")),
        "roles": sorted(Membership.objects.values_list("user_id", "organisation_id", "role", "status")),
    }


@pytest.mark.parametrize(
    ("owner", "name", "call"),
    [
        # After the invitations are inserted.
        pytest.param(Audit, "write", 1, id="their-audit-rows"),
        # After the invitations and their audit rows.
        pytest.param(Notification.objects, "bulk_create", 1, id="the-in-app-notices"),
        # The notice of the first person is made; the second one's fails.
        pytest.param(service, "_notice", 2, id="the-second-person-s-notice"),
    ],
)
def test_invitations_in_bulk_failing_part_way_keep_nothing_and_send_nothing(
    representative, alliance, django_capture_on_commit_callbacks, monkeypatch, owner, name, call
):
    with django_capture_on_commit_callbacks(execute=True):
        service.invitations_create(actor=representative, memberships=_memberships(alliance, 1), send=False)
    roles = _memberships(alliance, 3, start=1)
    before = snapshot()
    seen = fail_on_call(monkeypatch, owner, name, call)

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(WriteFailed, match="the disk is full"),
    ):
        service.invitations_create(actor=representative, memberships=roles, send=True)

    assert len(seen) == call, "the failure did not come where the test meant it to"
    assert snapshot() == before
    assert not Invitation.objects.filter(membership__in=roles).exists()
    assert Invitation.objects.get().sent_at is None  # the held invitation stays held
    assert (callbacks, mail.outbox) == ([], [])
