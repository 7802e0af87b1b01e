"""Erasure (issue 13, 4c): domain/audit/erasure.py removes or replaces everything that names a
person, keeps the records that count and the audit trail's rows, and refuses where a record must be
kept (KEEP_RULES)."""

from datetime import date

import pytest
from django.test import Client

from domain.accounts.models import Membership, User
from domain.accounts.workflows import MembershipStatus
from domain.audit.erasure import (
    ERASED,
    ErasureRefused,
    erasure_plan,
    erasure_refusals,
    person_erase,
)
from domain.audit.models import AuditEvent
from domain.deployments.models import Deployment
from domain.designation.models import Designation
from domain.notifications.models import Notification
from domain.recruitment.models import Application
from tests.conftest import sign_in

from .former_applicant import EMAIL, NAME, a_former_applicant, places_naming

pytestmark = pytest.mark.django_db

REASON = "They asked by letter on 3 November; checked by calling the number we hold"


@pytest.fixture
def representative(demo_region_once):
    return User.objects.get(email="regional.lead@demo.test")


@pytest.fixture
def applicant(representative):
    return a_former_applicant()


def counts() -> dict:
    return {
        "applications": Application.objects.count(),
        "designations": Designation.objects.count(),
        "memberships": Membership.objects.count(),
        "users": User.objects.count(),
    }


def test_the_former_applicant_is_named_in_several_places_before(applicant):
    # Else the test below proves nothing.
    assert len(places_naming(NAME, EMAIL)) >= 4


def test_erasure_removes_the_name_and_address_everywhere_and_keeps_the_records(representative, applicant):
    before = counts()
    events_before = set(AuditEvent.objects.values_list("pk", flat=True))
    Notification.objects.create(user=applicant, title="A message", body=f"Dear {NAME}")

    erased = person_erase(actor=representative, person=applicant, reason=REASON)

    assert places_naming(NAME, EMAIL) == []
    assert counts() == before
    assert events_before <= set(AuditEvent.objects.values_list("pk", flat=True))
    erased.refresh_from_db()
    assert erased.full_name == f"Erased person #{erased.pk}"
    assert erased.email == f"erased-{erased.pk}@erased.invalid"
    assert not erased.has_usable_password() and not erased.is_active
    assert not erased.notifications.exists()
    assert not erased.totpdevice_set.exists()
    assert set(erased.memberships.values_list("status", flat=True)) == {MembershipStatus.ENDED}
    application = erased.applications.get()
    assert application.answers == {} and application.withdrawn_reason == ""
    assert application.status == "withdrawn"
    event = AuditEvent.objects.get(action=ERASED)
    assert event.actor == representative and event.reason == REASON
    assert event.subject_label == erased.full_name
    assert NAME not in str(event.data)


def test_the_name_in_the_reason_is_replaced_too(representative, applicant):
    person_erase(actor=representative, person=applicant, reason=f"{NAME.upper()} asked by e-mail")
    assert AuditEvent.objects.get(action=ERASED).reason == f"Erased person #{applicant.pk} asked by e-mail"


def test_erasure_ends_every_session(representative, applicant):
    client = sign_in(Client(), applicant)
    assert client.get("/account/").status_code == 200
    person_erase(actor=representative, person=applicant, reason=REASON)
    assert client.get("/account/").status_code == 302


def test_erasure_needs_a_reason_and_changes_nothing_without_one(representative, applicant):
    with pytest.raises(ErasureRefused, match="Enter why"):
        person_erase(actor=representative, person=applicant, reason="  ")
    applicant.refresh_from_db()
    assert applicant.full_name == NAME


def test_a_leader_of_a_deployment_is_refused_until_six_years_after_it_ends(representative):
    leader = User.objects.get(email="system.leader@demo.test")
    ends = Deployment.objects.get(leader=leader).ends_on
    until = ends.replace(year=ends.year + 6)
    refusals = erasure_refusals(actor=representative, person=leader)
    expected = (
        f"This person leads a deployment whose records must be kept until {until.day} {until:%B %Y} "
        "(contracts and payments are kept for 6 years): erasure is refused"
    )
    assert expected in refusals
    with pytest.raises(
        ErasureRefused, match="This person leads a deployment whose records must be kept until 21 January 2033"
    ):
        person_erase(actor=representative, person=leader, reason=REASON)
    leader.refresh_from_db()
    assert leader.full_name == "Alex Fernleigh" and leader.is_active
    assert not AuditEvent.objects.filter(action=ERASED).exists()
    later = erasure_refusals(actor=representative, person=leader, today=date(until.year + 1, 1, 1))
    assert not any("leads a deployment" in r for r in later)


def test_a_party_who_agreed_a_contract_is_refused(representative):
    contact = User.objects.get(email="school.contact@demo.test")
    assert any("agreed the contract" in r for r in erasure_refusals(actor=representative, person=contact))


def test_a_designation_in_force_is_refused(representative):
    existing = User.objects.get(email="existing.lle@demo.test")
    refusals = erasure_refusals(actor=representative, person=existing)
    assert refusals and refusals[0].startswith("This person holds a designation in force")


def test_an_application_still_being_decided_is_refused(representative, applicant):
    from domain.recruitment import services as recruitment
    from domain.recruitment.models import RecruitmentRound

    round_ = RecruitmentRound.objects.get(title="Aire Valley local leaders of education")
    recruitment.application_start(actor=applicant, round_=round_)
    refusals = erasure_refusals(actor=representative, person=applicant)
    assert refusals == [
        "This person has an application still being decided (Aire Valley local leaders of education): "
        "it must be decided or withdrawn first"
    ]


def test_nobody_erases_themselves(representative):
    assert erasure_refusals(actor=representative, person=representative) == ["You cannot erase your own account"]


def test_an_erased_person_is_not_erased_twice(representative, applicant):
    person_erase(actor=representative, person=applicant, reason=REASON)
    applicant.refresh_from_db()
    with pytest.raises(ErasureRefused, match="already been erased"):
        person_erase(actor=representative, person=applicant, reason=REASON)


def test_the_plan_says_what_goes_and_what_stays(representative, applicant):
    plan = erasure_plan(actor=representative, person=applicant)
    assert plan.allowed
    assert "Their roles (1) will be ended" in plan.removed
    assert "The text of their application answers (1)" in plan.removed
    assert any("audit trail" in line for line in plan.kept)
