"""The front door (request_check, request_submit) and the request's workflow (triage, pass on,
decline, withdraw, confirm)."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from domain.audit.models import AuditEvent
from domain.commissioning import request_services as requests
from domain.commissioning import routing
from domain.commissioning.errors import CommissioningRefused, RequestInvalid
from domain.commissioning.models import Offer, SupportRequest
from domain.commissioning.workflows import OfferStatus, RequestStatus
from domain.leaders.models import Commitment
from domain.notifications.models import Notification, Reminder
from domain.organisations.models import AllianceMembership
from domain.workflows.table import TransitionRefused

from . import builders as b

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 22)


def refusal(values, school=None):
    with pytest.raises(RequestInvalid) as caught:  # noqa: PT011 - a helper for many refusals: each caller names its own
        requests.request_check(values, school=school or b.school())
    return caught.value.errors


# request_check: each field ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"needs": []}, "needs", "Choose at least one area the school needs support with"),
        ({"needs": None}, "needs", "Choose at least one area the school needs support with"),
        ({"needs": ["maths", "knitting"]}, "needs", "These are not on the list of areas of support: knitting"),
        ({"phase": ""}, "phase", "Choose the phase of the school"),
        ({"phase": "nursery"}, "phase", "Choose the phase of the school"),
        ({"role_sought": "head"}, "role_sought", "Choose the kind of system leader the school needs"),
        ({"role_sought": None}, "role_sought", "Choose the kind of system leader the school needs"),
        ({"description": "   "}, "description", "Describe the support the school needs"),
        ({"description": "x" * 5001}, "description", "The description must be 5,000 characters or fewer"),
        ({"days": "a few"}, "days", "Enter the number of days of support, like 2 or 10"),
        ({"days": ""}, "days", "Enter the number of days of support, like 2 or 10"),
        ({"days": "NaN"}, "days", "Enter the number of days of support, like 2 or 10"),
        ({"days": "Infinity"}, "days", "Enter the number of days of support, like 2 or 10"),
        ({"days": None}, "days", "Enter the number of days of support, like 2 or 10"),
        ({"days": "0"}, "days", "Enter between half a day and 65 days (a term full time)"),
        ({"days": "-2"}, "days", "Enter between half a day and 65 days (a term full time)"),
        ({"days": "65.5"}, "days", "Enter between half a day and 65 days (a term full time)"),
        ({"days": "2.25"}, "days", "Enter the days in whole or half days"),
        ({"pattern": "whenever"}, "pattern", "Choose whether the support is in a block or spread out"),
        ({"window_starts": None}, "window_starts", "Enter the date the support could start"),
        ({"window_starts": "2026-12-01"}, "window_starts", "Enter the date the support could start"),
        ({"window_ends": None}, "window_ends", "Enter the date the support must end by"),
        (
            {"window_starts": TODAY + dt.timedelta(days=30), "window_ends": TODAY + dt.timedelta(days=29)},
            "window_ends",
            "The end date must be the same as or after the start date",
        ),
        (
            {"window_starts": TODAY - dt.timedelta(days=30), "window_ends": TODAY - dt.timedelta(days=1)},
            "window_ends",
            "The end date must be in the future",
        ),
        ({"funding": "lottery"}, "funding", "Choose how the support is funded"),
        ({"funding": ""}, "funding", "Choose how the support is funded"),
        (
            {"consent_to_share": False},
            "consent_to_share",
            "Confirm that the school agrees to share this request with the alliance and its panel",
        ),
        (
            {"consent_to_share": "yes"},
            "consent_to_share",
            "Confirm that the school agrees to share this request with the alliance and its panel",
        ),
        ({"nlg_package": "maintained"}, "nlg_package", "A support package is for a national leader of governance only"),
        ({"nlg_package": "gold"}, "nlg_package", "Choose a support package for a national leader of governance"),
    ],
)
def test_each_field_is_refused_with_its_message(changes, field, message):
    errors = refusal(b.values(**changes))
    assert errors == {field: message}


def test_a_valid_request_is_cleaned():
    cleaned = requests.request_check(
        b.values(needs=["maths", "maths", "english"], description="  Help  ", days=" 2.5 "), school=b.school()
    )
    assert cleaned["needs"] == ["maths", "english"]
    assert cleaned["description"] == "Help"
    assert cleaned["days"] == Decimal("2.5")
    assert cleaned["consent_to_share"] is True


@pytest.mark.parametrize("days", ["0.5", "2", "65", 3, Decimal("10.5")])
def test_the_days_within_the_bounds_are_accepted(days):
    assert requests.request_check(b.values(days=days), school=b.school())["days"] == Decimal(str(days))


def test_a_window_ending_today_is_accepted():
    cleaned = requests.request_check(b.values(window_starts=TODAY, window_ends=TODAY), school=b.school())
    assert cleaned["window_ends"] == TODAY


def test_every_error_is_given_at_once():
    errors = refusal(
        {
            "needs": [],
            "phase": "",
            "role_sought": "",
            "description": "",
            "days": "lots",
            "pattern": "",
            "window_starts": None,
            "window_ends": None,
            "funding": "",
            "consent_to_share": False,
        }
    )
    assert set(errors) == {
        "needs",
        "phase",
        "role_sought",
        "description",
        "days",
        "pattern",
        "window_starts",
        "window_ends",
        "funding",
        "consent_to_share",
    }
    assert all(errors.values())


def test_a_client_trust_must_be_a_trust():
    not_a_trust = b.factories.OrganisationFactory(name="Leeds City Council")
    errors = refusal(b.values(client_trust=not_a_trust))
    assert errors == {"client_trust": "Leeds City Council is not a trust"}


# request_submit --------------------------------------------------------------------------


def test_a_refused_request_saves_nothing():
    organisation, _ = b.alliance_with_coordinator()
    client = b.school()
    contact = b.school_contact_of(client)
    events, notes, reminders = AuditEvent.objects.count(), Notification.objects.count(), Reminder.objects.count()
    with pytest.raises(RequestInvalid, match="Choose at least one area the school needs support with") as caught:
        requests.request_submit(
            actor=contact,
            school=client,
            values=b.values(days="lots", needs=[]),
            referrer_kind="client_school",
            preferred_organisation=organisation,
        )
    assert set(caught.value.errors) == {"days", "needs"}
    assert SupportRequest.objects.count() == 0
    assert (AuditEvent.objects.count(), Notification.objects.count(), Reminder.objects.count()) == (
        events,
        notes,
        reminders,
    )


def test_a_request_needs_a_school_and_a_kind_of_referrer():
    organisation, _ = b.alliance_with_coordinator()
    with pytest.raises(RequestInvalid, match="Choose the school that needs support") as caught:
        requests.request_submit(actor=None, school=None, values=b.values(), referrer_kind="client_school")
    assert caught.value.errors == {"school": "Choose the school that needs support"}
    with pytest.raises(RequestInvalid, match="Choose who is asking for the support") as caught:
        requests.request_submit(
            actor=None,
            school=b.school(),
            values=b.values(),
            referrer_kind="a friend",
            preferred_organisation=organisation,
        )
    assert caught.value.errors == {"referrer_kind": "Choose who is asking for the support"}
    with pytest.raises(CommissioningRefused, match="is not a way to ask for support"):
        requests.request_submit(
            actor=None, school=b.school(), values=b.values(), referrer_kind="client_school", route="carrier pigeon"
        )
    assert SupportRequest.objects.count() == 0


def test_a_school_asks_and_its_alliance_is_told_and_reminded():
    organisation, coordinator = b.alliance_with_coordinator()
    client = b.school()
    contact = b.school_contact_of(client)
    request = requests.request_submit(
        actor=contact,
        school=client,
        values=b.values(),
        referrer_kind="client_school",
        preferred_organisation=organisation,
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.SUBMITTED
    assert request.route == "school"
    assert request.submitted_by == contact
    assert request.brokering_organisation == organisation
    assert request.preferred_organisation == organisation
    assert request.days == Decimal(4)
    assert request.reference == f"SR{request.pk:06d}"
    assert Notification.objects.filter(user=coordinator, link=f"/home/requests/{request.pk}/").count() == 1
    reminder = Reminder.objects.pending().get(user=coordinator)
    assert reminder.key == f"request-triage:{request.pk}:{coordinator.pk}"
    assert reminder.due_at == timezone.now() + dt.timedelta(days=requests.TRIAGE_CHASER_DAYS)
    assert (reminder.subject_type, reminder.subject_id) == ("commissioning.supportrequest", str(request.pk))
    event = AuditEvent.objects.get(action="commissioning.request.created")
    assert (event.subject_id, event.actor, event.to_state, event.organisation) == (
        str(request.pk),
        contact,
        "submitted",
        organisation,
    )
    assert event.data == {"school_id": client.pk, "route": "school", "referrer_kind": "client_school"}


def test_triage_cancels_the_chaser_and_tells_the_client():
    organisation, coordinator = b.alliance_with_coordinator()
    second = b.coordinator_of(organisation)
    request = b.submitted(organisation)
    assert Reminder.objects.pending().filter(subject_id=str(request.pk)).count() == 2
    triaged = requests.request_triage(actor=coordinator, request=request)
    assert triaged.status == RequestStatus.TRIAGED
    assert Reminder.objects.pending().filter(subject_id=str(request.pk)).count() == 0
    assert Reminder.objects.filter(user=second, cancelled_at__isnull=False).count() == 1
    assert Notification.objects.filter(user=request.submitted_by, title__contains="accepted for matching").exists()
    assert AuditEvent.objects.filter(action="commissioning.request.triage", subject_id=str(request.pk)).count() == 1


def test_a_referral_records_who_referred():
    organisation, coordinator = b.alliance_with_coordinator()
    council = b.factories.OrganisationFactory(kind="local_authority", name="Leeds City Council")
    commissioner = b.person_in_role("commissioner", organisation=council)
    client = b.school()
    contact = b.school_contact_of(client)
    request = requests.request_submit(
        actor=commissioner,
        school=client,
        values=b.values(),
        referrer_kind="local_authority",
        referrer_organisation=council,
        preferred_organisation=organisation,
        route="referral",
    )
    request.refresh_from_db()
    assert (request.route, request.referrer_kind, request.referrer_organisation) == (
        "referral",
        "local_authority",
        council,
    )
    assert request.submitted_by == commissioner
    assert request.status == RequestStatus.SUBMITTED
    # The school hears of its progress as well as the referrer.
    requests.request_triage(actor=coordinator, request=request)
    told = set(Notification.objects.filter(title__contains="accepted for matching").values_list("user", flat=True))
    assert told == {contact.pk, commissioner.pk}


CONTACT = {"contact_name": "Sam Ridgeway", "contact_email": "deputy@example.test", "contact_role": "Deputy head"}


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("contact_name", "Enter your name"),
        ("contact_email", "Enter your email address"),
        ("contact_role", "Enter your role at the school"),
    ],
)
def test_the_public_form_needs_each_contact_field(missing, message):
    organisation, _ = b.alliance_with_coordinator()
    with pytest.raises(RequestInvalid, match=re.escape(message)) as caught:
        requests.request_submit(
            actor=None,
            school=b.school(),
            values=b.values(),
            referrer_kind="client_school",
            preferred_organisation=organisation,
            route="public_form",
            contact={**CONTACT, missing: "  "},
        )
    assert caught.value.errors == {missing: message}
    assert SupportRequest.objects.count() == 0


def test_the_public_form_waits_for_the_schools_contacts_to_confirm():
    organisation, coordinator = b.alliance_with_coordinator()
    client = b.school()
    contact = b.school_contact_of(client)
    request = requests.request_submit(
        actor=None,
        school=client,
        values=b.values(),
        referrer_kind="client_school",
        preferred_organisation=organisation,
        route="public_form",
        contact=CONTACT,
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.AWAITING_CONFIRMATION
    assert request.submitted_by is None
    assert (request.contact_name, request.contact_email, request.contact_role) == tuple(CONTACT.values())
    assert list(Notification.objects.values_list("user", flat=True)) == [contact.pk]
    assert "Confirm" in Notification.objects.get().title
    # Nothing for the alliance to triage yet: no chaser.
    assert not Reminder.objects.pending().filter(subject_id=str(request.pk)).exists()
    with pytest.raises(
        TransitionRefused, match="You cannot accept for matching when it is waiting for the school to confirm"
    ):
        requests.request_triage(actor=coordinator, request=request)
    confirmed = requests.request_confirm(actor=contact, request=request)
    assert confirmed.status == RequestStatus.SUBMITTED
    assert Reminder.objects.pending().filter(user=coordinator, subject_id=str(request.pk)).count() == 1


def test_the_public_form_goes_to_the_alliance_when_the_school_has_no_contact():
    organisation, coordinator = b.alliance_with_coordinator()
    requests.request_submit(
        actor=None,
        school=b.school(),
        values=b.values(),
        referrer_kind="client_school",
        preferred_organisation=organisation,
        route="public_form",
        contact=CONTACT,
    )
    assert list(Notification.objects.values_list("user", flat=True)) == [coordinator.pk]


# Routing -----------------------------------------------------------------------------------


def test_the_clients_choice_of_an_open_alliance_wins():
    chosen, _ = b.alliance_with_coordinator()
    own, _ = b.alliance_with_coordinator()
    client = b.member_school(own)
    assert routing.brokering_organisation_for(client, chosen) == chosen


@pytest.mark.parametrize(
    "fields", [{"is_active": False}, {"kind": "local_authority"}, {"kind": "trust"}], ids=["closed", "LA", "trust"]
)
def test_a_choice_that_cannot_broker_is_ignored(fields):
    not_open = b.factories.OrganisationFactory(**fields)
    own, _ = b.alliance_with_coordinator()
    client = b.member_school(own)
    assert routing.brokering_organisation_for(client, not_open) == own
    request = requests.request_submit(
        actor=b.school_contact_of(client),
        school=client,
        values=b.values(),
        referrer_kind="client_school",
        preferred_organisation=not_open,
    )
    assert request.brokering_organisation == own
    if not_open.kind != "tsa":
        assert request.preferred_organisation is None


def test_the_alliance_where_the_school_is_a_teaching_school_comes_first():
    first = b.alliance(name="A first alliance")
    teaching = b.alliance(name="Z teaching alliance")
    client = b.school()
    AllianceMembership.objects.create(alliance=first, school=client)
    AllianceMembership.objects.create(alliance=teaching, school=client, is_teaching_school=True)
    assert routing.brokering_organisation_for(client) == teaching


def test_membership_of_a_closed_alliance_does_not_count():
    closed = b.alliance(name="A closed alliance", is_active=False)
    open_one = b.alliance(name="B open alliance")
    client = b.school()
    AllianceMembership.objects.create(alliance=closed, school=client, is_teaching_school=True)
    AllianceMembership.objects.create(alliance=open_one, school=client)
    assert routing.brokering_organisation_for(client) == open_one


def test_a_hub_serving_the_schools_district_brokers():
    near = b.alliance(lead_school=b.school(easting=430000, northing=433000))
    hub = b.alliance(kind="hub", districts=["Wakefield"], lead_school=b.school(easting=530000, northing=533000))
    client = b.school(district_name="", la_name="Wakefield", easting=430100, northing=433100)
    assert routing.brokering_organisation_for(client) == hub
    assert near != hub


def test_otherwise_the_nearest_alliance_of_the_region_by_its_lead_school():
    b.alliance(name="Far", lead_school=b.school(easting=480000, northing=480000))
    near = b.alliance(name="Near", lead_school=b.school(easting=431000, northing=434000))
    b.alliance(
        name="Nearer but in another region",
        region=b.factories.region("North East"),
        lead_school=b.school(easting=430001, northing=433001),
    )
    client = b.school(easting=430000, northing=433000)
    assert routing.brokering_organisation_for(client) == near


def test_a_school_with_no_alliance_to_broker_is_refused_clearly():
    b.alliance(region=b.factories.region("North East"))
    client = b.school()
    assert routing.brokering_organisation_for(client) is None
    with pytest.raises(
        CommissioningRefused, match="No teaching school alliance or hub brokers support in the school's area yet"
    ) as caught:
        requests.request_submit(
            actor=b.school_contact_of(client), school=client, values=b.values(), referrer_kind="client_school"
        )
    assert str(caught.value) == (
        "No teaching school alliance or hub brokers support in the school's area yet: contact your regional board"
    )
    assert SupportRequest.objects.count() == 0


# The request's workflow ----------------------------------------------------------------------


def test_a_request_is_triaged_once():
    organisation, coordinator = b.alliance_with_coordinator()
    request = b.triaged(organisation, coordinator)
    with pytest.raises(TransitionRefused, match="You cannot accept for matching when it is accepted for matching"):
        requests.request_triage(actor=coordinator, request=request)
    with pytest.raises(TransitionRefused, match="You cannot confirm the request when it is accepted for matching"):
        requests.request_confirm(actor=coordinator, request=request)


def test_pass_on_moves_the_request_to_another_alliance():
    organisation, coordinator = b.alliance_with_coordinator()
    other, other_coordinator = b.alliance_with_coordinator(kind="hub")
    request = b.triaged(organisation, coordinator)
    passed = requests.request_pass_on(
        actor=coordinator, request=request, organisation=other, reason="The school is in the hub's area"
    )
    passed.refresh_from_db()
    assert (passed.status, passed.brokering_organisation) == (RequestStatus.SUBMITTED, other)
    assert Notification.objects.filter(user=other_coordinator, title__startswith="New request for support").exists()
    assert Reminder.objects.pending().filter(user=other_coordinator, subject_id=str(request.pk)).count() == 1
    assert not Reminder.objects.pending().filter(user=coordinator).exists()
    event = AuditEvent.objects.get(action="commissioning.request.pass_on")
    assert (event.reason, event.data) == ("The school is in the hub's area", {"to_organisation_id": other.pk})


def test_pass_on_cancels_the_first_alliances_chaser():
    organisation, coordinator = b.alliance_with_coordinator()
    other, _ = b.alliance_with_coordinator()
    request = b.submitted(organisation)
    requests.request_pass_on(actor=coordinator, request=request, organisation=other, reason="Not our area")
    assert not Reminder.objects.pending().filter(user=coordinator).exists()


@pytest.mark.parametrize(
    ("target", "reason", "message"),
    [
        ("other", "  ", "Enter why the request is being passed on"),
        ("same", "Because", "The request is already with"),
        ("closed", "Because", "Choose an open teaching school alliance, hub or grouping"),
        ("council", "Because", "Choose an open teaching school alliance, hub or grouping"),
        (None, "Because", "Choose an open teaching school alliance, hub or grouping"),
    ],
)
def test_pass_on_is_refused_without_a_reason_or_another_open_alliance(target, reason, message):
    organisation, coordinator = b.alliance_with_coordinator()
    targets = {
        "other": b.alliance(),
        "same": organisation,
        "closed": b.alliance(is_active=False),
        "council": b.factories.OrganisationFactory(kind="local_authority"),
        None: None,
    }
    request = b.submitted(organisation)
    with pytest.raises(CommissioningRefused, match=message):
        requests.request_pass_on(actor=coordinator, request=request, organisation=targets[target], reason=reason)
    request.refresh_from_db()
    assert (request.status, request.brokering_organisation) == (RequestStatus.SUBMITTED, organisation)


def test_decline_needs_a_reason_and_tells_the_client():
    organisation, coordinator = b.alliance_with_coordinator()
    request = b.submitted(organisation)
    with pytest.raises(CommissioningRefused, match="Enter why the request is declined"):
        requests.request_decline(actor=coordinator, request=request, reason=" ")
    declined = requests.request_decline(actor=coordinator, request=request, reason="  Already supported by the LA ")
    declined.refresh_from_db()
    assert (declined.status, declined.decision_reason) == (RequestStatus.DECLINED, "Already supported by the LA")
    assert Notification.objects.filter(
        user=request.submitted_by, title=f"Request {request.reference} was declined: Already supported by the LA"
    ).exists()
    assert not Reminder.objects.pending().filter(subject_id=str(request.pk)).exists()
    for refused in (
        lambda: requests.request_triage(actor=coordinator, request=declined),
        lambda: requests.request_withdraw(actor=coordinator, request=declined),
        lambda: requests.request_decline(actor=coordinator, request=declined, reason="Again"),
    ):
        with pytest.raises(TransitionRefused, match="when it is declined"):
            refused()


def test_withdraw_a_submitted_request():
    organisation, _ = b.alliance_with_coordinator()
    request = b.submitted(organisation)
    withdrawn = requests.request_withdraw(actor=request.submitted_by, request=request, reason="Solved locally")
    assert withdrawn.status == RequestStatus.WITHDRAWN
    assert not Reminder.objects.pending().filter(subject_id=str(request.pk)).exists()
    with pytest.raises(TransitionRefused, match="You cannot withdraw the request when it is withdrawn"):
        requests.request_withdraw(actor=request.submitted_by, request=withdrawn)


def test_withdraw_withdraws_the_live_offer_and_releases_the_leaders_days():
    from domain.commissioning import offer_services as offers

    organisation, coordinator = b.alliance_with_coordinator()
    leader = b.available_leader(organisation, days=10)
    offer = b.offered(organisation, coordinator, leader)
    offers.offer_leader_accept(actor=leader, offer=offer)
    assert b.committed_in_window(leader) == Decimal(4)
    requests.request_withdraw(actor=offer.request.submitted_by, request=offer.request, reason="A new head started")
    offer.refresh_from_db()
    assert offer.status == OfferStatus.WITHDRAWN
    assert offer.request.status == RequestStatus.WITHDRAWN
    assert b.committed_in_window(leader) == 0
    assert all(c.released_at is not None for c in Commitment.objects.filter(reference=f"offer:{offer.pk}"))
    assert not Offer.objects.filter(status__in=["with_leader", "with_client"]).exists()


def test_an_agreed_request_cannot_be_withdrawn():
    from domain.commissioning import offer_services as offers

    organisation, coordinator = b.alliance_with_coordinator()
    leader = b.available_leader(organisation)
    offer = b.offered(organisation, coordinator, leader)
    offers.offer_leader_accept(actor=leader, offer=offer)
    offers.offer_client_accept(actor=offer.request.submitted_by, offer=offer)
    with pytest.raises(TransitionRefused, match="You cannot withdraw the request when it is agreed"):
        requests.request_withdraw(actor=offer.request.submitted_by, request=offer.request)
    offer.request.refresh_from_db()
    assert offer.request.status == RequestStatus.AGREED


def test_only_a_contact_at_the_school_asks_as_the_school():
    organisation, coordinator = b.alliance_with_coordinator()
    client = b.member_school(organisation)
    with pytest.raises(CommissioningRefused, match="Only a contact at .+ asks as the school: refer the school instead"):
        requests.request_submit(actor=coordinator, school=client, values=b.values(), referrer_kind="client_school")
    assert SupportRequest.objects.count() == 0
    referred = requests.request_submit(
        actor=coordinator, school=client, values=b.values(), referrer_kind="alliance", route="referral"
    )
    assert referred.route == "referral"
