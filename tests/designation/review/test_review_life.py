"""The review of a designation at the end of its term (seed 004 §22-26): opened six months before
the term ends, the leader's self-assessment, 360 feedback, the decision and an appeal."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from domain.audit.models import AuditEvent
from domain.designation.models import Designation, DesignationReview, ReviewFeedback
from domain.designation.review_questions import questions_for
from domain.designation.review_selectors import collated_feedback, review_pack, reviews_to_decide
from domain.designation.review_services import (
    ReviewRefused,
    review_answer,
    review_appeal,
    review_appeal_decide,
    review_decide,
    review_feedback_give,
    review_open,
    review_submit,
    reviews_open_due,
)
from domain.designation.tasks import open_due_reviews
from domain.designation.todo import to_do_for
from domain.notifications.models import Notification
from tests import factories
from tests.conftest import person_in_role
from tests.designation.life.helpers import designate, tsa_with_coordinator

pytestmark = pytest.mark.django_db

# A term from 1 September 2026 ends on 31 August 2029: its review opens on 28 February 2029.
OPENS = dt.date(2029, 2, 28)


def opened(role="lle", **fields):
    organisation, coordinator = tsa_with_coordinator()
    designation = designate(role=role, organisation=organisation, actor=coordinator, **fields)
    return review_open(designation=designation, today=OPENS), coordinator


def answered(review):
    for question in questions_for(review.designation.role):
        review_answer(actor=review.designation.person, review=review, key=question.key, answer=f"About {question.key}")
    return review


def submitted(**fields):
    review, coordinator = opened(**fields)
    review_submit(actor=review.designation.person, review=answered(review))
    review.refresh_from_db()
    return review, coordinator


def test_the_review_opens_six_months_before_the_term_ends_and_not_before():
    organisation, coordinator = tsa_with_coordinator()
    designation = designate(organisation=organisation, actor=coordinator)
    with pytest.raises(ReviewRefused, match="six months before"):
        review_open(designation=designation, today=OPENS - dt.timedelta(days=1))
    assert not DesignationReview.objects.exists()

    review = review_open(designation=designation, today=OPENS)
    assert review.status == "open"
    assert review_open(designation=designation, today=OPENS) == review, "opening again changes nothing"
    note = Notification.objects.get(user=designation.person)
    assert "is being reviewed" in note.title and note.link == f"/home/reviews/{review.pk}/"
    assert AuditEvent.objects.filter(action="designation.review.opened", subject_id=str(review.pk)).exists()


def test_the_daily_task_opens_every_due_review_once():
    due = designate()
    later = designate(starts_on=dt.date(2027, 9, 1))
    assert reviews_open_due(today=OPENS) == 1
    assert reviews_open_due(today=OPENS) == 0
    assert DesignationReview.objects.get().designation == due
    assert not DesignationReview.objects.filter(designation=later).exists()


def test_the_daily_command_and_task_run_at_the_frozen_date():
    # 22 November 2026: a term from 1 March 2024 ends on 28 February 2027, within six months.
    designate(starts_on=dt.date(2024, 3, 1))
    out = io.StringIO()
    call_command("open_due_reviews", stdout=out)
    assert out.getvalue() == "Opened 1 review.\n"
    assert DesignationReview.objects.count() == 1
    assert open_due_reviews.enqueue().return_value == 0


def test_an_nle_answers_against_the_standards_and_others_a_short_set():
    nle = [q.key for q in questions_for("nle")]
    assert nle[:3] == ["credibility", "problem_solving", "capacity"]  # seed 004 §16
    assert [q.key for q in questions_for("lle")] == ["support", "fit", "results", "next_term"]


def test_the_leader_writes_and_sends_the_self_assessment_and_the_coordinator_is_told():
    review, coordinator = opened()
    leader = review.designation.person
    assert [t.code for t in to_do_for(leader)] == ["review_self_assessment"]
    with pytest.raises(ReviewRefused, match="Answer every question"):
        review_submit(actor=leader, review=review)
    with pytest.raises(ReviewRefused, match="Only the leader"):
        review_answer(actor=coordinator, review=review, key="support", answer="Lots")
    with pytest.raises(ReviewRefused, match="not a question"):
        review_answer(actor=leader, review=review, key="credibility", answer="An NLE's question")
    with pytest.raises(ReviewRefused, match="Enter your answer"):
        review_answer(actor=leader, review=review, key="support", answer="   ")

    review_submit(actor=leader, review=answered(review))
    review.refresh_from_db()
    assert review.status == "submitted" and review.submitted_at is not None
    assert to_do_for(leader) == []
    assert [t.code for t in to_do_for(coordinator)] == ["reviews_to_decide"]
    assert Notification.objects.filter(user=coordinator, title__startswith="Review the designation").exists()
    with pytest.raises(ReviewRefused, match="has been sent"):
        review_answer(actor=leader, review=review, key="support", answer="Changed")


def test_supported_schools_and_alliances_are_asked_and_their_feedback_is_collated_without_names():
    from tests.deployments.builders import deployment

    cast = deployment()
    designation = Designation.objects.get(person=cast.leader)
    review = answered(review_open(designation=designation, today=OPENS))
    review_submit(actor=cast.leader, review=review)
    asked = {f.respondent: f.source for f in ReviewFeedback.objects.filter(review=review)}
    assert asked == {cast.client: "school", cast.coordinator: "alliance"}
    assert [t.code for t in to_do_for(cast.client)] == ["review_feedback"]

    school_feedback = ReviewFeedback.objects.get(respondent=cast.client)
    with pytest.raises(ReviewRefused, match="from 1 to 5"):
        review_feedback_give(actor=cast.client, feedback=school_feedback, score="9", comments="Great")
    with pytest.raises(ReviewRefused, match="someone else"):
        review_feedback_give(actor=cast.coordinator, feedback=school_feedback, score=4, comments="Great")
    review_feedback_give(actor=cast.client, feedback=school_feedback, score=4, comments="Zealous and kind")
    with pytest.raises(ReviewRefused, match="already"):
        review_feedback_give(actor=cast.client, feedback=school_feedback, score=5, comments="Again")

    collated = collated_feedback(review)
    assert (collated.asked, collated.answered, collated.mean_from_schools) == (2, 1, 4)
    assert collated.comments == ["Zealous and kind"]
    pack = review_pack(review)
    assert [s.school_name for s in pack.schools] == [cast.deployment.client_school.display_name]
    assert pack.deployments_in_term == 1
    assert pack.reach_in_term.visits == pack.reach.visits, "the deployment's visits all fall in the term"
    assert [a.answer for a in pack.self_assessment][0] == "About support"


def test_re_designation_opens_a_new_linked_term_and_tells_the_leader():
    review, coordinator = submitted()
    with pytest.raises(ReviewRefused, match="Explain"):
        review_decide(actor=coordinator, review=review, decision="redesignate", reasons=" ")
    review_decide(actor=coordinator, review=review, decision="redesignate", reasons="Strong support, well judged")
    review.refresh_from_db()
    assert (review.status, review.decision, review.decided_by) == ("redesignated", "redesignate", coordinator)
    new = review.designation.next_designation
    assert (new.starts_on, new.ends_on, new.status) == (dt.date(2029, 9, 1), dt.date(2032, 8, 31), "active")
    assert Designation.objects.get(pk=review.designation.pk).status == "redesignated"
    leader = review.designation.person
    assert Notification.objects.filter(user=leader, title__startswith="You are re-designated").exists()
    assert list(reviews_to_decide(coordinator)) == []


def test_not_renewing_leaves_the_designation_to_end_with_its_term_and_the_appeal_is_heard_by_someone_else():
    review, coordinator = submitted()
    leader = review.designation.person
    review_decide(actor=coordinator, review=review, decision="not_renew", reasons="Little support given")
    assert Designation.objects.get(pk=review.designation.pk).status == "active"
    with pytest.raises(ReviewRefused, match="Only the leader"):
        review_appeal(actor=coordinator, review=review, grounds="Unfair")
    review_appeal(actor=leader, review=review, grounds="I was on leave for a year")
    with pytest.raises(ReviewRefused, match="someone else must hear"):
        review_appeal_decide(actor=coordinator, review=review, outcome="upheld", reasons="Fair point")
    assert list(reviews_to_decide(coordinator)) == [], "the decision maker is not asked to hear the appeal"

    other = person_in_role("tsa_coordinator", organisation=review.designation.organisation)
    assert list(reviews_to_decide(other)) == [review]
    review_appeal_decide(actor=other, review=review, outcome="upheld", reasons="The leave was agreed")
    review.refresh_from_db()
    assert (review.status, review.appeal_outcome, review.appeal_heard_by) == ("submitted", "upheld", other)
    with pytest.raises(ReviewRefused, match="heard the appeal"):
        review_decide(actor=other, review=review, decision="redesignate", reasons="On reflection")
    review_decide(actor=coordinator, review=review, decision="redesignate", reasons="On reflection")
    with pytest.raises(ReviewRefused, match="already appealed"):
        review_appeal(actor=leader, review=review, grounds="Once more")


def test_de_designation_needs_a_reason_of_section_26_and_an_upheld_appeal_restores_it():
    review, coordinator = submitted()
    with pytest.raises(ReviewRefused, match="Choose why the leader is de-designated"):
        review_decide(actor=coordinator, review=review, decision="de_designate", reasons="Gone", reason_code="")
    assert Designation.objects.get(pk=review.designation.pk).status == "active"
    reasons = "No work for two years"
    review_decide(actor=coordinator, review=review, decision="de_designate", reasons=reasons, reason_code="inactivity")
    assert Designation.objects.get(pk=review.designation.pk).status == "de_designated"
    review_appeal(actor=review.designation.person, review=review, grounds="I was seconded to the DfE")
    other = person_in_role("tsa_coordinator", organisation=review.designation.organisation)
    review_appeal_decide(actor=other, review=review, outcome="upheld", reasons="The secondment counts")
    restored = Designation.objects.get(pk=review.designation.pk)
    assert (restored.status, restored.ended_on, restored.end_reason_code) == ("active", None, "")


def test_a_dismissed_appeal_leaves_the_decision_standing():
    review, coordinator = submitted()
    review_decide(actor=coordinator, review=review, decision="not_renew", reasons="Little support given")
    review_appeal(actor=review.designation.person, review=review, grounds="Unfair")
    other = factories.UserFactory(is_superuser=True)
    review_appeal_decide(actor=other, review=review, outcome="dismissed", reasons="The record is clear")
    review.refresh_from_db()
    assert (review.status, review.decision) == ("appeal_dismissed", "not_renew")
    assert Notification.objects.filter(user=review.designation.person, title="Your appeal is dismissed").exists()
