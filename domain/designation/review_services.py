"""The review of a designation at the end of its term (seed 004 §22-26): opening it six months
before the term ends, the leader's self-assessment, the 360 feedback asked of the supported
schools and alliances, the decision and an appeal. Each service runs in one transaction and
writes its audit event, through the review workflow's `transition` for every change of status."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from domain.accounts.roles import Role
from domain.accounts.selectors import coordinators_of, organisation_ids_of, people_in_role
from domain.audit.services import audit_record
from domain.notifications.services import notify, reminder_cancel, reminder_schedule, reminders_cancel_about
from domain.workflows.table import TransitionRefused, transition

from .models import (
    REVIEW_OPENS_MONTHS_BEFORE,
    AppealOutcome,
    DeDesignationReason,
    Designation,
    DesignationReview,
    ReviewDecision,
    ReviewFeedback,
    add_months,
)
from .review_questions import ANSWER_MAX_LENGTH, question_for, unanswered
from .services import (
    LONDON,
    REMINDER_HOUR,
    DesignationRefused,
    _schedule_expiry_reminders,
    designation_de_designate,
    designation_redesignate,
)
from .workflows import DESIGNATION, REVIEW, DesignationStatus, ReviewStatus

# Where the notifications lead (web/portal/urls.py).
LINK_TO_REVIEW = "/home/reviews/{pk}/"
LINK_TO_PACK = "/home/designations/reviews/{pk}/"
LINK_TO_FEEDBACK = "/home/reviews/feedback/{pk}/"

# Chasers (seed 004 §24 asks for the self-assessment and the 360 feedback; these delays are A
# CHOICE, not from the seeds): the leader a month after the review opens, a person asked for
# feedback three weeks after they were asked. Each is cancelled once done, and any left when the
# review is decided.
SELF_ASSESSMENT_CHASER_MONTHS = 1
FEEDBACK_CHASER_DAYS = 21


class ReviewRefused(DesignationRefused):
    """The review cannot change as asked; the message says why, in words a person can act on."""


def _step(review: DesignationReview, event: str, *, actor, reason: str = "", data=None) -> DesignationReview:
    return transition(
        workflow=REVIEW,
        obj=review,
        event=event,
        actor=actor,
        reason=reason,
        organisation=review.designation.organisation,
        data=data,
        refused_as=ReviewRefused,
    )


def _role_words(designation: Designation) -> str:
    return designation.get_role_display().lower()


def _at_nine(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, REMINDER_HOUR, tzinfo=LONDON)


def _self_assessment_key(review: DesignationReview) -> str:
    return f"designation-review-self-assessment:{review.pk}"


def _feedback_key(feedback: ReviewFeedback) -> str:
    return f"designation-review-feedback:{feedback.pk}"


def review_opens_on(designation: Designation) -> dt.date | None:
    return add_months(designation.ends_on, -REVIEW_OPENS_MONTHS_BEFORE) if designation.ends_on else None


# Opening -------------------------------------------------------------------------------------


@transaction.atomic
def review_open(*, designation: Designation, today: dt.date | None = None) -> DesignationReview:
    """Opens the review of a current designation whose term ends within six months (by the
    service: no actor) and asks the leader for their self-assessment. A review already open is
    returned as it is."""
    today = today or timezone.localdate()
    existing = DesignationReview.objects.filter(designation=designation).first()
    if existing is not None:
        return existing
    if designation.status != DesignationStatus.ACTIVE:
        raise ReviewRefused("Only an active designation is reviewed")
    opens_on = review_opens_on(designation)
    if opens_on is None or today < opens_on:
        raise ReviewRefused("The review opens six months before the designation's term ends")
    review = DesignationReview.objects.create(designation=designation)
    audit_record(
        actor=None,
        action="designation.review.opened",
        subject=review,
        to_state=review.status,
        organisation=designation.organisation,
        data={"designation_id": designation.pk, "ends_on": designation.ends_on.isoformat()},
    )
    ends = f"{designation.ends_on.day} {designation.ends_on:%B %Y}"
    notify(
        user=designation.person,
        title=f"Your designation as {_role_words(designation)} is being reviewed",
        body=(
            f"Your term ends on {ends}. Write your self-assessment and send it to "
            f"{designation.designating_body} so that they can review your designation."
        ),
        link=LINK_TO_REVIEW.format(pk=review.pk),
    )
    reminder_schedule(
        user=designation.person,
        key=_self_assessment_key(review),
        title=f"Reminder: send your self-assessment for the review of your designation as {_role_words(designation)}",
        body=(
            f"Your term ends on {ends}. {designation.designating_body} reviews your designation once you "
            "send your self-assessment."
        ),
        due_at=_at_nine(add_months(today, SELF_ASSESSMENT_CHASER_MONTHS)),
        link=LINK_TO_REVIEW.format(pk=review.pk),
        about=review,
    )
    return review


def reviews_open_due(*, today: dt.date | None = None) -> int:
    """Opens the review of every active designation whose term ends within six months and that has
    none; returns how many. Idempotent: run it daily. Each opens in its own transaction."""
    today = today or timezone.localdate()
    due = Designation.objects.filter(
        status=DesignationStatus.ACTIVE,
        ends_on__isnull=False,
        ends_on__gte=today,
        # A month more, then each designation's own opening day: months differ in length.
        ends_on__lte=add_months(today, REVIEW_OPENS_MONTHS_BEFORE + 1),
        review__isnull=True,
    ).select_related("person", "organisation")
    opened = 0
    for designation in due.order_by("ends_on", "id"):
        if review_opens_on(designation) > today:
            continue
        try:
            review_open(designation=designation, today=today)
        except ReviewRefused:  # changed meanwhile
            continue
        opened += 1
    return opened


# The leader's self-assessment -----------------------------------------------------------------


def _leaders_own(review: DesignationReview, actor) -> None:
    if actor is None or review.designation.person_id != actor.pk:
        raise ReviewRefused("Only the leader writes their self-assessment")
    if review.status != ReviewStatus.OPEN:
        raise ReviewRefused("The self-assessment has been sent, so it cannot be changed")


@transaction.atomic
def review_answer(*, actor, review: DesignationReview, key: str, answer: str) -> DesignationReview:
    """Saves the leader's answer to one question of the self-assessment."""
    locked = DesignationReview.objects.select_for_update().select_related("designation").get(pk=review.pk)
    _leaders_own(locked, actor)
    if question_for(locked.designation.role, key) is None:
        raise ReviewRefused("That is not a question of this self-assessment")
    answer = (answer or "").strip()
    if not answer:
        raise ReviewRefused("Enter your answer")
    if len(answer) > ANSWER_MAX_LENGTH:
        raise ReviewRefused(f"Your answer must be {ANSWER_MAX_LENGTH:,} characters or fewer")
    locked.self_assessment = {**locked.self_assessment, key: answer}
    locked.save(update_fields=["self_assessment"])
    review.self_assessment = locked.self_assessment
    audit_record(
        actor=actor,
        action="designation.review.answered",
        subject=locked,
        organisation=locked.designation.organisation,
        data={"question": key},
    )
    return locked


def _feedback_people(designation: Designation) -> list[tuple[object, str, object]]:
    """The people asked for 360 feedback (seed 004 §24 ii), each once with the organisation they
    speak for: the contacts of the schools the leader supported during the term and the
    coordinators of the alliances that brokered the work; never the leader."""
    from domain.deployments.models import Deployment
    from domain.organisations.models import Organisation

    deployments = Deployment.objects.filter(
        leader=designation.person, starts_on__lte=designation.ends_on, ends_on__gte=designation.starts_on
    ).select_related("organisation")
    people: dict[int, tuple[object, str, object]] = {}
    school_ids = {d.client_school_id for d in deployments}
    for school in Organisation.objects.filter(school_id__in=school_ids).order_by("id"):
        for user in people_in_role(Role.SCHOOL_CONTACT, organisation=school):
            people.setdefault(user.pk, (user, ReviewFeedback.Source.SCHOOL, school))
    for alliance in sorted({d.organisation for d in deployments}, key=lambda o: o.pk):
        for user in coordinators_of(alliance):
            people.setdefault(user.pk, (user, ReviewFeedback.Source.ALLIANCE, alliance))
    people.pop(designation.person_id, None)
    return list(people.values())


@transaction.atomic
def review_submit(*, actor, review: DesignationReview) -> DesignationReview:
    """The leader sends the self-assessment: every question answered. The designating body's
    coordinators are told, and the supported schools and alliances are asked for feedback."""
    current = DesignationReview.objects.select_related("designation").get(pk=review.pk)
    _leaders_own(current, actor)
    missing = unanswered(current.designation.role, current.self_assessment)
    if missing:
        raise ReviewRefused(f"Answer every question before you send it: {missing[0].title}")
    locked = _step(review, "submit", actor=actor)
    locked.submitted_at = review.submitted_at = timezone.now()
    locked.save(update_fields=["submitted_at"])
    designation = current.designation
    leader = designation.person
    reminder_cancel(user=leader, key=_self_assessment_key(locked), reason="The self-assessment was sent")
    chase_on = _at_nine(timezone.localdate() + dt.timedelta(days=FEEDBACK_CHASER_DAYS))
    for user in coordinators_of(designation.organisation):
        notify(
            user=user,
            title=f"Review the designation of {leader.full_name}",
            body=(
                f"{leader.full_name} has sent their self-assessment for the review of their designation as "
                f"{_role_words(designation)}. Read the review pack and decide."
            ),
            link=LINK_TO_PACK.format(pk=review.pk),
        )
    for user, source, organisation in _feedback_people(designation):
        feedback, _ = ReviewFeedback.objects.get_or_create(
            review=locked, respondent=user, defaults={"source": source, "organisation": organisation}
        )
        notify(
            user=user,
            title=f"Give feedback on {leader.full_name}'s work",
            body=(
                f"The designation of {leader.full_name} as {_role_words(designation)} is being reviewed. "
                "Tell us about their support. The leader will not see who said what."
            ),
            link=LINK_TO_FEEDBACK.format(pk=feedback.pk),
        )
        reminder_schedule(
            user=user,
            key=_feedback_key(feedback),
            title=f"Reminder: give feedback on {leader.full_name}'s work for their review",
            body=(
                f"The designation of {leader.full_name} as {_role_words(designation)} is being reviewed and "
                "your feedback has not been given yet. The leader will not see who said what."
            ),
            due_at=chase_on,
            link=LINK_TO_FEEDBACK.format(pk=feedback.pk),
            about=locked,
        )
    return locked


@transaction.atomic
def review_feedback_give(*, actor, feedback: ReviewFeedback, score, comments: str) -> ReviewFeedback:
    """A person asked for feedback answers: a score from 1 to 5 and their comments. Once."""
    locked = ReviewFeedback.objects.select_for_update().select_related("review").get(pk=feedback.pk)
    if actor is None or locked.respondent_id != actor.pk or locked.organisation_id not in organisation_ids_of(actor):
        raise ReviewRefused("This feedback was asked of someone else")
    if locked.answered_at is not None:
        raise ReviewRefused("You have already given this feedback")
    if locked.review.status != ReviewStatus.SUBMITTED:
        raise ReviewRefused("The review has been decided, so it takes no more feedback")
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        raise ReviewRefused("Choose a score from 1 to 5")
    comments = (comments or "").strip()
    if not comments:
        raise ReviewRefused("Enter your comments on the leader's support")
    if len(comments) > ANSWER_MAX_LENGTH:
        raise ReviewRefused(f"Your comments must be {ANSWER_MAX_LENGTH:,} characters or fewer")
    locked.score, locked.comments, locked.answered_at = score, comments, timezone.now()
    locked.save(update_fields=["score", "comments", "answered_at"])
    reminder_cancel(user=actor, key=_feedback_key(locked), reason="Feedback given")
    audit_record(
        actor=actor,
        action="designation.review.feedback_given",
        subject=locked.review,
        organisation=None,
        data={"feedback_id": locked.pk},
    )
    return locked


# The decision -------------------------------------------------------------------------------


def _tell_leader(review: DesignationReview, title: str, body: str) -> None:
    notify(user=review.designation.person, title=title, body=body, link=LINK_TO_REVIEW.format(pk=review.pk))


@transaction.atomic
def review_decide(
    *, actor, review: DesignationReview, decision: str, reasons: str, reason_code: str = "", today=None
) -> DesignationReview:
    """The reviewer's decision: re-designate (a new term, linked, from the day after this one
    ends), not renew (the designation ends with its term) or de-designate for one of seed 004
    §26's reasons (now). Reasons are required; the leader is told and may appeal a non-renewal or
    a de-designation."""
    today = today or timezone.localdate()
    if decision not in ReviewDecision.values:
        raise ReviewRefused("Choose whether to re-designate the leader, not renew or de-designate")
    reasons = (reasons or "").strip()
    if not reasons:
        raise ReviewRefused("Explain the decision")
    if decision == ReviewDecision.DE_DESIGNATE and reason_code not in DeDesignationReason.values:
        raise ReviewRefused(  # seed 004 §26
            "Choose why the leader is de-designated: lack of activity or engagement, misconduct, "
            "or clear failure to meet the standards"
        )
    designation = review.designation
    if review.appeal_heard_by_id is not None and review.appeal_heard_by_id == actor.pk:
        raise ReviewRefused("You heard the appeal, so someone else makes the decision again")
    locked = _step(review, decision, actor=actor, reason=reasons, data={"reason_code": reason_code})
    role = _role_words(designation)
    if decision == ReviewDecision.REDESIGNATE:
        starts_on = max(designation.ends_on + dt.timedelta(days=1), today) if designation.ends_on else today
        new = designation_redesignate(actor=actor, designation=designation, review_notes=reasons, starts_on=starts_on)
        _tell_leader(
            locked,
            f"You are re-designated as {role}",
            f"Your new term starts on {new.starts_on.day} {new.starts_on:%B %Y} and ends on "
            f"{new.ends_on.day} {new.ends_on:%B %Y}.\n\n{reasons}",
        )
    elif decision == ReviewDecision.NOT_RENEW:
        ends = f"{designation.ends_on.day} {designation.ends_on:%B %Y}"
        _tell_leader(
            locked,
            f"Your designation as {role} will not be renewed",
            f"Your designation ends with its term on {ends}.\n\n{reasons}\n\nYou can appeal against this decision.",
        )
    else:
        designation_de_designate(actor=actor, designation=designation, reason_code=reason_code, reason=reasons)
        _tell_leader(
            locked,
            f"You are de-designated as {role}",
            f"{DeDesignationReason(reason_code).label}.\n\n{reasons}\n\nYou can appeal against this decision.",
        )
    for obj in (locked, review):
        obj.decision, obj.reasons, obj.reason_code = decision, reasons, reason_code
        obj.decided_by, obj.decided_at = actor, timezone.now()
    locked.save(update_fields=["decision", "reasons", "reason_code", "decided_by", "decided_at"])
    reminders_cancel_about(subject=locked, reason="The review was decided")
    return locked


# The appeal ---------------------------------------------------------------------------------


@transaction.atomic
def review_appeal(*, actor, review: DesignationReview, grounds: str) -> DesignationReview:
    """The leader appeals against a non-renewal or a de-designation, once, giving their grounds."""
    if actor is None or review.designation.person_id != actor.pk:
        raise ReviewRefused("Only the leader can appeal against the decision")
    if review.appealed_at is not None:
        raise ReviewRefused("You have already appealed against this decision")
    grounds = (grounds or "").strip()
    if not grounds:
        raise ReviewRefused("Enter why you are appealing")
    if len(grounds) > ANSWER_MAX_LENGTH:
        raise ReviewRefused(f"Your grounds must be {ANSWER_MAX_LENGTH:,} characters or fewer")
    locked = _step(review, "appeal", actor=actor, reason=grounds)
    for obj in (locked, review):
        obj.appeal_grounds, obj.appealed_at = grounds, timezone.now()
    locked.save(update_fields=["appeal_grounds", "appealed_at"])
    for user in coordinators_of(review.designation.organisation):
        notify(
            user=user,
            title=f"{review.designation.person.full_name} has appealed against the review's decision",
            body="Someone who did not make the decision hears the appeal.",
            link=LINK_TO_PACK.format(pk=review.pk),
        )
    return locked


@transaction.atomic
def review_appeal_decide(*, actor, review: DesignationReview, outcome: str, reasons: str) -> DesignationReview:
    """Someone other than the decision maker hears the appeal: upheld, the review goes back for a
    fresh decision (a de-designated designation is restored first); dismissed, the decision
    stands. The leader is told either way."""
    if outcome not in AppealOutcome.values:
        raise ReviewRefused("Choose whether the appeal is upheld or dismissed")
    reasons = (reasons or "").strip()
    if not reasons:
        raise ReviewRefused("Explain the outcome of the appeal")
    if actor is None or actor.pk == review.decided_by_id:
        raise ReviewRefused("You made the decision, so someone else must hear the appeal")
    event = "uphold_appeal" if outcome == AppealOutcome.UPHELD else "dismiss_appeal"
    locked = _step(review, event, actor=actor, reason=reasons)
    designation = review.designation
    if outcome == AppealOutcome.UPHELD and designation.status == DesignationStatus.DE_DESIGNATED:
        restored = transition(
            workflow=DESIGNATION,
            obj=designation,
            event="restore",
            actor=actor,
            reason=reasons,
            organisation=designation.organisation,
        )
        for obj in (restored, designation):
            obj.ended_on, obj.end_reason_code, obj.end_reason = None, "", ""
        restored.save(update_fields=["ended_on", "end_reason_code", "end_reason"])
        _schedule_expiry_reminders(restored)
    for obj in (locked, review):
        obj.appeal_outcome, obj.appeal_reasons = outcome, reasons
        obj.appeal_heard_by, obj.appeal_decided_at = actor, timezone.now()
    locked.save(update_fields=["appeal_outcome", "appeal_reasons", "appeal_heard_by", "appeal_decided_at"])
    upheld = outcome == AppealOutcome.UPHELD
    _tell_leader(
        locked,
        "Your appeal is upheld" if upheld else "Your appeal is dismissed",
        (
            "The review goes back to the designating body to be decided again."
            if upheld
            else "The review's decision stands."
        )
        + f"\n\n{reasons}",
    )
    return locked


__all__ = [
    "ReviewRefused",
    "TransitionRefused",
    "review_answer",
    "review_appeal",
    "review_appeal_decide",
    "review_decide",
    "review_feedback_give",
    "review_open",
    "review_submit",
    "reviews_open_due",
]
