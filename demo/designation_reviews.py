"""The demo region's reviews of designations at the end of their term (seed 004 §22-26), built
through the services after demo.deployments. The system leader's LLE term ends within six months:
its review is open, their self-assessment written but not yet sent. Their NLG designation was reviewed (the school
they supported gave feedback) and the regional representative decided not to renew it: they may
appeal. Two other leaders of the alliance: one has sent their self-assessment and waits for the
decision; one appealed against not being renewed (decided by the hub's coordinator, so the
alliance's coordinator or the region's representative hears it). Every person here is synthetic."""

import datetime as dt

from django.utils import timezone

from demo.leaders import HUB_COORDINATOR, _accept_memorandum
from demo.school_days import school_day_on_or_after
from domain.accounts import services as accounts
from domain.accounts.models import User
from domain.accounts.roles import Role
from domain.designation.models import DesignatingSource, Designation, DesignationRole, ReviewFeedback, add_months
from domain.designation.review_questions import questions_for
from domain.designation.review_services import (
    review_answer,
    review_appeal,
    review_decide,
    review_feedback_give,
    review_open,
    review_submit,
)
from domain.designation.services import designation_create
from domain.leaders.models import Association

# Synthetic leaders of the alliance whose reviews wait for the coordinator.
WAITING_LEADER = ("sasha.hebden@demo.test", "Sasha Hebden")
APPEALING_LEADER = ("avery.marsden@demo.test", "Avery Marsden")


def term_ending_soon_starts_on(today: dt.date, months_left: int) -> dt.date:
    """A start on a school day such that the three-year term ends about `months_left` months on."""
    return school_day_on_or_after(add_months(today, months_left - 36))


def _answered(designation):
    review = review_open(designation=designation)
    questions = questions_for(designation.role)
    for question in questions:
        review_answer(
            actor=designation.person,
            review=review,
            key=question.key,
            answer=f"This term: {question.title.lower()}, with examples from the schools I supported.",
        )
    return review


def _designated(person, role, *, coordinator, alliance, school, starts_on):
    return designation_create(
        actor=coordinator,
        person=person,
        role=role,
        source=DesignatingSource.TSA_OR_HUB,
        organisation=alliance,
        school=school,
        phases=["primary"] if role == DesignationRole.LLE else [],
        specialisms=[],
        starts_on=starts_on,
    )


def build_demo_reviews(*, users, organisations, schools) -> dict:
    today = timezone.localdate()
    coordinator, leader = users[Role.TSA_COORDINATOR], users[Role.SYSTEM_LEADER]
    representative, contact = users[Role.REGIONAL_REPRESENTATIVE], users[Role.SCHOOL_CONTACT]
    alliance = organisations["Aire Valley Teaching School Alliance"]
    school = schools["Aire Valley Primary School"]
    lle = Designation.objects.get(person=leader, role=DesignationRole.LLE)
    open_review = _answered(lle)  # every question answered, not yet sent

    nlg = _designated(
        leader,
        DesignationRole.NLG,
        coordinator=coordinator,
        alliance=alliance,
        school=school,
        starts_on=term_ending_soon_starts_on(today, 5),
    )
    not_renewed = review_submit(actor=leader, review=_answered(nlg))
    feedback = ReviewFeedback.objects.get(review=not_renewed, respondent=contact)
    review_feedback_give(
        actor=contact,
        feedback=feedback,
        score=4,
        comments="Practical support with our pupil premium plan; the work moved on well between visits.",
    )
    review_decide(
        actor=representative,
        review=not_renewed,
        decision="not_renew",
        reasons="Little governance work this term: the region needs its NLGs to support governing boards.",
    )

    reviews = {"open_review": open_review, "not_renewed_review": not_renewed, "review_feedback": feedback}
    for key, (email, full_name) in (("submitted_review", WAITING_LEADER), ("appealed_review", APPEALING_LEADER)):
        person = accounts.user_create(actor=None, email=email, full_name=full_name, password=None)
        designation = _designated(
            person,
            DesignationRole.LLE,
            coordinator=coordinator,
            alliance=alliance,
            school=schools["Beckside Church of England Primary School"],
            starts_on=term_ending_soon_starts_on(today, 4),
        )
        # Leaders of the alliance for a term: both sides accepted the memorandum long ago.
        association = Association.objects.get(leader=person, organisation=alliance, status="active")
        _accept_memorandum(association, leader=person, coordinator=coordinator)
        reviews[key] = review_submit(actor=person, review=_answered(designation))
    appealed = reviews["appealed_review"]
    review_decide(
        actor=User.objects.get(email=HUB_COORDINATOR[0]),
        review=appealed,
        decision="not_renew",
        reasons="No support given to other schools this term.",
    )
    review_appeal(
        actor=appealed.designation.person,
        review=appealed,
        grounds="I was seconded to the local authority for a year, which the review did not take into account.",
    )
    return reviews
