"""URL x role matrix rows for the organisers' event pages (merged into test_url_matrix.MATRIX).

world["event"] is the demo's induction (demo.training: Aire Valley Teaching School Alliance with
Pennine Teaching School Hub as partner; for designated leaders; open to book; sle.english@demo.test
booked), world["past_event"] the CPD session Aire held a fortnight ago, world["booking"] the system
leader's (Alex's) attended booking at it, world["induction_booking"] the SLE's booking.

The coordinator (Aire's) and the regional representative (the region's) organise both demo events;
everyone else signed in is refused the organisers' pages (403), and is sent to sign in when signed out."""

from domain.accounts.roles import Role

ANON = "signed out"
ORGANISERS = (Role.TSA_COORDINATOR, Role.REGIONAL_REPRESENTATIVE)


def organisers_only(status=200) -> dict:
    return {**dict.fromkeys(Role.values, 403), **dict.fromkeys(ORGANISERS, status), ANON: 302}


ROWS: dict = {
    name: organisers_only()
    for name in (
        "events:organise",
        "events:organise-new",
        "events:organise-event",
        "events:organise-change",
        "events:organise-publish",  # published already: the page says so
        "events:organise-cancel",
        "events:organise-bookings",
        "events:organise-export",
        "events:organise-add",
        "events:organise-paid",
        "events:organise-booking-cancel",
        "events:organise-register",  # the CPD session held a fortnight ago
    )
}


def kwargs(world) -> dict:
    event = {"event_id": world["event"].pk}
    booking = {**event, "booking_id": world["induction_booking"].pk}
    return {
        "events:organise-event": event,
        "events:organise-change": event,
        "events:organise-publish": event,
        "events:organise-cancel": event,
        "events:organise-bookings": event,
        "events:organise-export": {**event, "fmt": "csv"},
        "events:organise-add": event,
        "events:organise-paid": booking,
        "events:organise-booking-cancel": booking,
        "events:organise-register": {"event_id": world["past_event"].pk},
    }
