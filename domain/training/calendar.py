"""The calendar file (iCalendar, RFC 5545) sent with a booking's confirmation, so that the event goes
straight into the delegate's calendar."""

import datetime as dt

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from .models import Event

PRODUCT = "-//School-to-school support//Events//EN"


def event_calendar(event: Event, *, uid_domain: str = "school-to-school-support.example") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    entry = CalendarEvent()
    entry.add("uid", f"event-{event.pk}@{uid_domain}")
    entry.add("summary", event.title)
    # In UTC ("...Z"): a time with a TZID would need the zone's VTIMEZONE definition too.
    entry.add("dtstart", event.starts_at.astimezone(dt.UTC))
    entry.add("dtend", event.ends_at.astimezone(dt.UTC))
    entry.add("dtstamp", event.created_at.astimezone(dt.UTC))
    place = event.venue.display_name
    if event.venue_details:
        place = f"{place}, {event.venue_details}"
    entry.add("location", place)
    if event.description:
        entry.add("description", event.description)
    calendar.add_component(entry)
    return calendar.to_ical()
