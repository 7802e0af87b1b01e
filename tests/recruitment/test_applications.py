"""Applications: start, save a draft, submit, withdraw, and every refusal."""

import datetime as dt

import pytest

from domain.audit.models import AuditEvent
from domain.recruitment.models import Application
from domain.recruitment.policies import can_edit_application, can_withdraw_application
from domain.recruitment.services import (
    RecruitmentRefused,
    application_save_draft,
    application_start,
    application_submit,
    application_withdraw,
    missing_for_submission,
    round_close,
)
from domain.workflows.table import TransitionRefused
from tests import factories

from .helpers import (
    TODAY,
    all_declarations,
    draft_application,
    full_answers,
    make_round,
    submitted_application,
    tsa_with_coordinator,
)

pytestmark = pytest.mark.django_db


def test_an_applicant_starts_saves_and_submits():
    application = draft_application()
    applicant = application.applicant
    assert can_edit_application(applicant, application)
    application_save_draft(actor=applicant, application=application, answers={"headship": {"answer": " Six years "}})
    application_save_draft(
        actor=applicant,
        application=application,
        answers={k: v for k, v in full_answers().items() if k != "headship"},
        declarations=all_declarations(),
    )
    application.refresh_from_db()
    assert application.answers["headship"] == {"answer": "Six years", "evidence": ""}  # kept, trimmed
    assert application.declarations["version"] == "yh-2017@1"
    application_submit(actor=applicant, application=application)
    application.refresh_from_db()
    assert application.status == "submitted"
    assert application.submitted_at is not None
    assert not can_edit_application(applicant, application)
    actions = list(
        AuditEvent.objects.filter(subject_type="recruitment.application", subject_id=str(application.pk))
        .order_by("id")
        .values_list("action", "to_state")
    )
    assert actions == [
        ("recruitment.application.started", "draft"),
        ("recruitment.application.draft_saved", ""),
        ("recruitment.application.draft_saved", ""),
        ("recruitment.application.submit", "submitted"),
    ]


def test_a_submitted_application_cannot_be_edited_by_the_applicant():
    application = submitted_application()
    with pytest.raises(RecruitmentRefused, match="has been submitted, so it can no longer be changed"):
        application_save_draft(
            actor=application.applicant, application=application, answers={"headship": {"answer": "Changed"}}
        )
    application.refresh_from_db()
    assert (
        application.answers["headship"]["answer"]
        == "About " + "Your experience as a serving headteacher, acting head or head of school"
    )


def test_nobody_else_edits_or_submits_the_application():
    application = draft_application()
    other = factories.UserFactory()
    assert not can_edit_application(other, application)
    with pytest.raises(RecruitmentRefused, match="Only the applicant can change their application"):
        application_save_draft(actor=other, application=application, answers={})
    with pytest.raises(RecruitmentRefused, match="Only the applicant"):
        application_submit(actor=other, application=application)


def test_submitting_lists_what_is_missing():
    application = draft_application()
    application_save_draft(
        actor=application.applicant,
        application=application,
        answers={k: v for k, v in full_answers().items() if k != "coaching_experience"},
        declarations={**all_declarations(), "remain_two_years": False},
    )
    application.refresh_from_db()
    with pytest.raises(
        RecruitmentRefused, match="Before you submit, complete: your experience as a coach or mentor"
    ) as refused:
        application_submit(actor=application.applicant, application=application)
    message = str(refused.value)
    assert message.startswith("Before you submit, complete: ")
    assert "your experience as a coach or mentor to a leader in another school" in message
    assert "I expect to remain at my current school for at least 2 years after selection" in message
    assert "sixth form" not in message  # an optional section is never missing
    application.refresh_from_db()
    assert application.status == "draft"


def test_a_new_draft_misses_every_required_section_declaration_and_the_school():
    round_ = make_round()
    applicant = factories.UserFactory()
    application = application_start(actor=applicant, round_=round_)
    missing = missing_for_submission(application)
    assert missing[0] == "your school"
    assert len(missing) == 1 + 6 + 4


def test_submission_outside_the_window_is_refused(frozen_clock):
    application = draft_application(make_round(closes_on=TODAY + dt.timedelta(days=1)))
    application_save_draft(
        actor=application.applicant, application=application, answers=full_answers(), declarations=all_declarations()
    )
    frozen_clock.shift(dt.timedelta(days=2))
    with pytest.raises(RecruitmentRefused, match="closed for applications on 23 November 2026"):
        application_submit(actor=application.applicant, application=application)
    application.refresh_from_db()
    assert application.status == "draft"


def test_submission_to_a_closed_round_is_refused():
    tsa, coordinator = tsa_with_coordinator()
    round_ = make_round(organisation=tsa, actor=coordinator)
    application = draft_application(round_)
    application_save_draft(
        actor=application.applicant, application=application, answers=full_answers(), declarations=all_declarations()
    )
    round_close(actor=coordinator, round_=round_)
    application.round.refresh_from_db()
    with pytest.raises(RecruitmentRefused, match="is not open for applications"):
        application_submit(actor=application.applicant, application=application)


def test_no_application_to_a_round_not_yet_open():
    round_ = make_round(opens_on=TODAY + dt.timedelta(days=3), closes_on=TODAY + dt.timedelta(days=10))
    with pytest.raises(RecruitmentRefused, match="opens for applications on 25 November 2026"):
        application_start(actor=factories.UserFactory(), round_=round_)
    draft = make_round(open_it=False)
    with pytest.raises(RecruitmentRefused, match="is not open for applications"):
        application_start(actor=factories.UserFactory(), round_=draft)


def test_one_live_application_per_person_per_round():
    application = draft_application()
    with pytest.raises(RecruitmentRefused, match="You have already applied"):
        application_start(actor=application.applicant, round_=application.round)
    application_withdraw(actor=application.applicant, application=application, reason="Changed my mind")
    again = application_start(actor=application.applicant, round_=application.round)
    assert again.pk != application.pk
    assert Application.objects.filter(applicant=application.applicant).count() == 2


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"hobbies": {"answer": "Golf"}}, "These are not sections of the form: hobbies"),
        ({"headship": "Six years"}, "Give an answer and evidence for"),
        ({"headship": {"answer": 6}}, "must be text"),
        ({"headship": {"answer": "x" * 10_001}}, "10,000 characters or fewer"),
    ],
)
def test_malformed_answers_are_refused_and_change_nothing(answers, message):
    application = draft_application()
    with pytest.raises(RecruitmentRefused, match=message):
        application_save_draft(actor=application.applicant, application=application, answers=answers)
    application.refresh_from_db()
    assert application.answers == {}


def test_malformed_declarations_are_refused():
    application = draft_application()
    with pytest.raises(RecruitmentRefused, match="not declarations of the form: i_am_great"):
        application_save_draft(actor=application.applicant, application=application, declarations={"i_am_great": True})
    with pytest.raises(RecruitmentRefused, match="either made or not"):
        application_save_draft(
            actor=application.applicant, application=application, declarations={"information_true": "yes"}
        )


def test_withdrawal_needs_a_reason_and_is_recorded():
    application = submitted_application()
    assert can_withdraw_application(application.applicant, application)
    with pytest.raises(TransitionRefused, match="Enter a reason to withdraw the application"):
        application_withdraw(actor=application.applicant, application=application, reason="")
    application_withdraw(actor=application.applicant, application=application, reason="Moving school")
    application.refresh_from_db()
    assert (application.status, application.withdrawn_reason) == ("withdrawn", "Moving school")
    event = AuditEvent.objects.get(action="recruitment.application.withdraw", subject_id=str(application.pk))
    assert (event.from_state, event.reason) == ("submitted", "Moving school")
    assert not can_withdraw_application(application.applicant, application)
