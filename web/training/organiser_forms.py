"""Forms of the organisers' event pages: the event's details (with its venue chosen from the
register), cancelling, adding a delegate, marking a fee paid, cancelling a booking, the register."""

import datetime as dt
import re
from decimal import Decimal

from django import forms
from django.utils import timezone

from domain.schools.models import School
from domain.schools.selectors import schools_matching
from domain.training.models import Audience, EventKind
from web.common.fields import DateInputField, id_from, reason_field

MOST_SCHOOLS_SHOWN = 20
_TIME = re.compile(r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<half>am|pm)?$")


def parse_time(text: str) -> dt.time | None:
    """ "10am", "2:30pm", "14:30", "9.15am", "midday"; None if it is not a time."""
    text = (text or "").strip().lower().replace(" ", "")
    if text in ("midday", "noon", "12noon"):
        return dt.time(12)
    match = _TIME.match(text)
    if not match:
        return None
    hour, minute, half = int(match["hour"]), int(match["minute"] or 0), match["half"]
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif match["minute"] is None:
        return None  # "10" alone: morning or evening?
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def time_text(value: dt.time) -> str:
    """ "10am", "2:30pm"."""
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


class TimeField(forms.CharField):
    def __init__(self, what: str, **kwargs):
        self.what = what
        super().__init__(
            max_length=10,
            error_messages={
                "required": f"Enter the time the event {what}",
                "max_length": f"Enter the time the event {what}, like 10am or 2:30pm",
            },
            **kwargs,
        )

    def prepare_value(self, value):
        return time_text(value) if isinstance(value, dt.time) else value

    def clean(self, value):
        text = super().clean(value)
        parsed = parse_time(text)
        if parsed is None:
            raise forms.ValidationError(f"Enter the time the event {self.what}, like 10am or 2:30pm", code="invalid")
        return parsed


def school_label(school: School) -> str:
    town = f", {school.town}" if school.town else ""
    return f"{school.display_name}{town} (URN {school.urn})"


class EventForm(forms.Form):
    """The event's details. The venue is a school of the register: typed as a name or URN, then
    chosen from the matching schools when there are several."""

    organisation = forms.ChoiceField(
        required=False, error_messages={"invalid_choice": "Choose the alliance or hub that runs the event"}
    )
    title = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Enter the title of the event",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    kind = forms.ChoiceField(
        choices=EventKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what kind of event it is",
            "invalid_choice": "Select what kind of event it is",
        },
    )
    description = forms.CharField(
        required=False,
        max_length=4000,
        widget=forms.Textarea,
        error_messages={"max_length": "The description must be 4,000 characters or fewer"},
    )
    venue_query = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Enter the name or URN of the school where the event is held",
            "max_length": "The school's name must be 200 characters or fewer",
        },
    )
    venue = forms.ChoiceField(
        required=False, error_messages={"invalid_choice": "Choose the school from the list, or search again"}
    )
    venue_details = forms.CharField(
        required=False,
        max_length=200,
        error_messages={"max_length": "The details of the venue must be 200 characters or fewer"},
    )
    partners = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose the partners from the list"},
    )
    day = DateInputField("The day of the event")
    starts = TimeField("starts")
    ends = TimeField("ends")
    capacity = forms.IntegerField(
        min_value=1,
        max_value=1000,
        error_messages={
            "required": "Enter the number of places",
            "invalid": "Enter the number of places as a whole number, like 12",
            "min_value": "The number of places must be 1 or more",
            "max_value": "The number of places must be 1,000 or fewer",
        },
    )
    booking_opens_on = DateInputField("The day booking opens")
    booking_closes_on = DateInputField("The day booking closes")
    cancellation_days = forms.IntegerField(
        min_value=0,
        max_value=60,
        error_messages={
            "required": "Enter how many days before the event delegates can cancel",
            "invalid": "Enter the days before the event as a whole number, like 7",
            "min_value": "The days before the event must be 0 or more",
            "max_value": "The days before the event must be 60 or fewer",
        },
    )
    audience = forms.ChoiceField(
        choices=Audience.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who may book", "invalid_choice": "Select who may book"},
    )
    fee = forms.DecimalField(
        min_value=Decimal("0"),
        max_value=Decimal("5000"),
        max_digits=6,
        decimal_places=2,
        error_messages={
            "required": "Enter the fee per delegate, or 0 if the event is free",
            "invalid": "Enter the fee as an amount in pounds, like 100 or 100.50",
            "min_value": "The fee must be £0 or more",
            "max_value": "The fee must be £5,000 or less",
            "max_digits": "The fee must be £5,000 or less",
            "max_whole_digits": "The fee must be £5,000 or less",
            "max_decimal_places": "Enter the fee in pounds and pence, like 100.50",
        },
    )

    def __init__(self, *args, organisations=(), partners=(), venue=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.pk): o for o in organisations}
        if len(self.organisations) > 1:
            self.fields["organisation"].choices = [("", "Choose the alliance or hub"), *self._named(organisations)]
        else:
            del self.fields["organisation"]
        self.partner_options = {str(o.pk): o for o in partners}
        self.fields["partners"].choices = self._named(partners)
        self.schools = {}
        if venue is not None:
            self.schools[str(venue.pk)] = venue
        if self.is_bound:
            self._find_schools()
        self.fields["venue"].choices = [(pk, school_label(s)) for pk, s in self.schools.items()]
        self.more_schools = getattr(self, "more_schools", False)

    @staticmethod
    def _named(organisations):
        return [(str(o.pk), o.name) for o in organisations]

    def _find_schools(self) -> None:
        query = " ".join(str(self.data.get("venue_query") or "").split())
        found, total = schools_matching(query, limit=MOST_SCHOOLS_SHOWN)
        self.more_schools = total > MOST_SCHOOLS_SHOWN
        self.schools = {str(s.pk): s for s in found}
        posted = str(self.data.get("venue") or "")
        posted_id = id_from(posted)
        if posted_id is not None and posted not in self.schools:
            chosen = School.objects.filter(pk=posted_id).first()
            if chosen is not None and query.lower() in (chosen.display_name.lower(), str(chosen.urn)):
                self.schools[posted] = chosen

    @property
    def choosing_school(self) -> bool:
        """Show the list of schools to choose from."""
        return len(self.schools) > 1 or bool(self.errors.get("venue"))

    def clean(self):
        data = super().clean()
        if "organisation" in self.fields:
            chosen = self.organisations.get(data.get("organisation") or "")
            if chosen is None and "organisation" not in self.errors:
                self.add_error("organisation", "Choose the alliance or hub that runs the event")
            data["organisation_object"] = chosen
        else:
            data["organisation_object"] = next(iter(self.organisations.values()), None)
        data["partner_objects"] = [self.partner_options[pk] for pk in data.get("partners") or []]
        data["venue_object"] = self._chosen_school(data)
        day, starts, ends = data.get("day"), data.get("starts"), data.get("ends")
        if day and starts and ends:
            if ends <= starts:
                self.add_error("ends", "The time the event ends must be after the time it starts")
            data["starts_at"] = timezone.make_aware(dt.datetime.combine(day, starts))
            data["ends_at"] = timezone.make_aware(dt.datetime.combine(day, ends))
        opens, closes = data.get("booking_opens_on"), data.get("booking_closes_on")
        if opens and closes and closes < opens:
            self.add_error("booking_closes_on", "The day booking closes must be the same as or after the day it opens")
        elif closes and day and closes > day:
            self.add_error("booking_closes_on", "The day booking closes must be on or before the day of the event")
        return data

    def _chosen_school(self, data) -> School | None:
        if "venue_query" in self.errors:
            return None
        posted = data.get("venue") or ""
        if posted in self.schools:
            return self.schools[posted]
        query = " ".join((data.get("venue_query") or "").split())
        if len(self.schools) == 1:
            return next(iter(self.schools.values()))
        exact = [s for s in self.schools.values() if s.display_name.lower() == query.lower()]
        if len(exact) == 1:
            return exact[0]
        if not self.schools:
            self.add_error("venue_query", f"No school on the register matches ‘{query}’: check it or enter the URN")
        elif "venue" not in self.errors:
            more = " (or enter more of the name)" if self.more_schools else ""
            self.add_error("venue", f"Choose the school where the event is held from the list{more}")
        return None

    def values(self) -> dict:
        """The event's details as the services take them."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "kind": data["kind"],
            "description": data.get("description") or "",
            "venue": data["venue_object"],
            "venue_details": data.get("venue_details") or "",
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "capacity": data["capacity"],
            "booking_opens_on": data["booking_opens_on"],
            "booking_closes_on": data["booking_closes_on"],
            "cancellation_days": data["cancellation_days"],
            "audience": data["audience"],
            "fee": data["fee"],
        }


def initial_from(event) -> dict:
    starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    return {
        "organisation": str(event.organisation_id),
        "title": event.title,
        "kind": event.kind,
        "description": event.description,
        "venue_query": event.venue.display_name,
        "venue": str(event.venue_id),
        "venue_details": event.venue_details,
        "partners": [str(p.pk) for p in event.partners.all()],
        "day": starts.date(),
        "starts": time_text(starts.time()),
        "ends": time_text(ends.time()),
        "capacity": event.capacity,
        "booking_opens_on": event.booking_opens_on,
        "booking_closes_on": event.booking_closes_on,
        "cancellation_days": event.cancellation_days,
        "audience": event.audience,
        "fee": f"{event.fee:.2f}".removesuffix(".00"),
    }


class CancelEventForm(forms.Form):
    reason = reason_field("Enter why you are cancelling the event")


class AddDelegateForm(forms.Form):
    email = forms.EmailField(
        max_length=254,
        error_messages={
            "required": "Enter the delegate's email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "The email address must be 254 characters or fewer",
        },
    )
    waiting_list = forms.BooleanField(required=False)


class PaidForm(forms.Form):
    paid_on = DateInputField("The date the fee was paid")


class CancelBookingForm(forms.Form):
    reason = reason_field("Enter why you are cancelling the booking")


ATTENDED, ABSENT = "attended", "absent"


class RegisterForm(forms.Form):
    """One "Attended" / "Did not attend" choice per place, and at an induction whether the delegate
    signed the memorandum of understanding."""

    def __init__(self, *args, bookings=(), induction=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.bookings = list(bookings)
        self.induction = induction
        self.rows = []
        for booking in self.bookings:
            name = f"booking_{booking.pk}"
            initial = {"attended": ATTENDED, "absent": ABSENT}.get(booking.status)
            self.fields[name] = forms.ChoiceField(
                choices=[(ATTENDED, "Attended"), (ABSENT, "Did not attend")],
                widget=forms.RadioSelect,
                initial=initial,
                error_messages={
                    "required": f"Select whether {booking.delegate.full_name} attended",
                    "invalid_choice": f"Select whether {booking.delegate.full_name} attended",
                },
            )
            signed = None
            if induction:
                signed = f"signed_{booking.pk}"
                self.fields[signed] = forms.BooleanField(required=False, initial=booking.memorandum_signed)
            self.rows.append((booking, self[name], self[signed] if signed else None))

    def attended(self) -> dict[int, bool]:
        return {b.pk: self.cleaned_data[f"booking_{b.pk}"] == ATTENDED for b in self.bookings}

    def memorandum_signed(self) -> list[int]:
        if not self.induction:
            return []
        return [b.pk for b in self.bookings if self.cleaned_data.get(f"signed_{b.pk}") and not b.memorandum_signed]
