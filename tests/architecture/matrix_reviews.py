"""URL x role matrix rows for the review of designations (web/portal/reviews.py), merged into
test_url_matrix.MATRIX, and the reviews they need (review_records, called by build_world).

The demo region's reviews (demo.designation_reviews): the system leader's (Alex's) LLE review is
open, the self-assessment begun; their NLG review was not renewed (the school contact gave
feedback; Alex may appeal); another leader of the alliance waits for the decision; and another
has appealed (decided by the region's representative, so the alliance's coordinator hears it)."""

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


def review_records(people) -> dict:
    """The demo's reviews (demo.designation_reviews). The school contact answered their request on
    the decided one: a request still to answer, on the review waiting for its decision, is added."""
    from domain.designation.models import DesignationReview, ReviewFeedback
    from domain.organisations.models import Organisation

    alex = people[SL]
    reviews = DesignationReview.objects.select_related("designation")
    not_renewed = reviews.get(designation__person=alex, status="not_renewed")
    submitted = reviews.get(designation__person__email="sasha.hebden@demo.test")
    contact = people[SC]
    feedback = ReviewFeedback.objects.create(
        review=submitted,
        respondent=contact,
        source=ReviewFeedback.Source.SCHOOL,
        organisation=Organisation.objects.get(memberships__user=contact, memberships__role=SC),
    )
    return {
        "sent_review": not_renewed,
        "open_review": reviews.get(designation__person=alex, status="open"),
        "submitted_review": submitted,
        "appealed_review": reviews.get(status="appealed"),
        "review_feedback": feedback,
    }
