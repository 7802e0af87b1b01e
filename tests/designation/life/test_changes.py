"""Suspend, reinstate, de-designate, lapse and re-designate (seed 004 §22-26)."""

import datetime as dt

import pytest

from domain.audit.models import AuditEvent
from domain.designation.models import Designation
from domain.designation.services import (
    DesignationRefused,
    designation_de_designate,
    designation_lapse,
    designation_redesignate,
    designation_reinstate,
    designation_suspend,
    designations_lapse_due,
)
from domain.designation.tasks import lapse_due_designations
from domain.notifications.models import Reminder
from domain.workflows.table import TransitionRefused
from tests import factories

from .helpers import designate, tsa_with_coordinator

pytestmark = pytest.mark.django_db


def events_of(designation, action):
    return AuditEvent.objects.filter(subject_type="designation.designation", subject_id=str(designation.pk)).filter(
        action=action
    )


def pending_reminders(designation):
    return Reminder.objects.pending().filter(subject_type="designation.designation", subject_id=str(designation.pk))


def test_suspend_needs_a_reason_and_reinstate_brings_it_back():
    designation = designate()
    actor = factories.UserFactory()
    with pytest.raises(TransitionRefused, match="Enter a reason to suspend the designation"):
        designation_suspend(actor=actor, designation=designation, reason=" ")
    assert Designation.objects.get(pk=designation.pk).status == "active"

    designation_suspend(actor=actor, designation=designation, reason="Under investigation")
    assert Designation.objects.get(pk=designation.pk).status == "suspended"
    event = events_of(designation, "designation.designation.suspend").get()
    assert (event.from_state, event.to_state, event.reason, event.actor) == (
        "active",
        "suspended",
        "Under investigation",
        actor,
    )
    assert pending_reminders(designation).count() == 4, "a suspended designation still reaches its end"

    designation_reinstate(actor=actor, designation=designation)
    assert Designation.objects.get(pk=designation.pk).status == "active"
    with pytest.raises(TransitionRefused, match="You cannot reinstate the designation when it is active"):
        designation_reinstate(actor=actor, designation=designation)


@pytest.mark.parametrize(
    ("reason_code", "reason", "message"),
    [
        ("", "Did not answer for a year", "Choose why the leader is de-designated"),
        ("bad_hair_day", "Did not answer for a year", "Choose why the leader is de-designated"),
        ("inactivity", "  ", "Explain why the leader is de-designated"),
    ],
)
def test_de_designation_is_refused_without_a_reason(reason_code, reason, message):
    designation = designate()
    with pytest.raises(DesignationRefused, match=message):
        designation_de_designate(actor=None, designation=designation, reason_code=reason_code, reason=reason)
    assert Designation.objects.get(pk=designation.pk).status == "active"
    assert not events_of(designation, "designation.designation.de_designate").exists()
    assert pending_reminders(designation).count() == 4


@pytest.mark.parametrize("start", ["active", "suspended"])
def test_de_designation_records_the_reason_and_cancels_the_reminders(start):
    tsa, coordinator = tsa_with_coordinator()
    designation = designate(organisation=tsa, actor=coordinator)
    if start == "suspended":
        designation_suspend(actor=coordinator, designation=designation, reason="Concern raised")
    designation_de_designate(
        actor=coordinator, designation=designation, reason_code="misconduct", reason="Upheld after investigation"
    )
    stored = Designation.objects.get(pk=designation.pk)
    assert stored.status == "de_designated"
    assert (stored.end_reason_code, stored.end_reason, stored.ended_on) == (
        "misconduct",
        "Upheld after investigation",
        dt.date(2026, 11, 22),
    )
    assert designation.ended_on == dt.date(2026, 11, 22)
    event = events_of(designation, "designation.designation.de_designate").get()
    assert event.reason == "Misconduct: Upheld after investigation"
    assert event.data == {"reason_code": "misconduct"}
    assert event.organisation == tsa
    assert pending_reminders(designation).count() == 0
    assert Reminder.objects.filter(subject_id=str(designation.pk), cancelled_at__isnull=False).count() == 4
    with pytest.raises(TransitionRefused, match="when it is de-designated"):
        designation_reinstate(actor=coordinator, designation=designation)


def test_lapse_happens_the_day_after_the_term_ends_and_only_once(frozen_clock):
    # Started 1 September 2023 for 3 years: the last day is 31 August 2026, before the frozen today.
    due = designate(role="nle", starts_on=dt.date(2023, 9, 1))
    ends_today = designate(role="lle", starts_on=dt.date(2023, 11, 23))
    assert ends_today.ends_on == dt.date(2026, 11, 22)
    suspended = designate(role="lle", starts_on=dt.date(2023, 1, 1))
    designation_suspend(actor=None, designation=suspended, reason="Paused")

    assert designations_lapse_due() == 2
    assert designations_lapse_due() == 0, "idempotent"
    assert Designation.objects.get(pk=due.pk).status == "lapsed"
    assert Designation.objects.get(pk=due.pk).ended_on == dt.date(2026, 8, 31)
    assert Designation.objects.get(pk=suspended.pk).status == "lapsed"
    assert Designation.objects.get(pk=ends_today.pk).status == "active", "valid through its last day"
    event = events_of(due, "designation.designation.lapse").get()
    assert (event.actor, event.from_state, event.to_state) == (None, "active", "lapsed")

    frozen_clock.move_to(dt.datetime(2026, 11, 23, 6, 0))
    assert designations_lapse_due() == 1
    assert Designation.objects.get(pk=ends_today.pk).status == "lapsed"
    assert pending_reminders(ends_today).count() == 0


def test_lapsing_before_the_end_is_refused():
    designation = designate()
    with pytest.raises(DesignationRefused, match="term has not ended"):
        designation_lapse(designation=designation)


def test_the_lapse_task_runs_the_service():
    designate(role="nle", starts_on=dt.date(2022, 9, 1))
    result = lapse_due_designations.enqueue()
    assert result.return_value == 1
    assert Designation.objects.filter(status="lapsed").count() == 1


def test_the_daily_command_lapses_due_designations():
    from io import StringIO

    from django.core.management import call_command

    designate(role="nle", starts_on=dt.date(2022, 9, 1))
    out = StringIO()
    call_command("lapse_due_designations", stdout=out)
    assert out.getvalue().strip() == "Lapsed 1 designation."
    assert Designation.objects.filter(status="lapsed").count() == 1


@pytest.mark.parametrize("lapse_first", [False, True])
def test_redesignation_opens_a_new_term_linked_to_the_old(lapse_first):
    tsa, coordinator = tsa_with_coordinator()
    old = designate(
        organisation=tsa, actor=coordinator, role="sle", specialisms=["maths"], starts_on=dt.date(2023, 12, 1)
    )
    if lapse_first:
        designations_lapse_due(today=dt.date(2026, 12, 1))
        old.refresh_from_db()
    new = designation_redesignate(
        actor=coordinator, designation=old, review_notes="Strong 360 feedback", starts_on=dt.date(2026, 12, 1)
    )
    old.refresh_from_db()
    assert old.status == "redesignated"
    assert old.ended_on == dt.date(2026, 11, 30)
    assert new.previous == old and old.next_designation == new
    assert (new.status, new.role, new.organisation, new.specialisms) == ("active", "sle", tsa, ["maths"])
    assert (new.starts_on, new.ends_on) == (dt.date(2026, 12, 1), dt.date(2029, 11, 30))
    assert new.review_notes == "Strong 360 feedback"
    assert pending_reminders(old).count() == 0
    assert pending_reminders(new).count() == 4
    assert events_of(old, "designation.designation.redesignate").get().reason == "Strong 360 feedback"


def test_redesignation_needs_review_notes_and_a_later_start():
    designation = designate(starts_on=dt.date(2026, 9, 1))
    with pytest.raises(DesignationRefused, match="what the review found"):
        designation_redesignate(actor=None, designation=designation, review_notes="", starts_on=dt.date(2029, 9, 1))
    with pytest.raises(DesignationRefused, match="must start after"):
        designation_redesignate(actor=None, designation=designation, review_notes="ok", starts_on=dt.date(2026, 9, 1))
    designation_suspend(actor=None, designation=designation, reason="Paused")
    with pytest.raises(TransitionRefused, match="when it is suspended"):
        designation_redesignate(actor=None, designation=designation, review_notes="ok", starts_on=dt.date(2029, 9, 1))
    assert Designation.objects.count() == 1


def test_a_pilot_designation_redesignated_by_a_tsa_becomes_a_tsa_designation():
    tsa, coordinator = tsa_with_coordinator()
    old = designate(source="pilot", starts_on=dt.date(2015, 4, 1))
    new = designation_redesignate(
        actor=coordinator, designation=old, review_notes="Reviewed", starts_on=dt.date(2027, 1, 1), organisation=tsa
    )
    assert (new.source, new.organisation, new.term_years, new.ends_on) == (
        "tsa_or_hub",
        tsa,
        3,
        dt.date(2029, 12, 31),
    )
    assert old.ended_on == dt.date(2026, 12, 31)


def test_a_national_nle_redesignated_nationally_gets_the_nle_term():
    old = designate(source="national_programme", role="nle", starts_on=dt.date(2019, 9, 1))
    new = designation_redesignate(actor=None, designation=old, review_notes="Reviewed", starts_on=dt.date(2027, 9, 1))
    assert (new.source, new.organisation, new.term_years, new.ends_on) == (
        "national_programme",
        None,
        3,
        dt.date(2030, 8, 31),
    )
