"""URL x role matrix rows for the delegates' event pages (merged into test_url_matrix.MATRIX).

world["event"] is the demo's induction (demo.training: Aire Valley Teaching School Alliance with
Pennine Teaching School Hub as partner; for designated leaders; open to book; sle.english@demo.test
booked), world["past_event"] the CPD session Aire held a fortnight ago, world["booking"] the system
leader's (Alex's) attended booking at it, world["induction_booking"] the SLE's booking.

- The events, an event's page and calendar file, your bookings and your CPD record are for
  everyone signed in (each sees their own bookings and record, or none).
- A booking answers 404 to whoever is neither its delegate, its booker nor an organiser of its
  event: Alex's booking is seen by Alex (the delegate), the coordinator (who booked it, for Aire,
  the organiser) and the representative (of the event's region)."""

from domain.accounts.roles import Role

ANON = "signed out"


def row(default, **by_role) -> dict:
    return {**dict.fromkeys(Role.values, default), **by_role, ANON: 302}


def signed_in(status=200) -> dict:
    return row(status)


def booking_seen(status=200) -> dict:
    """`status` to the delegate, the booker and the organisers; 404 to everyone else."""
    return row(404, **dict.fromkeys((Role.SYSTEM_LEADER, Role.TSA_COORDINATOR, Role.REGIONAL_REPRESENTATIVE), status))


ROWS: dict = {
    "events:list": signed_in(),
    "events:event": signed_in(),
    "events:event-calendar": signed_in(),
    # The check page of a place for the person themself (the induction: for some it says why they
    # cannot book it).
    "events:event-confirm": signed_in(),
    "events:bookings": signed_in(),
    "events:booking": booking_seen(),
    # The booking was attended: the page says it cannot be cancelled.
    "events:booking-cancel": booking_seen(),
    "events:booking-invoice": booking_seen(),
    "events:booking-certificate": booking_seen(),
    "events:cpd": signed_in(),
    "events:cpd-export": signed_in(),
}


def kwargs(world) -> dict:
    event = {"event_id": world["event"].pk}
    booking = {"booking_id": world["booking"].pk}
    return {
        "events:event": event,
        "events:event-calendar": event,
        "events:event-confirm": event,
        "events:booking": booking,
        "events:booking-cancel": booking,
        "events:booking-invoice": booking,
        "events:booking-certificate": booking,
        "events:cpd-export": {"fmt": "csv"},
    }
