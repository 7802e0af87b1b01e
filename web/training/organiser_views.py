"""The organisers' event pages (issue 7): the events a person organises, creating and changing an
event, publishing it (with a check page) and cancelling it; its bookings, waiting list, income and
attendance, with a download; adding a delegate, marking a fee paid, cancelling a booking for someone;
and the register on the day.

Organisers are the coordinators of the event's alliance and of its partners, and the region's
representatives (policies.can_organise). A draft event is not found (404) for anyone else; the
organisers' pages of an event others can see answer 403 to them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from domain.accounts.models import User
from domain.organisations.models import Organisation
from domain.training import services
from domain.training.errors import TrainingRefused
from domain.training.models import Booking, EventKind
from domain.training.policies import can_organise, can_organise_events
from domain.training.selectors import (
    bookings_of,
    event_for,
    events_organised_by,
    income_of,
    organisations_running_events_for,
    partner_options,
)
from domain.training.workflows import BookingStatus, EventStatus
from web.common.downloads import audited_download
from web.common.formatting import govuk_date
from web.common.policy import policy
from web.common.spreadsheets import spreadsheet_response

from .organiser_forms import (
    AddDelegateForm,
    CancelBookingForm,
    CancelEventForm,
    EventForm,
    PaidForm,
    RegisterForm,
    initial_from,
    time_text,
)

PER_PAGE = 25
B = BookingStatus
PLACES = (B.CONFIRMED, B.ATTENDED, B.ABSENT)
HEADINGS = [
    "Event reference",
    "Event",
    "Delegate",
    "Email",
    "Organisation",
    "Booked by",
    "Status",
    "Booked on",
    "Fee",
    "Invoice number",
    "Paid on",
    "Memorandum signed",
]


def pounds(value) -> str:
    return f"£{value:,.2f}"


def tag_of(event) -> dict:
    """The event's state as organisers need it: draft, open to book, booking closed, held, cancelled."""
    if event.status == EventStatus.CANCELLED:
        return {"text": "Cancelled", "classes": "govuk-tag--red"}
    if event.status == EventStatus.DRAFT:
        return {"text": "Draft", "classes": "govuk-tag--grey"}
    if event.ends_at < timezone.now():
        return {"text": "Held", "classes": "govuk-tag--purple"}
    if timezone.localdate() < event.booking_opens_on:
        return {"text": "Booking not open yet", "classes": "govuk-tag--blue"}
    if timezone.localdate() > event.booking_closes_on:
        return {"text": "Booking closed", "classes": "govuk-tag--yellow"}
    return {"text": "Open to book", "classes": "govuk-tag--green"}


def when_text(event) -> str:
    starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    return f"{govuk_date(starts)}, {time_text(starts.time())} to {time_text(ends.time())}"


def _helpers() -> dict:
    return {"pounds": pounds, "tag_of": tag_of, "when_text": when_text}


def organised_event(request, event_id):
    """The event for its organisers: 404 when the person may not see it, 403 when they may see it
    but do not organise it."""
    event = event_for(request.user, event_id)
    if event is None:
        raise Http404("No such event, or not one you can see")
    if not can_organise(request.user, event):
        raise PermissionDenied
    return event


def _refused(form, refusal: TrainingRefused) -> None:
    form.add_error(None, str(refusal))


# --- Your events -------------------------------------------------------------------------------


@policy(can_organise_events)
def organise_list(request):
    events = events_organised_by(request.user).prefetch_related(
        Prefetch("partners", queryset=Organisation.objects.order_by("name"))
    )
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "training/organiser/list.html", {"page_title": "Your events", "page": page, **_helpers()})


# --- Creating and changing an event -------------------------------------------------------------


@policy(can_organise_events)
def event_create(request):
    organisations = organisations_running_events_for(request.user)
    partners = partner_options({o.region_id for o in organisations})
    initial = {"cancellation_days": 7, "fee": "100", "audience": "region"}
    form = EventForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        organisations=organisations,
        partners=partners,
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                actor=request.user,
                organisation=form.cleaned_data["organisation_object"],
                values=form.values(),
                partners=form.cleaned_data["partner_objects"],
            )
        except TrainingRefused as refusal:
            _refused(form, refusal)
        else:
            messages.success(request, f"{event.title} is saved as a draft. Check it, then publish it.")
            return redirect("events:organise-event", event_id=event.pk)
    return render(
        request,
        "training/organiser/form.html",
        {"page_title": "Create an event", "form": form, "event": None, "button_text": "Save as a draft"},
    )


@policy(can_organise_events)
def event_change(request, event_id):
    event = organised_event(request, event_id)
    partners = [p for p in partner_options({event.region_id}) if p.pk != event.organisation_id]
    allowed = event.status != EventStatus.CANCELLED
    form = EventForm(
        request.POST or None,
        initial=initial_from(event),
        organisations=[event.organisation],
        partners=partners,
        venue=event.venue,
    )
    if request.method == "POST" and allowed and form.is_valid():
        try:
            services.event_update(
                actor=request.user, event=event, values=form.values(), partners=form.cleaned_data["partner_objects"]
            )
        except TrainingRefused as refusal:
            _refused(form, refusal)
        else:
            messages.success(request, f"{event.title} is changed.")
            return redirect("events:organise-event", event_id=event.pk)
    return render(
        request,
        "training/organiser/form.html",
        {
            "page_title": "Change the event",
            "form": form,
            "event": event,
            "allowed": allowed,
            "button_text": "Save the changes",
        },
    )


# --- One event ----------------------------------------------------------------------------------


def _event_context(event) -> dict:
    counts = dict.fromkeys(B.values, 0)
    for status in event.bookings.values_list("status", flat=True):
        counts[status] += 1
    return {
        "event": event,
        "partners": list(event.partners.order_by("name")),
        "places_taken": counts[B.CONFIRMED] + counts[B.ATTENDED] + counts[B.ABSENT],
        "waiting": counts[B.WAITING],
        **_helpers(),
    }


@policy(can_organise_events)
def event_detail(request, event_id):
    event = organised_event(request, event_id)
    return render(
        request,
        "training/organiser/event.html",
        {
            "page_title": event.title,
            "register_open": timezone.localdate() >= timezone.localtime(event.starts_at).date(),
            **_event_context(event),
        },
    )


@policy(can_organise_events)
def event_publish(request, event_id):
    event = organised_event(request, event_id)
    allowed = event.status == EventStatus.DRAFT
    error = ""
    if request.method == "POST" and allowed:
        try:
            services.event_publish(actor=request.user, event=event)
        except TrainingRefused as refusal:
            error = str(refusal)
        else:
            messages.success(request, f"{event.title} is published: those it is for can book a place.")
            return redirect("events:organise-event", event_id=event.pk)
    return render(
        request,
        "training/organiser/publish.html",
        {"page_title": "Check the event, then publish it", "allowed": allowed, "error": error, **_event_context(event)},
    )


@policy(can_organise_events)
def event_cancel(request, event_id):
    event = organised_event(request, event_id)
    allowed = event.status != EventStatus.CANCELLED
    form = CancelEventForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and allowed and form.is_valid():
        try:
            services.event_cancel(actor=request.user, event=event, reason=form.cleaned_data["reason"])
        except TrainingRefused as refusal:
            form.add_error("reason", str(refusal))
        else:
            messages.success(request, f"{event.title} is cancelled. Every delegate has been told why.")
            return redirect("events:organise-event", event_id=event.pk)
    return render(
        request,
        "training/organiser/cancel.html",
        {"page_title": "Cancel the event", "form": form, "allowed": allowed, **_event_context(event)},
    )


# --- Bookings -----------------------------------------------------------------------------------


@policy(can_organise_events)
def event_bookings(request, event_id):
    event = organised_event(request, event_id)
    bookings = list(bookings_of(event))
    places = [b for b in bookings if b.status in PLACES]
    attendance = {s: sum(1 for b in places if b.status == s) for s in PLACES}
    return render(
        request,
        "training/organiser/bookings.html",
        {
            "page_title": f"Bookings: {event.title}",
            "event": event,
            "places": places,
            "waiting_list": [b for b in bookings if b.status == B.WAITING],
            "cancelled": [b for b in bookings if b.status == B.CANCELLED],
            "income": income_of(event),
            "attendance": attendance,
            "signed": sum(1 for b in places if b.memorandum_signed),
            "is_induction": event.kind == EventKind.INDUCTION,
            **_helpers(),
        },
    )


def _export_rows(event, bookings):
    for b in bookings:
        yield [
            event.reference,
            event.title,
            b.delegate.full_name,
            b.delegate.email,
            b.organisation.name if b.organisation else "",
            b.booked_by.full_name if b.booked_by else "",
            b.get_status_display(),
            timezone.localtime(b.booked_at).date().isoformat(),
            f"{b.fee:.2f}",
            b.invoice_number,
            b.paid_on.isoformat() if b.paid_on else "",
            "Yes" if b.memorandum_signed else "No",
        ]


@policy(can_organise_events)
def bookings_export(request, event_id, fmt):
    event = organised_event(request, event_id)
    return audited_download(
        request,
        "Bookings for an event",
        spreadsheet_response(
            fmt=fmt,
            filename=f"bookings-{event.reference.lower()}-{timezone.localdate().isoformat()}",
            headings=HEADINGS,
            rows=_export_rows(event, bookings_of(event)),
            sheet_title="Bookings",
        ),
    )


@policy(can_organise_events)
def booking_add(request, event_id):
    event = organised_event(request, event_id)
    allowed = event.status == EventStatus.PUBLISHED
    form = AddDelegateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and allowed and form.is_valid():
        delegate = User.objects.filter(email__iexact=form.cleaned_data["email"], is_active=True).first()
        if delegate is None:
            form.add_error(
                "email", "Nobody has an account with this email address: check it, or ask them to create one"
            )
        else:
            try:
                booking = services.booking_make(
                    actor=request.user, event=event, delegate=delegate, waiting_list=form.cleaned_data["waiting_list"]
                )
            except TrainingRefused as refusal:
                form.add_error("email", str(refusal))
            else:
                where = "a place" if booking.status == B.CONFIRMED else "a place on the waiting list"
                messages.success(request, f"{delegate.full_name} has {where}. They have been told.")
                return redirect("events:organise-bookings", event_id=event.pk)
    return render(
        request,
        "training/organiser/add.html",
        {"page_title": "Add a delegate", "form": form, "allowed": allowed, "event": event, **_helpers()},
    )


def _booking_of(request, event_id, booking_id):
    event = organised_event(request, event_id)
    booking = Booking.objects.select_related("delegate", "organisation").filter(event=event, pk=booking_id).first()
    if booking is None:
        raise Http404("No such booking at this event")
    booking.event = event
    return event, booking


@policy(can_organise_events)
def booking_paid(request, event_id, booking_id):
    event, booking = _booking_of(request, event_id, booking_id)
    allowed = booking.fee > 0 and booking.status in PLACES
    form = PaidForm(request.POST if request.method == "POST" else None, initial={"paid_on": booking.paid_on})
    if request.method == "POST" and allowed and form.is_valid():
        try:
            services.booking_mark_paid(actor=request.user, booking=booking, paid_on=form.cleaned_data["paid_on"])
        except TrainingRefused as refusal:
            form.add_error("paid_on", str(refusal))
        else:
            messages.success(request, f"The fee for {booking.delegate.full_name} is marked as paid.")
            return redirect("events:organise-bookings", event_id=event.pk)
    return render(
        request,
        "training/organiser/paid.html",
        {
            "page_title": "Mark the fee as paid",
            "form": form,
            "allowed": allowed,
            "event": event,
            "booking": booking,
            **_helpers(),
        },
    )


@policy(can_organise_events)
def booking_cancel(request, event_id, booking_id):
    event, booking = _booking_of(request, event_id, booking_id)
    allowed = booking.status in (B.CONFIRMED, B.WAITING)
    form = CancelBookingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and allowed and form.is_valid():
        try:
            services.booking_cancel(actor=request.user, booking=booking, reason=form.cleaned_data["reason"])
        except TrainingRefused as refusal:
            form.add_error("reason", str(refusal))
        else:
            messages.success(
                request, f"The booking for {booking.delegate.full_name} is cancelled. They have been told."
            )
            return redirect("events:organise-bookings", event_id=event.pk)
    return render(
        request,
        "training/organiser/booking_cancel.html",
        {
            "page_title": "Cancel the booking",
            "form": form,
            "allowed": allowed,
            "event": event,
            "booking": booking,
            **_helpers(),
        },
    )


# --- The register -------------------------------------------------------------------------------


@policy(can_organise_events)
def register(request, event_id):
    event = organised_event(request, event_id)
    day = timezone.localtime(event.starts_at).date()
    is_open = timezone.localdate() >= day and event.status == EventStatus.PUBLISHED
    induction = event.kind == EventKind.INDUCTION
    places = [b for b in bookings_of(event) if b.status in PLACES]
    form = RegisterForm(request.POST if request.method == "POST" else None, bookings=places, induction=induction)
    if request.method == "POST" and is_open and form.is_valid():
        attended = form.attended()
        try:
            services.attendance_record(
                actor=request.user, event=event, attended=attended, memorandum_signed=form.memorandum_signed()
            )
        except TrainingRefused as refusal:
            _refused(form, refusal)
        else:
            present = sum(attended.values())
            signed = f" {len(form.memorandum_signed())} signed the memorandum of understanding." if induction else ""
            messages.success(
                request, f"The register is saved: {present} attended, {len(attended) - present} did not attend.{signed}"
            )
            return redirect("events:organise-bookings", event_id=event.pk)
    return render(
        request,
        "training/organiser/register.html",
        {
            "page_title": "Take the register",
            "form": form,
            "event": event,
            "is_open": is_open,
            "day": day,
            "induction": induction,
            **_helpers(),
        },
    )
