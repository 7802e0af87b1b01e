"""The demo region's events, built through the services after demo.deployments: an induction that
Aire Valley Teaching School Alliance runs with Pennine Teaching School Hub in three weeks (open to
book, the demo's new SLE booked), and a CPD session Aire held a fortnight ago that the demo's system
leader attended. Both are on school days (demo.school_days): the first one on or after those days.
Every person and school here is synthetic."""

import datetime as dt

from django.utils import timezone

from demo.school_days import school_day_on_or_after, school_day_on_or_before
from domain.accounts.models import User
from domain.accounts.roles import Role
from domain.training import services as training


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def build_demo_training(*, users, schools, organisations) -> dict:
    coordinator = users[Role.TSA_COORDINATOR]
    aire = organisations["Aire Valley Teaching School Alliance"]
    hub = organisations["Pennine Teaching School Hub"]
    venue = schools["Aire Valley Primary School"]
    today = timezone.localdate()
    induction_day = school_day_on_or_after(today + dt.timedelta(days=21))
    induction = training.event_create(
        actor=coordinator,
        organisation=aire,
        partners=[hub],
        values={
            "title": "Induction for new system leaders",
            "kind": "induction",
            "description": (
                "The role of a system leader, deployment and quality assurance, and the memorandum of "
                "understanding, which you sign on the day."
            ),
            "venue": venue,
            "venue_details": "The hall. Parking on site.",
            "starts_at": _at(induction_day, 10),
            "ends_at": _at(induction_day, 15),
            "capacity": 12,
            "booking_opens_on": today - dt.timedelta(days=7),
            "booking_closes_on": induction_day - dt.timedelta(days=2),
            "cancellation_days": 7,
            "audience": "leaders",
            "fee": "100",
        },
    )
    training.event_publish(actor=coordinator, event=induction)
    new_sle = User.objects.filter(email="sle.english@demo.test").first()
    if new_sle is not None:
        training.booking_make(actor=new_sle, event=induction, delegate=new_sle)

    held_day = school_day_on_or_before(today - dt.timedelta(days=14))
    cpd = training.event_create(
        actor=coordinator,
        organisation=aire,
        values={
            "title": "Coaching conversations that move schools on",
            "kind": "cpd",
            "description": "A practical session on coaching headteachers through a school improvement plan.",
            "venue": venue,
            "starts_at": _at(held_day, 13),
            "ends_at": _at(held_day, 16),
            "capacity": 20,
            "booking_opens_on": held_day - dt.timedelta(days=30),
            "booking_closes_on": held_day,
            "audience": "region",
            "fee": "100",
        },
    )
    training.event_publish(actor=coordinator, event=cpd)
    leader = users[Role.SYSTEM_LEADER]
    attended = training.booking_make(actor=coordinator, event=cpd, delegate=leader, organisation=aire)
    training.attendance_record(actor=coordinator, event=cpd, attended={attended.pk: True})
    return {"induction": induction, "cpd": cpd}
