"""Creating and running a recruitment round: checks, audited transitions, refusals."""

import datetime as dt

import pytest

from domain.audit.models import AuditEvent
from domain.organisations.models import OrganisationKind
from domain.recruitment.services import (
    RecruitmentRefused,
    round_cancel,
    round_close,
    round_complete,
    round_create,
    round_open,
)
from domain.workflows.table import TransitionRefused
from tests import factories

from .helpers import TODAY, make_round, tsa_with_coordinator

pytestmark = pytest.mark.django_db


def test_a_round_is_created_as_a_draft_and_audited():
    tsa, coordinator = tsa_with_coordinator()
    round_ = make_round(organisation=tsa, actor=coordinator, open_it=False, specialisms=["maths"])
    assert round_.status == "draft"
    assert round_.criteria_set == "yh-lle@1"
    assert round_.specialisms == ["maths"]
    event = AuditEvent.objects.get(action="recruitment.round.created", subject_id=str(round_.pk))
    assert event.actor == coordinator
    assert event.organisation == tsa
    assert event.data["criteria_set"] == "yh-lle@1"


def test_open_close_complete_each_write_an_audit_event():
    tsa, coordinator = tsa_with_coordinator()
    round_ = make_round(organisation=tsa, actor=coordinator, open_it=False)
    round_open(actor=coordinator, round_=round_)
    round_close(actor=coordinator, round_=round_)
    round_complete(actor=coordinator, round_=round_)
    round_.refresh_from_db()
    assert round_.status == "completed"
    events = AuditEvent.objects.filter(subject_id=str(round_.pk), subject_type="recruitment.recruitmentround")
    steps = [(e.action, e.from_state, e.to_state) for e in events.order_by("id")]
    assert steps == [
        ("recruitment.round.created", "", "draft"),
        ("recruitment.round.open", "draft", "open"),
        ("recruitment.round.close", "open", "closed"),
        ("recruitment.round.complete", "closed", "completed"),
    ]


def test_cancelling_needs_a_reason_and_keeps_it():
    tsa, coordinator = tsa_with_coordinator()
    round_ = make_round(organisation=tsa, actor=coordinator)
    with pytest.raises(TransitionRefused, match="Enter a reason to cancel the round"):
        round_cancel(actor=coordinator, round_=round_, reason="")
    round_cancel(actor=coordinator, round_=round_, reason="The need was met by another alliance")
    round_.refresh_from_db()
    assert (round_.status, round_.cancel_reason) == ("cancelled", "The need was met by another alliance")


def test_a_round_whose_window_has_ended_cannot_be_opened():
    tsa, coordinator = tsa_with_coordinator()
    round_ = make_round(
        organisation=tsa,
        actor=coordinator,
        open_it=False,
        opens_on=TODAY - dt.timedelta(days=30),
        closes_on=TODAY - dt.timedelta(days=1),
    )
    with pytest.raises(RecruitmentRefused, match="The round closed on 21 November 2026"):
        round_open(actor=coordinator, round_=round_)
    round_.refresh_from_db()
    assert round_.status == "draft"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"role": "head"}, "'head' is not a system leader role"),
        ({"title": " "}, "Enter a title for the round"),
        ({"closes_on": TODAY - dt.timedelta(days=30)}, "The round must close on or after the day it opens"),
        ({"local_need": ""}, "Describe the local need the round answers"),
        ({"criteria_set": "YH LLE"}, "Choose a criteria set from the list"),
        ({"criteria_set": "no-such-set@1"}, "Choose a criteria set from the list"),
        ({"phases": ["nursery"]}, "These are not phases: nursery"),
        ({"phases": "primary"}, "The phases must be a list"),
        ({"specialisms": ["astrology"]}, "These are not on the list of specialisms: astrology"),
    ],
)
def test_bad_rounds_are_refused_saying_why(fields, message):
    tsa, coordinator = tsa_with_coordinator()
    with pytest.raises(RecruitmentRefused, match=message):
        make_round(organisation=tsa, actor=coordinator, open_it=False, **fields)


def test_only_an_alliance_or_hub_recruits():
    school_org = factories.OrganisationFactory(kind=OrganisationKind.SCHOOL, name="Oak Primary")
    with pytest.raises(RecruitmentRefused, match="Oak Primary is not a teaching school alliance or hub"):
        round_create(
            actor=None,
            organisation=school_org,
            role="lle",
            title="T",
            opens_on=TODAY,
            closes_on=TODAY,
            local_need="Need",
            criteria_set="yh-lle@1",
        )
