"""The world the URL x role matrix walks: the demo region (demo.region) with, beside it, a second
alliance in the same region and a second region, each with a person in every role, plus the real
records some URLs need (a notification, a referee's request with its single-use link, a password
reset link).

`build_world()` builds it all and returns the records by name; `shared_world` (a module-scoped
fixture) builds it once per test module inside a transaction that is rolled back at teardown, so
that each test (in its own transaction, pytest-django's `db`) sees the same world and nothing
leaks to other modules on the same worker. Every person here is synthetic."""

from dataclasses import dataclass
from datetime import date
from unittest import mock

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.region import DEMO_TOTP_KEY, PEOPLE, build_demo_region
from domain.accounts import services as accounts
from domain.accounts.models import User
from domain.accounts.roles import Role
from domain.designation.models import DesignatingSource, DesignationRole
from domain.designation.services import designation_create
from domain.organisations.models import AllianceMembership, Organisation, OrganisationKind, Region
from domain.organisations.national import ensure_department
from domain.schools.models import School
from tests.architecture.matrix_criteria import criteria_records
from tests.architecture.matrix_reviews import review_records
from tests.architecture.matrix_world_records import more_records, selection_records

ANON = "signed out"
OWNER = "owner"
OTHER_ALLIANCE = "other alliance, same region"
OTHER_REGION = "other region"
PERSPECTIVES = (OWNER, OTHER_ALLIANCE, OTHER_REGION)

# The organisation (by kind) each role is held in, in an organisation of our own.
ROLE_HOME = {
    Role.REGIONAL_REPRESENTATIVE: "regional_body",
    Role.TSA_COORDINATOR: "alliance",
    Role.PANEL_MEMBER: "alliance",
    Role.SYSTEM_LEADER: "school",
    Role.SCHOOL_CONTACT: "contact_school",
    Role.COMMISSIONER: "local_authority",
    Role.DEPARTMENT_OFFICIAL: "department",
}


@dataclass(frozen=True)
class Elsewhere:
    """An alliance, two schools and a local authority of our own; `region_code` is where they are."""

    key: str
    region_code: str
    alliance: str
    school: str
    contact_school: str
    local_authority: str
    urn: int
    town: str


ELSEWHERE = {
    OTHER_ALLIANCE: Elsewhere(
        "ouse", "YH", "Ouse Vale Teaching School Alliance", "Ousebank Primary School", "Riverholme Junior School",
        "Selby District Council (matrix)", 990201, "Selby",
    ),
    OTHER_REGION: Elsewhere(
        "tyne", "NE", "Tynedale Teaching School Alliance", "Hexside Primary School", "Wansbeck Junior School",
        "Tynedale Council (matrix)", 990301, "Hexham",
    ),
}  # fmt: skip


def _school(urn, name, region, town):
    return School.objects.create(
        urn=urn, name=name, status="open", phase="Primary", type_name="Community school", town=town,
        postcode="NE46 1AA" if region.code == "NE" else "YO8 4AB", easting=393000 if region.code == "NE" else 461000,
        northing=564000 if region.code == "NE" else 432000, la_name=town, region=region, ofsted_grade=2,
        ofsted_date=date(2022, 5, 11),
    )  # fmt: skip


def _person(email, full_name, organisation, role):
    user = accounts.user_create(actor=None, email=email, full_name=full_name, password="matrix-password-2026")
    accounts.membership_add(actor=None, user=user, organisation=organisation, role=role)
    if user.needs_two_factor():
        TOTPDevice.objects.create(user=user, name="Matrix authenticator", confirmed=True, key=DEMO_TOTP_KEY)
    return user


# Synthetic names for the people of the other organisations, one per role.
NAMES = {
    Role.REGIONAL_REPRESENTATIVE: "Rowan Ashby",
    Role.TSA_COORDINATOR: "Quinn Harrowgate",
    Role.PANEL_MEMBER: "Jesse Moorcroft",
    Role.SYSTEM_LEADER: "Avery Fellside",
    Role.SCHOOL_CONTACT: "Drew Wolds",
    Role.COMMISSIONER: "Sasha Lowmoor",
    Role.DEPARTMENT_OFFICIAL: "Blair Eastwood",
}


def build_elsewhere(perspective) -> dict:
    """The other perspective's organisations and a person in every role: {role: User}."""
    place = ELSEWHERE[perspective]
    region = Region.objects.get(code=place.region_code)
    school = _school(place.urn, place.school, region, place.town)
    contact_school = _school(place.urn + 1, place.contact_school, region, place.town)
    homes = {
        "regional_body": Organisation.objects.get(kind=OrganisationKind.REGIONAL_BODY, code=f"RB-{region.code}"),
        "alliance": Organisation.objects.create(
            name=place.alliance, kind=OrganisationKind.TSA, region=region, code=f"MX-{place.key}", lead_school=school
        ),
        "school": Organisation.objects.create(
            name=place.school, kind=OrganisationKind.SCHOOL, region=region, school=school
        ),
        "contact_school": Organisation.objects.create(
            name=place.contact_school, kind=OrganisationKind.SCHOOL, region=region, school=contact_school
        ),
        "local_authority": Organisation.objects.create(
            name=place.local_authority, kind=OrganisationKind.LOCAL_AUTHORITY, region=region, code=f"MX-LA-{place.key}"
        ),
        # The department is national: every perspective's official holds their role in it.
        "department": ensure_department(),
    }
    AllianceMembership.objects.create(alliance=homes["alliance"], school=school, is_teaching_school=True)
    people = {
        role: _person(f"{role.replace('_', '.')}@{place.key}.matrix.test", NAMES[role], homes[ROLE_HOME[role]], role)
        for role in Role
    }
    # Designated by their own alliance, as the demo's system leader is (demo.region).
    designation_create(
        actor=people[Role.TSA_COORDINATOR],
        person=people[Role.SYSTEM_LEADER],
        role=DesignationRole.LLE,
        source=DesignatingSource.TSA_OR_HUB,
        organisation=homes["alliance"],
        school=school,
        phases=["primary"],
        specialisms=[],
        starts_on=date(2025, 9, 1),
    )
    return people


def _invitation(coordinator):
    """The coordinator invites a new panel member to the alliance: the invitation and the token of
    its single-use link (caught on its way into the e-mail)."""
    from domain.accounts import invitations

    caught = {}
    make_email = invitations._email

    def catch(invitation, token):
        caught["token"] = token
        return make_email(invitation, token)

    with mock.patch.object(invitations, "_email", catch):
        invitation = invitations.invite(
            actor=coordinator,
            organisation=Organisation.objects.get(code="DEMO-TSA1"),
            email="new.panel.member@matrix.test",
            full_name="Lee Newcombe",
            role=Role.PANEL_MEMBER,
        )
    return invitation, caught["token"]


def _real_records(people) -> dict:
    """A notification of the system leader's, a referee's request checked by the coordinator (with
    its single-use link), an invitation with its link, a period the system leader is unavailable,
    and a password-reset link of a person who never signs in here."""
    from domain.leaders.availability_services import unavailable_add
    from domain.notifications.services import notify
    from domain.recruitment.models import ReferenceRequest
    from domain.recruitment.reference_services import reference_confirm

    leader, coordinator = people[OWNER][Role.SYSTEM_LEADER], people[OWNER][Role.TSA_COORDINATOR]
    notification = notify(user=leader, title="Your matrix notice", body="Something happened.", email=False)
    # Ellis Ashgrove's referees (demo.region): the coordinator checks the first; the others wait.
    first = ReferenceRequest.objects.filter(status="to_confirm").order_by("pk").first()
    sent, referee_token = reference_confirm(actor=coordinator, request=first, how="phone")
    invitation, invitation_token = _invitation(coordinator)
    period = unavailable_add(
        actor=leader, leader=leader, starts_on=date(2027, 2, 15), ends_on=date(2027, 2, 19), reason="Half term"
    )
    resetting = accounts.user_create(
        actor=None, email="forgetful@matrix.test", full_name="Kit Forgetful", password="matrix-password-2026"
    )
    return {
        "notification": notification,
        "sent_reference": sent,
        "to_confirm_reference": ReferenceRequest.objects.filter(status="to_confirm").order_by("pk").first(),
        "referee_token": referee_token,
        "people_invitation": invitation,
        "invitation_token": invitation_token,
        "unavailable_period": period,
        "reset_link": {
            "uidb64": urlsafe_base64_encode(force_bytes(resetting.pk)),
            "token": default_token_generator.make_token(resetting),
        },
    }


def demo_people() -> dict:
    return {person.role: User.objects.get(email=person.email) for person in PEOPLE}


def build_world() -> dict:
    """The demo region, the other organisations' people and the real records, by name."""
    from domain.accounts.models import Membership
    from domain.commissioning.models import AgendaItem, Offer, PanelMeeting, SupportRequest
    from domain.deployments.models import Deployment
    from domain.designation.models import Designation
    from domain.leaders.models import Association, PenPortrait
    from domain.recruitment.models import Application
    from domain.training.models import Booking, Event

    build_demo_region()
    people = {OWNER: demo_people(), **{perspective: build_elsewhere(perspective) for perspective in ELSEWHERE}}
    alliance = Organisation.objects.get(code="DEMO-TSA1")
    world = {
        "people": people,
        **_real_records(people),
        "leader": people[OWNER][Role.SYSTEM_LEADER],
        # The system leader's active association with the coordinator's alliance, and their
        # published pen portrait.
        "association": Association.objects.get(leader__email="system.leader@demo.test", status="active"),
        "portrait": PenPortrait.objects.get(leader__email="system.leader@demo.test", status="published"),
        # The hub's open invitation to the existing LLE, and a pen portrait waiting for the hub.
        "invitation": Association.objects.get(leader__email="existing.lle@demo.test", status="invited"),
        "awaiting_portrait": PenPortrait.objects.get(leader__email="sle.english@demo.test", status="submitted"),
        "hub": Organisation.objects.get(code="DEMO-HUB1"),
        # demo.commissioning: the school contact's request (chosen at the panel meeting and offered
        # to the system leader), the local authority's referral and the public form's request.
        "request": SupportRequest.objects.get(status="matched"),
        "referred": SupportRequest.objects.get(status="submitted"),
        "public_request": SupportRequest.objects.get(status="awaiting_confirmation"),
        "meeting": PanelMeeting.objects.get(),
        "item": AgendaItem.objects.get(request__status="matched"),
        "offer": Offer.objects.get(status="with_leader"),
        # demo.deployments: the local authority's referral of the school contact's school, delivered by
        # the system leader and brokered by the coordinator's alliance.
        "deployment": Deployment.objects.get(),
        # demo.training: the induction open to book, the CPD session held, Alex's booking at it, and
        # the new SLE's booking at the induction.
        "event": Event.objects.get(kind="induction"),
        "past_event": Event.objects.get(kind="cpd"),
        "booking": Booking.objects.get(delegate__email="system.leader@demo.test"),
        "induction_booking": Booking.objects.get(delegate__email="sle.english@demo.test"),
        "designation": Designation.objects.get(person__email="system.leader@demo.test", role="lle"),
        "school": School.objects.order_by("urn").first(),
        "alliance": alliance,
        "membership": Membership.objects.filter(organisation=alliance).first(),
        "application": Application.objects.get(applicant__email="system.leader@demo.test", round__role="sle"),
    }
    # After the demo's records are found: these add requests, offers and deployments beside them.
    return (
        world
        | more_records(people[OWNER], world["meeting"])
        | selection_records(people[OWNER])
        | review_records(people[OWNER])
        | criteria_records(people[OWNER])
    )


def sign_in_once(user) -> str:
    """A signed-in session for the person (second factor given where they have an app): its key."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def client_with(session_key) -> Client:
    client = Client()
    if session_key:
        client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    return client


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """build_world() once for the module, with a signed-in session for every person
    (world["sessions"][perspective][role]); rolled back when the module's tests are done."""
    from tests.conftest import FROZEN_AT

    with django_db_blocker.unblock(), time_machine.travel(FROZEN_AT, tick=False), transaction.atomic():
        world = build_world()
        world["sessions"] = {
            perspective: {role: sign_in_once(user) for role, user in people.items()}
            for perspective, people in world["people"].items()
        }
        yield world
        transaction.set_rollback(True)
