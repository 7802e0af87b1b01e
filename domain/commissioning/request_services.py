"""The front door: every request for support, whoever sends it, goes through `request_submit`
(seed 000 "Commissioning": "Requests for deployment should be channelled through a single
mechanism"; "Basic information should be sought to ensure appropriate matching"), then the
brokering alliance triages it. Each service runs in one transaction and writes its audit events."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from domain.accounts.roles import Role
from domain.accounts.selectors import coordinators_of as _coordinators_of
from domain.accounts.selectors import people_in_role
from domain.audit.services import audit_record
from domain.designation.models import DesignationRole
from domain.designation.specialisms import PHASE_CODES, unknown_specialisms
from domain.notifications.services import notify, reminder_schedule, reminders_cancel_about
from domain.organisations.models import BROKERING_KINDS, OrganisationKind
from domain.organisations.selectors import trust_of
from domain.workflows.table import transition

from .errors import CommissioningRefused, RequestInvalid
from .models import Funding, NlgPackage, Pattern, ReferrerKind, Route, SupportRequest
from .packages import package_problem, packages_for
from .routing import brokering_organisation_for
from .workflows import REQUEST, RequestStatus

# The issue: "from a 2-day diagnostic to a 3-month full-time role" (about 65 working days).
MIN_DAYS, MAX_DAYS = Decimal("0.5"), Decimal(65)
# Chasers: the alliance is reminded when a request has waited this long for triage.
TRIAGE_CHASER_DAYS = 5
LINK_TO_REQUEST = "/home/requests/{pk}/"
# Seed 003: NLG support comes as a package, for eligible trusts and maintained schools requiring improvement.
NLG_NOT_ELIGIBLE = (
    "A national leader of governance supports eligible trusts, and maintained schools whose current Ofsted "
    "judgement is requires improvement: choose another kind of system leader"
)


def _days(value) -> Decimal | None:
    try:
        days = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return days if days.is_finite() else None


def request_check(values: dict, *, school) -> dict:
    """The request's fields, cleaned; RequestInvalid naming each field that is missing or wrong."""
    errors, cleaned = {}, {}
    needs = list(values.get("needs") or [])
    if not needs:
        errors["needs"] = "Choose at least one area the school needs support with"
    elif unknown := unknown_specialisms(needs):
        errors["needs"] = f"These are not on the list of areas of support: {', '.join(unknown)}"
    cleaned["needs"] = list(dict.fromkeys(needs))
    phase = values.get("phase") or ""
    if phase not in PHASE_CODES:
        errors["phase"] = "Choose the phase of the school"
    cleaned["phase"] = phase
    role = values.get("role_sought") or ""
    if role not in DesignationRole.values:
        errors["role_sought"] = "Choose the kind of system leader the school needs"
    cleaned["role_sought"] = role
    description = str(values.get("description") or "").strip()
    if not description:
        errors["description"] = "Describe the support the school needs"
    elif len(description) > 5000:
        errors["description"] = "The description must be 5,000 characters or fewer"
    cleaned["description"] = description
    days = _days(values.get("days"))
    if days is None:
        errors["days"] = "Enter the number of days of support, like 2 or 10"
    elif not MIN_DAYS <= days <= MAX_DAYS:
        errors["days"] = "Enter between half a day and 65 days (a term full time)"
    elif days * 2 != (days * 2).to_integral_value():
        errors["days"] = "Enter the days in whole or half days"
    cleaned["days"] = days
    pattern = values.get("pattern") or ""
    if pattern not in Pattern.values:
        errors["pattern"] = "Choose whether the support is in a block or spread out"
    cleaned["pattern"] = pattern
    starts, ends = values.get("window_starts"), values.get("window_ends")
    if not isinstance(starts, dt.date):
        errors["window_starts"] = "Enter the date the support could start"
    if not isinstance(ends, dt.date):
        errors["window_ends"] = "Enter the date the support must end by"
    if isinstance(starts, dt.date) and isinstance(ends, dt.date):
        if ends < starts:
            errors["window_ends"] = "The end date must be the same as or after the start date"
        elif ends < timezone.localdate():
            errors["window_ends"] = "The end date must be in the future"
    cleaned["window_starts"], cleaned["window_ends"] = starts, ends
    funding = values.get("funding") or ""
    if funding not in Funding.values:
        errors["funding"] = "Choose how the support is funded"
    cleaned["funding"] = funding
    if values.get("consent_to_share") is not True:
        errors["consent_to_share"] = (
            "Confirm that the school agrees to share this request with the alliance and its panel"
        )
    cleaned["consent_to_share"] = True
    package = values.get("nlg_package") or ""
    client_trust = values.get("client_trust")
    if client_trust is not None and client_trust.kind != OrganisationKind.TRUST:
        errors["client_trust"] = f"{client_trust.name} is not a trust"
    if (
        role == DesignationRole.NLG
        and not package
        and school is not None
        and not packages_for(school, trust=client_trust or trust_of(school))
    ):
        errors["role_sought"] = NLG_NOT_ELIGIBLE
    elif role == DesignationRole.NLG:
        # Checked even when the days are wrong, so that every error is given at once.
        days_asked = None if "days" in errors else days
        if problem := package_problem(package, school=school, client_trust=client_trust, days=days_asked):
            errors["nlg_package"] = problem
    elif package:
        if package not in NlgPackage.values:
            errors["nlg_package"] = "Choose a support package for a national leader of governance"
        else:
            errors["nlg_package"] = "A support package is for a national leader of governance only"
    cleaned["nlg_package"], cleaned["client_trust"] = package, client_trust
    if errors:
        raise RequestInvalid(errors)
    return cleaned


def school_contacts_of(school) -> list:
    """People who speak for the school in the service (a school contact of its organisation)."""
    return people_in_role(Role.SCHOOL_CONTACT, organisation__school=school)


def _tell_alliance(request: SupportRequest) -> None:
    for coordinator in _coordinators_of(request.brokering_organisation):
        notify(
            user=coordinator,
            title=f"New request for support: {request.client_school.display_name}",
            body=(
                f"{request.reference}: {request.client_school.display_name} needs "
                f"{', '.join(request.need_labels)}. Triage it."
            ),
            link=LINK_TO_REQUEST.format(pk=request.pk),
        )
        reminder_schedule(
            user=coordinator,
            key=f"request-triage:{request.pk}:{coordinator.pk}",
            title=f"Request {request.reference} is waiting for triage",
            body=(
                f"{request.reference} for {request.client_school.display_name} has waited "
                f"{TRIAGE_CHASER_DAYS} days for triage."
            ),
            due_at=timezone.now() + dt.timedelta(days=TRIAGE_CHASER_DAYS),
            about=request,
        )


@transaction.atomic
def request_submit(
    *,
    actor,
    school,
    values: dict,
    referrer_kind: str,
    referrer_organisation=None,
    preferred_organisation=None,
    route: str = Route.SCHOOL,
    contact: dict | None = None,
) -> SupportRequest:
    """One route for every request: the school itself (`route` school, signed in), or a referrer on
    its behalf (`route` referral, with the kind of referrer of seed 002), or the public form
    (`route` public_form, with `contact`: name, email, role), which waits for a contact at the school
    to confirm it. Refused field by field (RequestInvalid) when matching would lack something."""
    if school is None:
        raise RequestInvalid({"school": "Choose the school that needs support"})
    if route not in Route.values:
        raise CommissioningRefused(f"{route!r} is not a way to ask for support")
    if referrer_kind not in ReferrerKind.values:
        raise RequestInvalid({"referrer_kind": "Choose who is asking for the support"})
    cleaned = request_check(values, school=school)
    if route == Route.SCHOOL and not (
        getattr(actor, "pk", None) and any(p.pk == actor.pk for p in school_contacts_of(school))
    ):
        raise CommissioningRefused(
            f"Only a contact at {school.display_name} asks as the school: refer the school instead, saying who you are"
        )
    contact = contact or {}
    if route == Route.PUBLIC_FORM:
        missing = {
            "contact_name": "Enter your name",
            "contact_email": "Enter your email address",
            "contact_role": "Enter your role at the school",
        }
        errors = {field: message for field, message in missing.items() if not str(contact.get(field) or "").strip()}
        if errors:
            raise RequestInvalid(errors)
    organisation = brokering_organisation_for(school, preferred_organisation)
    if organisation is None:
        raise CommissioningRefused(
            "No teaching school alliance or hub brokers support in the school's area yet: contact your regional board"
        )
    request = SupportRequest.objects.create(
        client_school=school,
        route=route,
        referrer_kind=referrer_kind,
        referrer_organisation=referrer_organisation,
        submitted_by=actor if getattr(actor, "pk", None) else None,
        contact_name=str(contact.get("contact_name") or "").strip()[:150],
        contact_email=str(contact.get("contact_email") or "").strip()[:254],
        contact_role=str(contact.get("contact_role") or "").strip()[:150],
        brokering_organisation=organisation,
        preferred_organisation=preferred_organisation
        if preferred_organisation is not None and preferred_organisation.kind in BROKERING_KINDS
        else None,
        status=RequestStatus.AWAITING_CONFIRMATION if route == Route.PUBLIC_FORM else RequestStatus.SUBMITTED,
        **cleaned,
    )
    audit_record(
        actor=actor,
        action="commissioning.request.created",
        subject=request,
        to_state=request.status,
        organisation=organisation,
        data={"school_id": school.pk, "route": route, "referrer_kind": referrer_kind},
    )
    if request.status == RequestStatus.AWAITING_CONFIRMATION:
        for person in school_contacts_of(school) or _coordinators_of(organisation):
            notify(
                user=person,
                title=f"Confirm a request for support for {school.display_name}",
                body=(
                    f"{request.contact_name} ({request.contact_role}) asked for support for {school.display_name} "
                    "through the public form. Confirm that the school made this request, or decline it."
                ),
                link=LINK_TO_REQUEST.format(pk=request.pk),
            )
    else:
        _tell_alliance(request)
    return request


def _change(request, event, *, actor, reason="", data=None) -> SupportRequest:
    locked = transition(
        workflow=REQUEST,
        obj=request,
        event=event,
        actor=actor,
        reason=(reason or "").strip(),
        organisation=request.brokering_organisation,
        data=data,
    )
    locked.status_changed_at = request.status_changed_at = timezone.now()
    locked.save(update_fields=["status_changed_at"])
    return locked


@transaction.atomic
def request_confirm(*, actor, request: SupportRequest) -> SupportRequest:
    """A contact at the school (or the alliance, having checked with the school) confirms a request
    made through the public form; the alliance then triages it."""
    locked = _change(request, "confirm", actor=actor)
    _tell_alliance(locked)
    return locked


@transaction.atomic
def request_triage(*, actor, request: SupportRequest) -> SupportRequest:
    """The brokering alliance accepts the request for matching."""
    locked = _change(request, "triage", actor=actor)
    reminders_cancel_about(subject=locked, reason="The request was triaged")
    _tell_client(
        locked, f"Request {locked.reference} was accepted for matching by {locked.brokering_organisation.name}"
    )
    return locked


@transaction.atomic
def request_pass_on(*, actor, request: SupportRequest, organisation, reason: str) -> SupportRequest:
    """The alliance passes the request to another alliance, hub or grouping (the client's area is
    theirs, or they have the leaders), saying why. It waits there for triage."""
    if organisation is None or organisation.kind not in BROKERING_KINDS or not organisation.is_active:
        raise CommissioningRefused("Choose an open teaching school alliance, hub or grouping to pass the request to")
    if organisation.pk == request.brokering_organisation_id:
        raise CommissioningRefused(f"The request is already with {organisation.name}")
    if not (reason or "").strip():
        raise CommissioningRefused("Enter why the request is being passed on")
    previous = request.brokering_organisation
    locked = _change(request, "pass_on", actor=actor, reason=reason, data={"to_organisation_id": organisation.pk})
    locked.brokering_organisation = request.brokering_organisation = organisation
    locked.save(update_fields=["brokering_organisation"])
    reminders_cancel_about(subject=locked, reason=f"Passed from {previous.name} to {organisation.name}")
    _tell_alliance(locked)
    return locked


@transaction.atomic
def request_decline(*, actor, request: SupportRequest, reason: str) -> SupportRequest:
    if not (reason or "").strip():
        raise CommissioningRefused("Enter why the request is declined")
    locked = _change(request, "decline", actor=actor, reason=reason)
    locked.decision_reason = request.decision_reason = reason.strip()
    locked.save(update_fields=["decision_reason"])
    reminders_cancel_about(subject=locked, reason="The request was declined")
    _tell_client(locked, f"Request {locked.reference} was declined: {reason.strip()}")
    return locked


@transaction.atomic
def request_withdraw(*, actor, request: SupportRequest, reason: str = "") -> SupportRequest:
    locked = _change(request, "withdraw", actor=actor, reason=reason)
    reminders_cancel_about(subject=locked, reason="The request was withdrawn")
    for offer in locked.offers.filter(status__in=["with_leader", "with_leaders_alliance", "with_client"]):
        from .offer_services import offer_withdraw

        offer_withdraw(actor=actor, offer=offer, reason="The request was withdrawn")
    return locked


def _tell_client(request: SupportRequest, title: str) -> None:
    """The client and the referrer see the request's progress (issue: commissioning, "Triage")."""
    people = {p.pk: p for p in school_contacts_of(request.client_school)}
    if request.submitted_by_id:
        people[request.submitted_by_id] = request.submitted_by
    for person in people.values():
        notify(user=person, title=title, body=title + ".", link=LINK_TO_REQUEST.format(pk=request.pk))
