"""Events for delegates (issue 7): the events to book, an event's page with its booking form and
calendar file, the person's bookings, a booking's page with its cancellation, invoice and
certificate of attendance, and the person's CPD record with its download.

An event or booking the person may not see answers 404 (domain.training.selectors.event_for and
booking_for); every refusal of the rules is shown as the form's error and changes nothing."""

from decimal import Decimal
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from domain.accounts.rate_limits import rate_limit_hit
from domain.training import services
from domain.training.booking_checks import attendance_refusal, booking_payer, booking_refusal, booking_window_refusal
from domain.training.calendar import event_calendar
from domain.training.errors import TrainingRefused
from domain.training.models import Event
from domain.training.policies import can_organise, can_organise_events, can_use_events
from domain.training.selectors import (
    PLACE_STATES,
    booking_for,
    bookings_for,
    colleagues_for,
    cpd_record_of,
    event_for,
    events_to_book,
)
from domain.training.workflows import BookingStatus, EventStatus
from web.common.downloads import audited_download
from web.common.formatting import govuk_date
from web.common.policy import policy
from web.common.spreadsheets import spreadsheet_response

from .certificate import certificate_pdf
from .delegate_forms import YOURSELF, BookingForm, CancelForm

B = BookingStatus
PER_PAGE = 25

TAG_CLASSES = {
    B.CONFIRMED: "govuk-tag--blue",
    B.WAITING: "govuk-tag--yellow",
    B.CANCELLED: "govuk-tag--grey",
    B.ATTENDED: "govuk-tag--green",
    B.ABSENT: "govuk-tag--red",
}

CPD_HEADINGS = ["Event", "Kind", "Date", "Organised by", "Venue", "Hours"]


# --- Helpers for the templates -----------------------------------------------------------------


def money(value) -> str:
    """Pounds as GOV.UK writes them: "£1,234.50"."""
    return f"£{value:,.2f}"


def fee_text(value) -> str:
    return money(value) if value else "No fee"


def clock(value) -> str:
    """A time as GOV.UK writes it: "10am", "2:30pm"."""
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"


def when(event: Event) -> str:
    """ "5 December 2026, 10am to 3pm" (the end's date too when it ends on another day)."""
    starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    if starts.date() == ends.date():
        return f"{govuk_date(starts)}, {clock(starts)} to {clock(ends)}"
    return f"{govuk_date(starts)}, {clock(starts)} to {govuk_date(ends)}, {clock(ends)}"


def hours_number(hours) -> str:
    """ "3", "2.5"."""
    return f"{Decimal(hours).normalize():f}"


def hours_text(hours) -> str:
    text = hours_number(hours)
    return f"{text} hour" if Decimal(hours) == 1 else f"{text} hours"


def tag_of(booking) -> dict:
    return {"text": booking.get_status_display(), "classes": TAG_CLASSES.get(booking.status, "")}


def places_text(event, places_taken: int) -> str:
    left = max(event.capacity - places_taken, 0)
    if left == 0:
        return "Full: join the waiting list"
    return f"{left} of {event.capacity} places left" if left != 1 else f"1 of {event.capacity} places left"


def _helpers(request) -> dict:
    return {
        # Organisers also reach their own events from these pages.
        "organises_events": can_organise_events(request.user),
        "money": money,
        "fee_text": fee_text,
        "when": when,
        "clock": clock,
        "hours_text": hours_text,
        "hours_number": hours_number,
        "tag_of": tag_of,
        "places_text": places_text,
    }


def _event_or_404(request, event_id) -> Event:
    event = event_for(request.user, event_id)
    if event is None:
        raise Http404("No such event, or not one you can see")
    return event


def _booking_or_404(request, booking_id):
    booking = booking_for(request.user, booking_id)
    if booking is None:
        raise Http404("No such booking, or not one you can see")
    return booking


# --- Events to book ----------------------------------------------------------------------------


@policy(can_use_events)
def event_list(request):
    page = Paginator(events_to_book(request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "training/delegate/list.html", {"page_title": "Events", "page": page, **_helpers(request)})


# --- An event ----------------------------------------------------------------------------------


def _event_context(request, event, form) -> dict:
    taken = event.bookings.filter(status__in=PLACE_STATES).count()
    organiser = can_organise(request.user, event)
    refusal = booking_window_refusal(event)
    # The event not being for the person (say, a region's event and a leader of another region):
    # the page says why, and offers the form only for booking colleagues.
    not_for_you = "" if organiser else attendance_refusal(event, request.user)
    open_to_book = not refusal or (organiser and event.status == EventStatus.PUBLISHED)
    return {
        "page_title": event.title,
        "event": event,
        "partners": list(event.partners.all()),
        "places_taken": taken,
        "full": taken >= event.capacity,
        "refusal": refusal,
        "not_for_you": not_for_you,
        "can_book": bool(form.errors) or (open_to_book and (not not_for_you or bool(form.colleagues))),
        "cutoff": services.cancellation_cutoff(event),
        "yours": list(bookings_for(request.user).filter(event=event).exclude(status=B.CANCELLED)),
        "form": form,
        **_helpers(request),
    }


def _book(request, event, form, *, organisation=None) -> tuple[HttpResponse | None, int]:
    """Makes the booking the form asks for (services.booking_make): the redirect to it, or None
    with the reason added to the form and the status to show it with (429 when the person has
    booked too many places lately)."""
    delegate = form.chosen_delegate()
    # Each place booked e-mails its confirmation: limited per person (ADR 17).
    refused = rate_limit_hit(
        action="event_booking", keys={"person": str(request.user.pk)}, actor=request.user, path=request.path
    )
    if refused:
        form.add_error(None, refused.message)
        return None, 429
    try:
        booking = services.booking_make(
            actor=request.user,
            event=event,
            delegate=delegate,
            organisation=organisation,
            waiting_list=form.cleaned_data["waiting_list"],
        )
    except TrainingRefused as refusal:
        form.add_error("delegate", str(refusal))
        return None, 200
    who = "You" if delegate.pk == request.user.pk else delegate.full_name
    verb = "are" if who == "You" else "is"
    if booking.status == B.WAITING:
        messages.success(request, f"{who} {verb} on the waiting list for {event.title}")
    else:
        has = "have" if who == "You" else "has"
        messages.success(request, f"{who} {has} a place at {event.title}")
    return redirect("events:booking", booking_id=booking.pk), 302


def _confirm_url(event, form) -> str:
    query = {"delegate": form.cleaned_data["delegate"]}
    if form.cleaned_data["waiting_list"]:
        query["waiting_list"] = "on"
    return f"{reverse('events:event-confirm', kwargs={'event_id': event.pk})}?{urlencode(query)}"


@policy(can_use_events)
def event_detail(request, event_id):
    """The event and its booking form. A free place is booked at once; a place with a fee goes on
    to its check page (booking_confirm), unless it is refused already."""
    event = _event_or_404(request, event_id)
    form = BookingForm(request.POST or None, user=request.user, colleagues=colleagues_for(request.user))
    status = 200
    if request.method == "POST" and form.is_valid():
        if not event.fee:
            done, status = _book(request, event, form)
            if done:
                return done
        else:
            refusal = booking_refusal(
                actor=request.user,
                event=event,
                delegate=form.chosen_delegate(),
                waiting_list=form.cleaned_data["waiting_list"],
            )
            if not refusal:
                return redirect(_confirm_url(event, form))
            form.add_error("delegate", refusal)
    return render(request, "training/delegate/event.html", _event_context(request, event, form), status=status)


@policy(can_use_events)
def booking_confirm(request, event_id):
    """The check page of a place: the event, its date and venue, the fee and who it is invoiced
    to, with "Confirm and book". The place is booked only by the confirming POST, which sends back
    the fee and payer it showed: when either has changed since, the page shows them again and
    books nothing. Whom the place is for comes in the query string (yourself when it says none)."""
    event = _event_or_404(request, event_id)
    data = request.POST if request.method == "POST" else {"delegate": YOURSELF, **request.GET.dict()}
    form = BookingForm(data, user=request.user, colleagues=colleagues_for(request.user))
    if not form.is_valid():
        # A forged or out-of-date choice of delegate: the event's page says what is wrong.
        return render(request, "training/delegate/event.html", _event_context(request, event, form))
    delegate = form.chosen_delegate()
    payer = booking_payer(actor=request.user, delegate=delegate)
    shown = {"fee": str(event.fee), "payer": str(payer.pk) if payer else ""}
    refusal = booking_refusal(
        actor=request.user, event=event, delegate=delegate, waiting_list=form.cleaned_data["waiting_list"]
    )
    status = 200
    if refusal:
        form.add_error(None, refusal)
    elif request.method == "POST":
        if any(request.POST.get(key, "") != value for key, value in shown.items()):
            form.add_error(None, "The fee or who it is invoiced to has changed: check the booking again")
        else:
            done, status = _book(request, event, form, organisation=payer)
            if done:
                return done
    return render(
        request,
        "training/delegate/confirm.html",
        {
            "page_title": "Confirm your booking",
            "event": event,
            "form": form,
            "delegate": delegate,
            "payer": payer,
            "shown": shown,
            "refused": bool(refusal) or "delegate" in form.errors,
            "cutoff": services.cancellation_cutoff(event),
            **_helpers(request),
        },
        status=status,
    )


@policy(can_use_events)
def event_calendar_file(request, event_id):
    event = _event_or_404(request, event_id)
    response = HttpResponse(event_calendar(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="event.ics"'
    return response


# --- Your bookings -----------------------------------------------------------------------------


@policy(can_use_events)
def booking_list(request):
    now = timezone.now()
    bookings = bookings_for(request.user)
    upcoming = list(bookings.filter(event__ends_at__gte=now))
    past = bookings.filter(event__ends_at__lt=now).order_by("-event__starts_at", "-id")
    page = Paginator(past, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "training/delegate/bookings.html",
        {"page_title": "Your bookings", "upcoming": upcoming, "page": page, **_helpers(request)},
    )


def _cancellable(booking) -> bool:
    return booking.status in (B.CONFIRMED, B.WAITING) and booking.event.starts_at > timezone.now()


@policy(can_use_events)
def booking_detail(request, booking_id):
    booking = _booking_or_404(request, booking_id)
    return render(
        request,
        "training/delegate/booking.html",
        {
            "page_title": f"Your booking: {booking.event.title}"
            if booking.delegate_id == request.user.pk
            else f"Booking for {booking.delegate.full_name}: {booking.event.title}",
            "booking": booking,
            "event": booking.event,
            "cancellable": _cancellable(booking),
            "cutoff": services.cancellation_cutoff(booking.event),
            "past_cutoff": timezone.localdate() > services.cancellation_cutoff(booking.event),
            **_helpers(request),
        },
    )


@policy(can_use_events)
def booking_cancel(request, booking_id):
    booking = _booking_or_404(request, booking_id)
    allowed = _cancellable(booking)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and allowed and form.is_valid():
        try:
            services.booking_cancel(actor=request.user, booking=booking, reason=form.cleaned_data["reason"])
        except TrainingRefused as refusal:
            form.add_error("reason", str(refusal))
        else:
            messages.success(request, f"The booking for {booking.event.title} is cancelled")
            return redirect("events:booking", booking_id=booking.pk)
    cutoff = services.cancellation_cutoff(booking.event)
    return render(
        request,
        "training/delegate/cancel.html",
        {
            "page_title": "Cancel the booking",
            "booking": booking,
            "event": booking.event,
            "form": form,
            "allowed": allowed,
            "cutoff": cutoff,
            "past_cutoff": timezone.localdate() > cutoff,
            "button_text": "Cancel the booking",
            "button_classes": "govuk-button--warning",
            **_helpers(request),
        },
    )


@policy(can_use_events)
def booking_invoice(request, booking_id):
    booking = _booking_or_404(request, booking_id)
    if not booking.invoice_number:
        raise Http404("This booking has no invoice")
    return render(
        request,
        "training/delegate/invoice.html",
        {
            "page_title": f"Invoice {booking.invoice_number}",
            "booking": booking,
            "event": booking.event,
            **_helpers(request),
        },
    )


@policy(can_use_events)
def booking_certificate(request, booking_id):
    booking = _booking_or_404(request, booking_id)
    if booking.status != B.ATTENDED:
        raise Http404("A certificate is given for an event attended")
    response = HttpResponse(certificate_pdf(booking), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{booking.event.reference}.pdf"'
    return audited_download(request, "Certificate of attendance", response, rows=1, subject=booking)


# --- Your CPD record ---------------------------------------------------------------------------


@policy(can_use_events)
def cpd_record(request):
    entries = cpd_record_of(request.user)
    page = Paginator(entries, PER_PAGE * 2).get_page(request.GET.get("page"))
    return render(
        request,
        "training/delegate/cpd.html",
        {
            "page_title": "Your CPD record",
            "entries": page.object_list,
            "page": page,
            "total": sum((e.hours for e in entries), Decimal("0")),
            **_helpers(request),
        },
    )


def _cpd_rows(entries):
    for entry in entries:
        event = entry.booking.event
        yield [
            event.title,
            event.get_kind_display(),
            timezone.localtime(event.starts_at).date().isoformat(),
            event.organisation.name,
            event.venue.display_name,
            float(entry.hours),
        ]


@policy(can_use_events)
def cpd_export(request, fmt):
    return audited_download(
        request,
        "CPD record",
        spreadsheet_response(
            fmt=fmt,
            filename=f"cpd-record-{timezone.localdate().isoformat()}",
            headings=CPD_HEADINGS,
            rows=_cpd_rows(cpd_record_of(request.user)),
            sheet_title="CPD record",
        ),
    )
