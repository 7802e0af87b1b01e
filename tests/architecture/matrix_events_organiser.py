"""URL x role matrix rows for the organisers' event pages (merged into test_url_matrix.MATRIX).

world["event"] is the demo's induction (demo.training: Aire Valley Teaching School Alliance with
Pennine Teaching School Hub as partner; for designated leaders; open to book; sle.english@demo.test
booked), world["past_event"] the CPD session Aire held a fortnight ago, world["booking"] the system
leader's (Alex's) attended booking at it, world["induction_booking"] the SLE's booking."""

ROWS: dict = {}


def kwargs(world) -> dict:
    return {}
