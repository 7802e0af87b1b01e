"""Chasers for the review of a designation: the leader is reminded when the self-assessment is not
sent a month after the review opened, and a person asked for feedback when they have not answered
after three weeks; each reminder is cancelled once what it chases is done (seed 004 §24)."""

import datetime as dt
import zoneinfo

import pytest

from domain.designation.models import Designation
from domain.designation.review_questions import questions_for
from domain.designation.review_services import (
    review_answer,
    review_decide,
    review_feedback_give,
    review_open,
    review_submit,
)
from domain.notifications.models import Notification, Reminder
from domain.notifications.services import reminders_send_due
from tests.designation.life.helpers import designate, tsa_with_coordinator

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
# On the frozen day (22 November 2026) a term from 1 March 2024 has under six months left.
STARTED = dt.date(2024, 3, 1)


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def chasers(user):
    """The person's pending reminders about a review (not those about the designation's end)."""
    return Reminder.objects.pending().filter(user=user, key__startswith="designation-review")


def reminded(user) -> list[Notification]:
    return list(Notification.objects.filter(user=user, title__startswith="Reminder"))


def answered(review):
    for question in questions_for(review.designation.role):
        review_answer(actor=review.designation.person, review=review, key=question.key, answer=f"About {question.key}")
    return review


def opened_today():
    organisation, coordinator = tsa_with_coordinator()
    designation = designate(organisation=organisation, actor=coordinator, starts_on=STARTED)
    return review_open(designation=designation), coordinator


def test_the_leader_is_reminded_a_month_after_the_review_opened(frozen_clock):
    review, _ = opened_today()
    leader = review.designation.person

    chaser = chasers(leader).get()
    assert chaser.due_at == at(dt.date(2026, 12, 22), 9)
    assert chaser.link == f"/home/reviews/{review.pk}/"

    frozen_clock.move_to(at(dt.date(2026, 12, 21), 10))
    reminders_send_due()
    assert not reminded(leader)
    frozen_clock.move_to(at(dt.date(2026, 12, 22), 10))
    reminders_send_due()
    [told] = reminded(leader)
    assert "self-assessment" in told.title and told.link == f"/home/reviews/{review.pk}/"


def test_sending_the_self_assessment_cancels_the_leaders_reminder(frozen_clock):
    review, _ = opened_today()
    leader = review.designation.person
    assert chasers(leader).exists()

    review_submit(actor=leader, review=answered(review))

    assert not chasers(leader).exists()
    frozen_clock.move_to(at(dt.date(2027, 1, 5), 10))
    reminders_send_due()
    assert not reminded(leader)


def feedback_asked():
    from tests.deployments.builders import deployment

    cast = deployment()
    designation = Designation.objects.get(person=cast.leader)
    review = answered(review_open(designation=designation, today=dt.date(2029, 3, 1)))
    review_submit(actor=cast.leader, review=review)
    return cast, review


def test_an_unanswered_feedback_request_is_chased_after_three_weeks_and_an_answer_cancels_it(frozen_clock):
    cast, review = feedback_asked()
    school, alliance = review.feedback.get(respondent=cast.client), review.feedback.get(respondent=cast.coordinator)
    for person in (cast.client, cast.coordinator):
        assert chasers(person).get().due_at == at(dt.date(2026, 12, 13), 9)

    review_feedback_give(actor=cast.client, feedback=school, score=4, comments="Patient and clear")

    assert not chasers(cast.client).exists()
    frozen_clock.move_to(at(dt.date(2026, 12, 13), 10))
    reminders_send_due()
    [told] = reminded(cast.coordinator)
    assert cast.leader.full_name in told.title and told.link == f"/home/reviews/feedback/{alliance.pk}/"
    assert not reminded(cast.client)


def test_deciding_the_review_cancels_the_feedback_still_chased(frozen_clock):
    cast, review = feedback_asked()
    decider = tsa_with_coordinator()[1]
    review.designation.organisation.memberships.create(user=decider, role="tsa_coordinator")
    assert chasers(cast.client).exists() and chasers(cast.coordinator).exists()

    review_decide(actor=decider, review=review, decision="redesignate", reasons="A strong term of support")

    assert not chasers(cast.client).exists() and not chasers(cast.coordinator).exists()
