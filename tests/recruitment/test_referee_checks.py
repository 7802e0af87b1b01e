"""The coordinator checks referees' and the chair of governors' addresses before any link is sent
(ADR 18): the address rules, naming, confirming, and who may confirm."""

import pytest
from django.core import mail
from hypothesis import given
from hypothesis import strategies as st

from domain.accounts.roles import Role
from domain.audit.models import AuditEvent
from domain.notifications.models import Reminder
from domain.recruitment.referee_addresses import mailbox, refusal_for, warnings_for, website_domain
from domain.recruitment.reference_services import ReferenceLinkRefused, reference_confirm, reference_open
from domain.recruitment.selectors import references_to_confirm
from domain.recruitment.services import RecruitmentRefused, application_withdraw
from domain.recruitment.todo import to_do_for
from tests.conftest import person_in_role

from .helpers import (
    coordinator_of,
    make_round,
    nominate,
    nominate_all,
    submitted_application,
    tsa_with_coordinator,
)

pytestmark = pytest.mark.django_db


# The address rules, without the database ------------------------------------------------------


@pytest.mark.parametrize(
    "given_address",
    ["Jo.Smith@Example.test", "jo.smith+referee@example.test", " JO.SMITH+x+y@EXAMPLE.TEST "],
)
def test_the_same_mailbox_under_another_spelling_is_one_mailbox(given_address):
    assert mailbox(given_address) == mailbox("jo.smith@example.test")


def test_gmail_ignores_dots_and_googlemail_is_gmail():
    assert mailbox("j.o.smith@googlemail.com") == mailbox("josmith@gmail.com") == "josmith@gmail.com"
    assert mailbox("j.o.smith@example.test") != mailbox("josmith@example.test")


@given(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz.", min_size=1, max_size=10),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789+", max_size=8),
)
def test_a_plus_tag_never_makes_another_mailbox(local, tag):
    assert mailbox(f"{local}+{tag}@school.example.test") == mailbox(f"{local}@school.example.test")


def test_the_applicant_s_own_mailbox_and_a_second_use_are_refused():
    own = refusal_for("JO+ref@example.test", applicant_email="jo@example.test", by_applicant=True, others={})
    assert own == "That is your own email address: give the person's own work address"
    theirs = refusal_for("jo@example.test", applicant_email="jo@example.test", by_applicant=False, others={})
    assert theirs.startswith("That is the applicant's own email address")
    twice = refusal_for(
        "ref+2@oak.example.test",
        applicant_email="jo@example.test",
        by_applicant=True,
        others={"ref@oak.example.test": "Referee One"},
    )
    assert twice == "ref+2@oak.example.test is already given for Referee One: each person needs their own address"
    assert refusal_for("head@oak.example.test", applicant_email="jo@example.test", by_applicant=True, others={}) == ""


def test_the_coordinator_is_warned_of_a_public_mail_service_or_the_applicant_s_own_domain():
    [public] = warnings_for("head.teacher@gmail.com", applicant_email="jo@oak.example.test")
    assert "public mail service (gmail.com)" in public
    [same] = warnings_for("chair@jo-smith.example", applicant_email="jo@jo-smith.example")
    assert "same domain as the applicant's own (jo-smith.example)" in same
    assert warnings_for("head@elm.example.test", applicant_email="jo@oak.example.test") == []
    # Two people at Gmail are not "the same domain": the public-service warning is the one to give.
    assert len(warnings_for("ref@gmail.com", applicant_email="jo@gmail.com")) == 1


@pytest.mark.parametrize(
    "website, domain",
    [("www.oak.sch.uk", "oak.sch.uk"), ("http://www.Oak.sch.uk/about", "oak.sch.uk"), ("", ""), ("  ", "")],
)
def test_the_school_s_website_gives_its_domain(website, domain):
    assert website_domain(website) == domain


# Naming and confirming ----------------------------------------------------------------------------


def test_a_person_the_applicant_names_gets_no_link_until_the_coordinator_confirms(django_capture_on_commit_callbacks):
    application = submitted_application()
    with django_capture_on_commit_callbacks(execute=True):
        request, token = nominate(application, email="head@oak.example.test")
    assert (request.status, token, request.token_hash, request.expires_at, request.sent_at) == (
        "to_confirm",
        None,
        None,
        None,
        None,
    )
    assert mail.outbox == []
    assert not Reminder.objects.exists()  # nothing is overdue before a link is sent
    event = AuditEvent.objects.get(action="recruitment.reference.nominated", subject_id=str(request.pk))
    assert (event.actor, event.to_state) == (application.applicant, "to_confirm")
    coordinator = coordinator_of(application)
    with django_capture_on_commit_callbacks(execute=True):
        confirmed, token = reference_confirm(actor=coordinator, request=request, how="phone", note="Rang the school")
    assert (confirmed.status, confirmed.confirmed_by, confirmed.confirmed_how) == ("awaiting", coordinator, "phone")
    assert confirmed.confirmed_note == "Rang the school"
    assert [m.to for m in mail.outbox] == [["head@oak.example.test"]]
    assert f"/references/{token}/" in mail.outbox[0].body
    assert Reminder.objects.pending().filter(user=coordinator).count() == 1
    event = AuditEvent.objects.get(action="recruitment.reference.confirm", subject_id=str(request.pk))
    assert (event.actor, event.from_state, event.to_state, event.data["how"]) == (
        coordinator,
        "to_confirm",
        "awaiting",
        "phone",
    )


def test_the_applicant_cannot_confirm_even_as_a_coordinator_of_the_alliance():
    tsa, coordinator = tsa_with_coordinator()
    round_ = make_round(organisation=tsa, actor=coordinator)
    application = submitted_application(round_=round_, applicant=coordinator)  # a coordinator applies
    request, token = nominate(application, email="friend@example.test")
    assert token is None  # the applicant's own naming waits, whatever else they are
    with pytest.raises(RecruitmentRefused, match="cannot confirm the referees of your own application"):
        reference_confirm(actor=coordinator, request=request, how="known")
    assert list(references_to_confirm(coordinator)) == []
    colleague = person_in_role(Role.TSA_COORDINATOR, organisation=tsa)
    assert list(references_to_confirm(colleague)) == [request]
    reference_confirm(actor=colleague, request=request, how="known")


def test_only_the_round_s_managers_confirm():
    application = submitted_application()
    request, _ = nominate(application)
    _, elsewhere = tsa_with_coordinator()
    for actor in (elsewhere, person_in_role(Role.SYSTEM_LEADER)):
        with pytest.raises(RecruitmentRefused, match="Only the alliance's coordinators"):
            reference_confirm(actor=actor, request=request, how="domain")
    request.refresh_from_db()
    assert request.status == "to_confirm"


def test_confirming_needs_how_and_happens_once():
    application = submitted_application()
    request, _ = nominate(application)
    coordinator = coordinator_of(application)
    for how in ("", "entered", "guess"):
        with pytest.raises(RecruitmentRefused, match="Select how you checked the address"):
            reference_confirm(actor=coordinator, request=request, how=how)
    with pytest.raises(RecruitmentRefused, match="Say how you checked the address"):
        reference_confirm(actor=coordinator, request=request, how="other", note="  ")
    reference_confirm(actor=coordinator, request=request, how="other", note="Met them at the heads' conference")
    with pytest.raises(RecruitmentRefused, match="waiting for an answer, so there is no address to confirm"):
        reference_confirm(actor=coordinator, request=request, how="domain")
    assert AuditEvent.objects.filter(action="recruitment.reference.confirm").count() == 1


def test_a_person_the_coordinator_names_is_sent_a_link_at_once(django_capture_on_commit_callbacks):
    application = submitted_application()
    coordinator = coordinator_of(application)
    with django_capture_on_commit_callbacks(execute=True):
        request, token = nominate(application, email="head@oak.example.test", actor=coordinator)
    assert request.status == "awaiting" and token
    assert request.confirmed_how == "entered"
    assert [m.to for m in mail.outbox] == [["head@oak.example.test"]]


def test_withdrawing_voids_the_people_waiting_for_the_check():
    application = submitted_application()
    requests = nominate_all(application)
    application_withdraw(actor=application.applicant, application=application, reason="Moving school")
    assert {r.status for r in type(requests[0]).objects.filter(application=application)} == {"void"}
    with pytest.raises(RecruitmentRefused, match="This request is no longer needed, so there is no address"):
        reference_confirm(actor=coordinator_of(application), request=requests[0], how="domain")


def test_the_applicant_signed_in_cannot_open_their_own_referee_s_link():
    application = submitted_application()
    request, _ = nominate(application)
    _, token = reference_confirm(actor=coordinator_of(application), request=request, how="domain")
    with pytest.raises(ReferenceLinkRefused, match="about your own application") as e:
        reference_open(token, user=application.applicant)
    assert e.value.code == "applicant"
    assert reference_open(token).pk == request.pk  # the referee needs no account
    assert reference_open(token, user=person_in_role(Role.SYSTEM_LEADER)).pk == request.pk


def test_the_coordinator_s_home_page_asks_them_to_check_the_addresses():
    tsa, coordinator = tsa_with_coordinator()
    application = submitted_application(round_=make_round(organisation=tsa, actor=coordinator))
    assert to_do_for(coordinator) == []
    nominate_all(application)
    [item] = to_do_for(coordinator)
    assert (item.code, item.text) == ("referees", "Check 3 referees' addresses before their links are sent")
    _, other = tsa_with_coordinator()
    assert to_do_for(other) == []
    assert to_do_for(application.applicant) == []
    assert to_do_for(person_in_role(Role.REGIONAL_REPRESENTATIVE)) == []  # they can, but are not asked
