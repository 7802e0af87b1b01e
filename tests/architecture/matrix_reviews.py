"""URL x role matrix rows for the review of designations (web/portal/reviews.py), merged into
test_url_matrix.MATRIX, and the reviews they need (review_records, called by build_world).

The demo's system leader (Alex) holds three designations by the coordinator's alliance: the LLE
designation's review is sent and waits for a decision (the school contact and the coordinator
were asked for feedback); an SLE designation's review was not renewed (Alex may appeal); an NLG
designation's review is open, every question answered but not yet sent. Another leader of the
alliance has appealed (decided by the hub's coordinator, so the alliance's coordinator or the
region's representative hears the appeal)."""

import datetime as dt

from domain.accounts.roles import Role

ANON = "signed out"
SL, SC, CO, RR = Role.SYSTEM_LEADER, Role.SCHOOL_CONTACT, Role.TSA_COORDINATOR, Role.REGIONAL_REPRESENTATIVE


def _signed_in_404(**allowed) -> dict:
    return {**dict.fromkeys(Role.values, 404), **allowed, ANON: 302}


def _managers(status=200) -> dict:
    return {**dict.fromkeys(Role.values, 403), CO: status, RR: status, ANON: 302}


ROWS: dict = {
    # The leader's own review; anyone else finds none.
    "portal:review": _signed_in_404(**{SL: 200}),
    "portal:review-question": _signed_in_404(**{SL: 200}),
    "portal:review-check": _signed_in_404(**{SL: 200}),
    "portal:review-appeal": _signed_in_404(**{SL: 200}),
    # The designating body's pages: its coordinators and the region's representative.
    "portal:reviews": _managers(),
    "portal:review-pack": _managers(),
    "portal:review-decide": _managers(),
    "portal:review-appeal-decide": _managers(),
    # Feedback asked of the supported school's contact.
    "portal:review-feedback": _signed_in_404(**{SC: 200}),
}


def kwargs(world) -> dict:
    return {
        "portal:review": {"review_id": world["sent_review"].pk},
        "portal:review-question": {"review_id": world["open_review"].pk, "key": "support"},
        "portal:review-check": {"review_id": world["open_review"].pk},
        "portal:review-appeal": {"review_id": world["sent_review"].pk},
        "portal:review-pack": {"review_id": world["sent_review"].pk},
        "portal:review-decide": {"review_id": world["submitted_review"].pk},
        "portal:review-appeal-decide": {"review_id": world["appealed_review"].pk},
        "portal:review-feedback": {"feedback_id": world["review_feedback"].pk},
    }


def _answered(designation):
    """The designation's review, opened and every question of the self-assessment answered."""
    from domain.designation.models import add_months
    from domain.designation.review_questions import questions_for
    from domain.designation.review_services import review_answer, review_open

    review = review_open(designation=designation, today=add_months(designation.ends_on, -5))
    for question in questions_for(designation.role):
        review_answer(actor=designation.person, review=review, key=question.key, answer="My work this term (matrix)")
    return review


def _submitted(designation):
    from domain.designation.review_services import review_submit

    return review_submit(actor=designation.person, review=_answered(designation))


def review_records(people) -> dict:
    from demo.leaders import HUB_COORDINATOR
    from domain.accounts.models import User
    from domain.designation.models import Designation, ReviewFeedback
    from domain.designation.review_services import review_appeal, review_decide
    from domain.designation.services import designation_create
    from domain.organisations.models import Organisation
    from tests.architecture.matrix_world_records import _applicant

    alliance = Organisation.objects.get(code="DEMO-TSA1")
    alex, representative = people[SL], people[RR]
    lle = Designation.objects.get(person=alex, role="lle")

    def alex_designated(role, specialisms=()):
        return designation_create(
            actor=people[CO],
            person=alex,
            role=role,
            source="tsa_or_hub",
            organisation=alliance,
            school=lle.school,
            phases=["primary"] if role == "sle" else [],
            specialisms=list(specialisms),
            starts_on=dt.date(2024, 3, 1),
        )

    submitted = _submitted(lle)  # asks the school contact and the coordinator for feedback
    sent = _submitted(alex_designated("sle", ["maths"]))
    review_decide(actor=representative, review=sent, decision="not_renew", reasons="Little support (matrix)")
    nlg = alex_designated("nlg")
    avery = designation_create(
        actor=people[CO],
        person=_applicant("avery.appealing@matrix.test", "Avery Appealing"),
        role="lle",
        source="tsa_or_hub",
        organisation=alliance,
        school=lle.school,
        phases=["primary"],
        specialisms=[],
        starts_on=dt.date(2024, 3, 1),
    )
    appealed = _submitted(avery)
    # Decided by the hub's coordinator, so that the alliance's coordinator or the representative hears it.
    hub_coordinator = User.objects.get(email=HUB_COORDINATOR[0])
    review_decide(actor=hub_coordinator, review=appealed, decision="not_renew", reasons="Little support (matrix)")
    review_appeal(actor=avery.person, review=appealed, grounds="I was on leave (matrix)")
    return {
        "sent_review": sent,
        "open_review": _answered(nlg),
        "submitted_review": submitted,
        "appealed_review": appealed,
        "review_feedback": ReviewFeedback.objects.get(review=submitted, respondent=people[SC]),
    }
