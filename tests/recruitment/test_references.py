"""References and the chair of governors' confirmation through single-use, expiring links."""

import datetime as dt

import pytest
from django.core import mail
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.audit.models import AuditEvent
from domain.notifications.models import Reminder
from domain.recruitment.models import ReferenceRequest
from domain.recruitment.reference_services import (
    ReferenceLinkRefused,
    reference_chase,
    reference_open,
    reference_replace,
    reference_submit,
    token_hash,
)
from domain.recruitment.selectors import references_overdue, references_summary
from domain.recruitment.services import RecruitmentRefused, application_withdraw
from tests import factories

from .helpers import (
    GOVERNORS_ANSWER,
    REFERENCE_ANSWER,
    TODAY,
    confirm,
    coordinator_of,
    draft_application,
    make_round,
    nominate,
    send_all_requests,
    submitted_application,
    tsa_with_coordinator,
)

pytestmark = pytest.mark.django_db


def sent(application, kind, name, email):
    """Named by the applicant and confirmed by the coordinator: (request, token)."""
    request, _ = nominate(application, kind, name, email)
    return confirm(request)


def test_only_a_hash_of_the_token_is_stored_and_the_link_opens_the_request():
    application = submitted_application()
    request, token = sent(application, "reference", "Referee", "r@example.test")
    stored = ReferenceRequest.objects.get(pk=request.pk)
    assert stored.token_hash == token_hash(token) != token
    assert token not in str(ReferenceRequest.objects.filter(pk=request.pk).values().get())
    assert len(token) >= 40
    assert stored.expires_at == stored.sent_at + dt.timedelta(days=14)
    assert reference_open(token).pk == request.pk
    event = AuditEvent.objects.get(action="recruitment.reference.confirm", subject_id=str(request.pk))
    assert token not in str(event.data)
    assert event.data["how"] == "domain"


def test_the_link_is_emailed_after_the_transaction_commits(django_capture_on_commit_callbacks):
    application = submitted_application()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _, token = sent(application, "governors_confirmation", "Chair Person", "chair@example.test")
        assert mail.outbox == []
    for callback in callbacks:
        callback()
    emails = [m for m in mail.outbox if m.to == ["chair@example.test"]]
    assert len(emails) == 1
    assert f"/references/{token}/" in emails[0].body
    assert "expires on 6 December 2026" in emails[0].body
    assert "governing body" in emails[0].subject


def test_two_references_and_the_governors_confirmation_complete_the_application(django_capture_on_commit_callbacks):
    tsa, coordinator = tsa_with_coordinator()
    application = submitted_application(make_round(organisation=tsa, actor=coordinator))
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_all_requests(application)
    assert len(mail.outbox) == 3
    assert Reminder.objects.pending().filter(user=coordinator).count() == 3  # one per request
    (_, one), (_, two), (_, chair) = sent
    reference_submit(token=one, response=REFERENCE_ANSWER)
    reference_submit(token=chair, response=GOVERNORS_ANSWER)
    application.refresh_from_db()
    assert application.status == "submitted"
    assert references_summary(application)["reference"] == {"needed": 2, "answered": 1, "waiting": 1}
    with django_capture_on_commit_callbacks(execute=True):
        reference_submit(token=two, response=REFERENCE_ANSWER)
    application.refresh_from_db()
    assert application.status == "references_complete"
    event = AuditEvent.objects.get(action="recruitment.application.complete_references", subject_id=str(application.pk))
    assert (event.from_state, event.to_state, event.actor) == ("submitted", "references_complete", None)
    assert Reminder.objects.pending().filter(user=coordinator).count() == 0  # answered: cancelled
    assert application.applicant.notifications.filter(title__contains="references").exists()
    answered = ReferenceRequest.objects.filter(application=application, status="answered")
    assert answered.count() == 3
    assert all(r.used_at is not None for r in answered)


def test_a_link_works_once():
    application = submitted_application()
    _, token = sent(application, "reference", "R", "r@example.test")
    reference_submit(token=token, response=REFERENCE_ANSWER)
    with pytest.raises(
        ReferenceLinkRefused, match="already been used: the answer was received on 22 November 2026"
    ) as e:
        reference_submit(token=token, response={**REFERENCE_ANSWER, "recommend": False})
    assert e.value.code == "used"
    assert ReferenceRequest.objects.get(token_hash=token_hash(token)).response["recommend"] is True
    with pytest.raises(ReferenceLinkRefused, match="This link has already been used") as e:
        reference_open(token)
    assert e.value.code == "used"


def test_a_link_expires_after_fourteen_days(frozen_clock):
    application = submitted_application()
    _, token = sent(application, "reference", "R", "r@example.test")
    frozen_clock.shift(dt.timedelta(days=13, hours=23))
    assert reference_open(token)
    frozen_clock.shift(dt.timedelta(hours=1))
    with pytest.raises(ReferenceLinkRefused, match="This link expired on 6 December 2026") as e:
        reference_submit(token=token, response=REFERENCE_ANSWER)
    assert e.value.code == "expired"
    assert ReferenceRequest.objects.get(token_hash=token_hash(token)).used_at is None


@pytest.mark.parametrize("token", ["", "short", "x" * 43, "../../etc/passwd", None, 12345, "a" * 500])
def test_a_forged_or_malformed_token_is_not_recognised(token):
    submitted = submitted_application()
    sent(submitted, "reference", "R", "r@example.test")
    with pytest.raises(ReferenceLinkRefused, match="This link is not recognised") as e:
        reference_open(token)
    assert e.value.code == "unknown"
    with pytest.raises(ReferenceLinkRefused, match="not recognised"):
        reference_submit(token=token, response=REFERENCE_ANSWER)
    assert not ReferenceRequest.objects.filter(used_at__isnull=False).exists()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", min_size=0, max_size=120))
def test_a_random_string_never_opens_a_request(guess):
    # A request exists: a guess must not find it (or any other).
    if not ReferenceRequest.objects.exists():
        application = submitted_application()
        sent(application, "reference", "R", "r@example.test")
    with pytest.raises(ReferenceLinkRefused, match="This link is not recognised") as e:
        reference_open(guess)
    assert e.value.code == "unknown"


def test_replacing_a_referee_voids_their_link_and_sends_a_new_one(django_capture_on_commit_callbacks):
    application = submitted_application()
    old, old_token = sent(application, "reference", "Slow", "slow@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        new, new_token = reference_replace(
            actor=coordinator_of(application),
            request=old,
            name="Quick",
            email="quick@example.test",
            job_title="Headteacher",
            organisation_name="Birch School",
        )
    old.refresh_from_db()
    assert (old.status, old.replaced_by_id) == ("replaced", new.pk)
    with pytest.raises(ReferenceLinkRefused, match="passed to someone else") as e:
        reference_open(old_token)
    assert e.value.code == "replaced"
    assert reference_open(new_token).name == "Quick"
    assert [m.to for m in mail.outbox] == [["quick@example.test"]]
    event = AuditEvent.objects.get(action="recruitment.reference.replace", subject_id=str(old.pk))
    assert event.reason == "Replaced by Quick"
    assert AuditEvent.objects.get(action="recruitment.reference.confirm", subject_id=str(new.pk)).data["how"] == (
        "entered"
    )


def test_the_applicant_s_replacement_waits_for_the_coordinator_s_check(django_capture_on_commit_callbacks):
    application = submitted_application()
    old, _ = sent(application, "reference", "Slow", "slow@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        new, token = reference_replace(
            actor=application.applicant,
            request=old,
            name="Quick",
            email="quick@example.test",
            job_title="Headteacher",
            organisation_name="Birch School",
        )
    assert (new.status, token) == ("to_confirm", None)
    assert mail.outbox == []


def test_an_answered_request_cannot_be_replaced():
    application = submitted_application()
    request, token = sent(application, "reference", "R", "r@example.test")
    reference_submit(token=token, response=REFERENCE_ANSWER)
    with pytest.raises(RecruitmentRefused, match="R has already answered"):
        reference_replace(
            actor=application.applicant,
            request=request,
            name="S",
            email="s@example.test",
            job_title="Head",
            organisation_name="S School",
        )


def test_a_chaser_sends_a_fresh_link_counts_and_extends(frozen_clock, django_capture_on_commit_callbacks):
    tsa, coordinator = tsa_with_coordinator()
    application = submitted_application(make_round(organisation=tsa, actor=coordinator))
    request, first = sent(application, "reference", "R", "r@example.test")
    frozen_clock.shift(dt.timedelta(days=8))
    assert list(references_overdue(TODAY + dt.timedelta(days=8))) == [request]
    with django_capture_on_commit_callbacks(execute=True):
        chased, second = reference_chase(actor=coordinator, request=request)
    assert chased.chasers_sent == 1
    assert chased.expires_at.date() == dt.date(2026, 12, 14)
    assert mail.outbox[-1].subject.startswith("Reminder: ")
    assert f"/references/{second}/" in mail.outbox[-1].body
    with pytest.raises(ReferenceLinkRefused, match="This link is not recognised") as e:
        reference_open(first)
    assert e.value.code == "unknown"
    assert reference_open(second).pk == request.pk
    assert list(references_overdue(TODAY + dt.timedelta(days=8))) == []
    reminder = Reminder.objects.pending().get(user=coordinator)
    assert reminder.due_at.date() == dt.date(2026, 12, 7)  # rescheduled a week after the chaser


def test_overdue_means_seven_days_or_more_and_is_scoped_to_the_manager():
    tsa, coordinator = tsa_with_coordinator()
    other_tsa, other_coordinator = tsa_with_coordinator()
    application = submitted_application(make_round(organisation=tsa, actor=coordinator))
    request, _ = sent(application, "reference", "R", "r@example.test")
    assert list(references_overdue(TODAY + dt.timedelta(days=6))) == []
    assert list(references_overdue(TODAY + dt.timedelta(days=7))) == [request]
    assert list(references_overdue(TODAY + dt.timedelta(days=7), user=coordinator)) == [request]
    assert list(references_overdue(TODAY + dt.timedelta(days=7), user=other_coordinator)) == []


def test_answering_refuses_missing_answers_and_keeps_the_link_usable():
    application = submitted_application()
    _, token = sent(application, "governors_confirmation", "C", "c@example.test")
    with pytest.raises(RecruitmentRefused, match="Answer: Does the governing body or trust board support"):
        reference_submit(token=token, response={"comment": "Yes"})
    with pytest.raises(RecruitmentRefused, match="not questions on the form: bribe"):
        reference_submit(token=token, response={"supports": True, "bribe": "x"})
    assert reference_open(token).status == "awaiting"
    reference_submit(token=token, response={"supports": False})
    assert ReferenceRequest.objects.get(token_hash=token_hash(token)).response == {"supports": False, "comment": ""}


def test_naming_a_person_is_refused_saying_why():
    draft = draft_application()
    with pytest.raises(RecruitmentRefused, match="once the application is submitted"):
        nominate(draft)
    application = submitted_application()
    applicant = application.applicant
    with pytest.raises(RecruitmentRefused, match="Enter an email address in the correct format"):
        nominate(application, email="nope")
    with pytest.raises(RecruitmentRefused, match="Enter the name"):
        nominate(application, name=" ")
    with pytest.raises(RecruitmentRefused, match="Enter R's role"):
        nominate(application, name="R", job_title=" ")
    with pytest.raises(RecruitmentRefused, match="Enter the school or organisation R works for"):
        nominate(application, name="R", organisation_name="")
    with pytest.raises(RecruitmentRefused, match="That is your own email address"):
        nominate(application, name="Me", email=applicant.email)
    with pytest.raises(RecruitmentRefused, match="not a kind of request"):
        nominate(application, kind="gossip")
    with pytest.raises(RecruitmentRefused, match="cannot ask for references"):
        nominate(application, actor=factories.UserFactory())
    send_all_requests(application)
    with pytest.raises(RecruitmentRefused, match="already has 2 reference requests"):
        nominate(application, name="X", email="x@example.test")
    with pytest.raises(RecruitmentRefused, match="one@example.test is already given for Referee One"):
        nominate(application, "governors_confirmation", "X", "one@example.test")
    assert ReferenceRequest.objects.filter(application=application).count() == 3


def test_withdrawing_voids_the_links_still_waiting():
    application = submitted_application()
    (_, one), (_, two), _ = send_all_requests(application)
    reference_submit(token=one, response=REFERENCE_ANSWER)
    application_withdraw(actor=application.applicant, application=application, reason="Moving school")
    with pytest.raises(ReferenceLinkRefused, match="withdrawn, so no answer is needed") as e:
        reference_open(two)
    assert e.value.code == "void"
    statuses = sorted(ReferenceRequest.objects.filter(application=application).values_list("status", flat=True))
    assert statuses == ["answered", "void", "void"]
