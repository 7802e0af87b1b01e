"""Feedback from the client and the leader, and the region's feedback form.

Seed 000 "Principles for QA": "Opportunities for client and system leader to feedback must be
offered"; "QA may include feedback templates". Issue 6: "feedback forms that a region edits, sent
to client and leader at the middle and the end, both sides revealed together".

- A region's representatives change its form; each save is a new version (FeedbackForm). Until a
  region saves one, rounds ask the default questions (feedback_questions.DEFAULT_QUESTIONS).
- A round (one a stage: middle, end) copies the questions when it opens and keeps them.
- Each side answers once. Nobody reads a side's answers until both sides have answered
  (feedback_selectors)."""

import datetime as dt
import re

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from domain.audit.policies import timeline_regions_of
from domain.audit.services import audit_record
from domain.notifications.services import reminder_cancel, reminder_schedule
from domain.organisations.models import Region

from . import feedback_questions as fq
from . import policies
from .errors import DeploymentRefused
from .models import Deployment, FeedbackForm, FeedbackResponse, FeedbackRound, FeedbackStage, Party
from .people import client_contacts_of
from .services import LINK_TO_DEPLOYMENT, tell

ROUND_DUE_IN = dt.timedelta(days=14)
REMINDER_HOUR = 9
PARTY_NAMES = {Party.CLIENT: "the client school", Party.LEADER: "the system leader"}


class FeedbackAnswersRefused(DeploymentRefused):
    """Answers that do not fit the round's questions: `errors` maps each question's key to why."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__(next(iter(errors.values())))


# The region's form ---------------------------------------------------------------------------


def form_current(region) -> FeedbackForm | None:
    """The region's latest saved version, or None when it asks the default questions."""
    if region is None:
        return None
    return FeedbackForm.objects.filter(region=region).order_by("-version").first()


def questions_current(region) -> list[dict]:
    form = form_current(region)
    return list(form.questions) if form is not None else fq.default_questions()


def can_edit_feedback_form(user, region) -> bool:
    """The region's representatives (the service's technical admin: every region)."""
    if region is None or not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or region.pk in timeline_regions_of(user)


def _clean_question(*, text: str, kind: str, audience, required: bool) -> dict:
    text = (text or "").strip()
    if not text:
        raise DeploymentRefused("Enter the question")
    if len(text) > fq.MAX_TEXT:
        raise DeploymentRefused(f"Question must be {fq.MAX_TEXT} characters or fewer")
    if kind not in fq.KINDS:
        raise DeploymentRefused("Select whether the question is answered on a scale of 1 to 5 or in writing")
    audience = [a for a in (fq.CLIENT, fq.LEADER) if a in set(audience or ())]
    if not audience:
        raise DeploymentRefused("Select who answers the question")
    return {"text": text, "kind": kind, "for": audience, "required": bool(required)}


def _check_form(questions: list[dict]) -> None:
    if len(questions) > fq.MAX_QUESTIONS:
        raise DeploymentRefused(
            f"You cannot add another question because a form can have at most {fq.MAX_QUESTIONS} questions"
        )
    for party in (fq.CLIENT, fq.LEADER):
        if not fq.questions_for(questions, party):
            raise DeploymentRefused(
                f"You cannot save the form because {PARTY_NAMES[party]} would have no questions to answer"
            )


def _new_key(questions: list[dict], text: str) -> str:
    base = "_".join(re.findall(r"[a-z0-9]+", text.lower())[:4]) or "question"
    keys = {q["key"] for q in questions}
    key, n = base[:40], 2
    while key in keys:
        key, n = f"{base[:36]}_{n}", n + 1
    return key


@transaction.atomic
def _save_version(*, actor, region, change, describe: str) -> FeedbackForm:
    """Applies `change(questions) -> questions` to the region's current questions and saves the
    result as the next version. The region's row is locked so that two saves never share a number."""
    if not can_edit_feedback_form(actor, region):
        raise DeploymentRefused(f"You cannot change the feedback form because you do not represent {region.name}")
    Region.objects.select_for_update().filter(pk=region.pk).first()
    questions = change(questions_current(region))
    _check_form(questions)
    latest = FeedbackForm.objects.filter(region=region).aggregate(n=Max("version"))["n"] or 0
    form = FeedbackForm.objects.create(region=region, version=latest + 1, questions=questions, created_by=actor)
    audit_record(
        actor=actor,
        action="deployments.feedback_form.saved",
        subject=form,
        to_state=f"version {form.version}",
        data={"region_id": region.pk, "change": describe, "questions": len(questions)},
    )
    return form


def _find(questions: list[dict], key: str) -> int:
    for index, question in enumerate(questions):
        if question["key"] == key:
            return index
    raise DeploymentRefused("You cannot change that question because it is no longer on the form")


def feedback_question_add(*, actor, region, text: str, kind: str, audience, required: bool = True) -> FeedbackForm:
    cleaned = _clean_question(text=text, kind=kind, audience=audience, required=required)

    def change(questions):
        return [*questions, {"key": _new_key(questions, cleaned["text"]), **cleaned}]

    return _save_version(actor=actor, region=region, change=change, describe="added")


def feedback_question_change(
    *, actor, region, key: str, text: str, kind: str, audience, required: bool = True
) -> FeedbackForm:
    cleaned = _clean_question(text=text, kind=kind, audience=audience, required=required)

    def change(questions):
        index = _find(questions, key)
        questions[index] = {"key": key, **cleaned}
        return questions

    return _save_version(actor=actor, region=region, change=change, describe=f"changed {key}")


def feedback_question_remove(*, actor, region, key: str) -> FeedbackForm:
    def change(questions):
        index = _find(questions, key)
        if len(questions) == 1:
            raise DeploymentRefused("You cannot remove the last question because a form needs at least one")
        return questions[:index] + questions[index + 1 :]

    return _save_version(actor=actor, region=region, change=change, describe=f"removed {key}")


def feedback_question_move(*, actor, region, key: str, direction: str) -> FeedbackForm:
    """Moves a question one place "up" or "down"."""
    if direction not in ("up", "down"):
        raise DeploymentRefused("Choose whether to move the question up or down")

    def change(questions):
        index = _find(questions, key)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(questions):
            end = "top" if direction == "up" else "bottom"
            raise DeploymentRefused(f"You cannot move the question {direction} because it is already at the {end}")
        questions[index], questions[other] = questions[other], questions[index]
        return questions

    return _save_version(actor=actor, region=region, change=change, describe=f"moved {key} {direction}")


# Rounds --------------------------------------------------------------------------------------


def _reminder_key(round_: FeedbackRound, party: str) -> str:
    return f"deployments.feedback.{round_.pk}.{party}"


def _speakers(deployment: Deployment, party: str) -> list:
    return [deployment.leader] if party == Party.LEADER else client_contacts_of(deployment)


@transaction.atomic
def feedback_round_open(*, actor, deployment, stage):
    """Opens the feedback round of `stage` (FeedbackStage) for the deployment: sends the region's
    form to the client and the leader. Called by the review services after the mid-deployment
    review (FeedbackStage.MIDDLE) and the final review (FeedbackStage.END). Returns the round; a
    round already open for the stage is returned as it is."""
    if stage not in FeedbackStage.values:
        raise DeploymentRefused("Choose the middle or the end of the deployment for feedback")
    deployment = (
        Deployment.objects.select_for_update(of=("self",))
        .select_related("organisation", "organisation__region", "leader", "client_school", "request")
        .get(pk=deployment.pk)
    )
    existing = FeedbackRound.objects.filter(deployment=deployment, stage=stage).first()
    if existing is not None:
        return existing
    region = deployment.organisation.region
    form = form_current(region)
    questions = list(form.questions) if form is not None else fq.default_questions()
    round_ = FeedbackRound.objects.create(
        deployment=deployment,
        stage=stage,
        form=form,
        questions=questions,
        due_on=timezone.localdate() + ROUND_DUE_IN,
    )
    audit_record(
        actor=actor,
        action="deployments.feedback_round.opened",
        subject=round_,
        to_state="open",
        organisation=deployment.organisation,
        data={"deployment_id": deployment.pk, "stage": stage, "form_version": form.version if form else None},
    )
    stage_words = "the middle" if stage == FeedbackStage.MIDDLE else "the end"
    due_text = f"{round_.due_on.day} {round_.due_on:%B %Y}"
    tell(
        deployment,
        Party.CLIENT,
        Party.LEADER,
        title=f"Give your feedback on the deployment at {deployment.client_school.display_name}",
        body=(
            f"Tell us how the support is going at {stage_words} of the deployment by {due_text}. "
            "The school and the system leader each answer; neither sees the other's answers until both have answered."
        ),
    )
    due_at = timezone.make_aware(dt.datetime.combine(round_.due_on, dt.time(REMINDER_HOUR)))
    for party in (Party.CLIENT, Party.LEADER):
        for person in _speakers(deployment, party):
            reminder_schedule(
                user=person,
                key=_reminder_key(round_, party),
                title=f"Your feedback on the deployment at {deployment.client_school.display_name} is due today",
                body="Answer the feedback questions: the other side's answers are shown once you have both answered.",
                due_at=due_at,
                link=LINK_TO_DEPLOYMENT.format(pk=deployment.pk),
                about=round_,
            )
    return round_


def speaks_for(user, deployment, party: str) -> bool:
    """Feedback has two sides, the leader and the client (policies.speaks_for for each)."""
    return party in (Party.LEADER, Party.CLIENT) and policies.speaks_for(user, deployment, party)


def clean_answers(questions: list[dict], party: str, answers: dict) -> dict:
    """The answers to `party`'s questions, checked: a scale from 1 to 5, a required one present.
    Raises FeedbackAnswersRefused with a message for each question that is wrong."""
    cleaned, errors = {}, {}
    for question in fq.questions_for(questions, party):
        key = question["key"]
        raw = answers.get(key)
        raw = raw.strip() if isinstance(raw, str) else raw
        if raw in (None, ""):
            if question.get("required"):
                errors[key] = (
                    f"Select a score of 1 to 5 for: {question['text']}"
                    if question["kind"] == fq.SCALE
                    else f"Enter your answer to: {question['text']}"
                )
            continue
        if question["kind"] == fq.SCALE:
            try:
                value = int(raw)
            except (TypeError, ValueError):
                value = None
            if value is None or not fq.SCALE_MIN <= value <= fq.SCALE_MAX:
                errors[key] = f"Select a score of 1 to 5 for: {question['text']}"
                continue
            cleaned[key] = value
        else:
            if len(str(raw)) > fq.MAX_ANSWER:
                errors[key] = f"Answer must be {fq.MAX_ANSWER} characters or fewer"
                continue
            cleaned[key] = str(raw)
    if errors:
        raise FeedbackAnswersRefused(errors)
    return cleaned


@transaction.atomic
def feedback_submit(*, actor, round, party, answers):  # noqa: A002 - the brief's name
    """One side's answers to a round. The person must speak for that side; each side answers once.
    When both sides have answered, both are told that the answers can be read."""
    round_ = (
        FeedbackRound.objects.select_for_update(of=("self",))
        .select_related("deployment", "deployment__client_school", "deployment__request", "deployment__organisation")
        .get(pk=round.pk)
    )
    deployment = round_.deployment
    if party not in (Party.CLIENT, Party.LEADER):
        raise DeploymentRefused("Only the client school and the system leader give feedback")
    if not speaks_for(actor, deployment, party):
        raise DeploymentRefused(f"You cannot give feedback for {PARTY_NAMES[party]} because you do not speak for it")
    if FeedbackResponse.objects.filter(round=round_, party=party).exists():
        raise DeploymentRefused(
            f"You cannot answer again because {PARTY_NAMES[party]} has already given its feedback for this round"
        )
    cleaned = clean_answers(round_.questions, party, answers or {})
    response = FeedbackResponse.objects.create(round=round_, party=party, answers=cleaned, submitted_by=actor)
    both = FeedbackResponse.objects.filter(round=round_).count() == 2
    audit_record(
        actor=actor,
        action="deployments.feedback_response.submitted",
        subject=response,
        to_state="revealed" if both else "waiting",
        organisation=deployment.organisation,
        data={"round_id": round_.pk, "party": party},
    )
    for person in _speakers(deployment, party):
        reminder_cancel(user=person, key=_reminder_key(round_, party), reason="Feedback given")
    if both:
        tell(
            deployment,
            Party.CLIENT,
            Party.LEADER,
            Party.ALLIANCE,
            title=f"Feedback on the deployment at {deployment.client_school.display_name} can be read",
            body="The school and the system leader have both answered: each side can now read the other's feedback.",
            exclude=actor,
        )
    return response
