"""The demo deployment's feedback and quality assurance (demo.deployments builds the deployment
first). The school has answered the mid-deployment feedback and the leader has not, so the demo
shows "waiting for the system leader"; the alliance has recorded a QA visit and a peer review of
the leader. Synthetic people only."""

import datetime as dt

from django.utils import timezone

from demo.school_days import school_day_on_or_before
from domain.accounts.models import User
from domain.accounts.roles import Role
from domain.deployments import feedback_questions as fq
from domain.deployments.feedback_services import feedback_round_open, feedback_submit
from domain.deployments.models import FeedbackRound, FeedbackStage, Party, QaKind, QaOutcome
from domain.deployments.qa_services import qa_record
from domain.leaders.people import is_designated

PEER_EMAIL = "sle.maths@demo.test"

CLIENT_WORDS = {
    "difference": "Our pupil premium plan is costed, shared with governors and tracked each half term.",
    "better": "We would have liked the second visit sooner after the first.",
}


def _client_answers(questions) -> dict:
    answers = {}
    for question in fq.questions_for(questions, Party.CLIENT):
        if question["kind"] == fq.SCALE:
            answers[question["key"]] = 4
        else:
            answers[question["key"]] = CLIENT_WORDS.get(question["key"], "The support has been practical and timely.")
    return answers


def build(*, deployment, users) -> None:
    """Adds the demo's feedback and quality assurance to the deployment through the services."""
    coordinator, contact = users[Role.TSA_COORDINATOR], users[Role.SCHOOL_CONTACT]
    round_ = FeedbackRound.objects.filter(deployment=deployment, stage=FeedbackStage.MIDDLE).first()
    if round_ is None:
        round_ = feedback_round_open(actor=coordinator, deployment=deployment, stage=FeedbackStage.MIDDLE)
    if not round_.responses.filter(party=Party.CLIENT).exists():
        feedback_submit(actor=contact, round=round_, party=Party.CLIENT, answers=_client_answers(round_.questions))
    today = timezone.localdate()
    qa_record(
        actor=coordinator,
        organisation=deployment.organisation,
        leader=deployment.leader,
        deployment=deployment,
        kind=QaKind.QA_VISIT,
        held_on=school_day_on_or_before(today - dt.timedelta(days=10)),
        findings=(
            "Observed the leader's second visit with the headteacher. The action plan is clear and the "
            "pupil premium review is on track; the notes of visit are shared promptly."
        ),
        outcome=QaOutcome.EFFECTIVE,
    )
    peer = User.objects.filter(email=PEER_EMAIL).first()
    if peer is not None:
        designated = is_designated(peer)
        qa_record(
            actor=coordinator,
            organisation=deployment.organisation,
            leader=deployment.leader,
            kind=QaKind.PEER_REVIEW,
            held_on=school_day_on_or_before(today - dt.timedelta(days=5)),
            findings="Reviewed the leader's coaching of middle leaders: strong questioning, clear next steps.",
            outcome=QaOutcome.STRONG,
            reviewer=peer if designated else None,
            reviewer_name="" if designated else peer.full_name,
        )
