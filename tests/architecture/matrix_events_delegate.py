"""URL x role matrix rows for the delegates' event pages (merged into test_url_matrix.MATRIX).

world["event"] is the demo's induction (demo.training: Aire Valley Teaching School Alliance with
Pennine Teaching School Hub as partner; for designated leaders; open to book; sle.english@demo.test
booked), world["past_event"] the CPD session Aire held a fortnight ago, world["booking"] the system
leader's (Alex's) attended booking at it, world["induction_booking"] the SLE's booking."""

from domain.accounts.roles import Role

ROWS: dict = {"events:list": {**dict.fromkeys(Role.values, 200), "signed out": 302}}


def kwargs(world) -> dict:
    return {}
