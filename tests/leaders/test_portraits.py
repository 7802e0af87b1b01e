"""Pen portraits: the leader writes, the alliance approves before anything is public, and changes
are approved again (issue: register, "Profile and availability")."""

import pytest

from domain.audit.models import AuditEvent
from domain.leaders import association_services as assoc
from domain.leaders import portrait_services as portraits
from domain.leaders.models import DirectoryEntry, PenPortrait
from domain.leaders.people import AssociationRefused
from domain.notifications.models import Notification
from domain.workflows.table import TransitionRefused
from tests import factories

from .helpers import (
    alliance_with_coordinator,
    associated_leader,
    published_portrait,
    representative_of,
    unassociated_leader,
)

pytestmark = pytest.mark.django_db

VALUES = {
    "experience": "Headteacher of a primary school for ten years.",
    "specialisms": ["maths", "phonics"],
    "phases": ["primary"],
    "school_context": "A large primary school in Leeds.",
    "areas_served": "Leeds and Bradford",
}


def draft(leader, **changes):
    return portraits.portrait_save_draft(actor=leader, values={**VALUES, **changes})


def test_a_designated_leader_saves_a_draft_which_is_cleaned():
    leader = unassociated_leader()
    saved = draft(leader, experience="  Lots  ", specialisms=["maths", "maths"])
    assert (saved.version, saved.status, saved.experience) == (1, "draft", "Lots")
    assert saved.specialisms == ["maths"]
    again = draft(leader, experience="More")
    assert again.pk == saved.pk and again.version == 1 and again.experience == "More"
    assert PenPortrait.objects.filter(leader=leader).count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"specialisms": ["knitting"]}, "not on the list of specialisms: knitting"),
        ({"phases": ["university"]}, "These are not phases: university"),
        ({"experience": "x" * 3001}, "The experience must be 3,000 characters or fewer"),
    ],
)
def test_bad_input_is_refused(changes, message):
    with pytest.raises(AssociationRefused, match=message):
        draft(unassociated_leader(), **changes)
    assert not PenPortrait.objects.exists()


def test_only_a_designated_leader_has_a_portrait():
    with pytest.raises(AssociationRefused, match="Only a designated system leader"):
        draft(factories.UserFactory())


def test_submitting_needs_experience_and_an_association():
    leader = unassociated_leader()
    with pytest.raises(AssociationRefused, match="Associate with an alliance"):
        portraits.portrait_submit(actor=leader, portrait=draft(leader))
    tsa, _ = alliance_with_coordinator()
    leader, _ = associated_leader(tsa)
    empty = draft(leader, experience="   ")
    with pytest.raises(AssociationRefused, match="Enter your experience"):
        portraits.portrait_submit(actor=leader, portrait=empty)
    empty.refresh_from_db()
    assert empty.status == "draft"


def test_only_the_leader_submits_their_portrait():
    tsa, coordinator = alliance_with_coordinator()
    leader, _ = associated_leader(tsa)
    with pytest.raises(AssociationRefused, match="Only the leader"):
        portraits.portrait_submit(actor=coordinator, portrait=draft(leader))


def test_submitting_tells_the_alliance_and_editing_while_submitted_is_refused():
    tsa, coordinator = alliance_with_coordinator()
    leader, _ = associated_leader(tsa)
    submitted = portraits.portrait_submit(actor=leader, portrait=draft(leader))
    assert submitted.status == "submitted" and submitted.submitted_at is not None
    assert Notification.objects.filter(user=coordinator, title__contains="waiting for approval").exists()
    with pytest.raises(AssociationRefused, match="waiting for approval"):
        draft(leader, experience="Changed")
    submitted.refresh_from_db()
    assert submitted.experience == VALUES["experience"]


def test_an_unapproved_portrait_never_makes_a_directory_entry():
    tsa, coordinator = alliance_with_coordinator()
    leader, _ = associated_leader(tsa)
    portrait = draft(leader)
    assert not DirectoryEntry.objects.filter(leader=leader).exists()
    portraits.portrait_submit(actor=leader, portrait=portrait)
    assert not DirectoryEntry.objects.filter(leader=leader).exists()
    portraits.portrait_return(actor=coordinator, portrait=portrait, reason="Say more")
    assert not DirectoryEntry.objects.filter(leader=leader).exists()
    assert portraits.portrait_published(leader) is None


def test_approval_publishes_and_lists_the_leader():
    tsa, coordinator = alliance_with_coordinator()
    leader, _ = associated_leader(tsa)
    approved = published_portrait(leader, coordinator)
    approved.refresh_from_db()
    assert (approved.status, approved.decided_by) == ("published", coordinator)
    assert approved.decided_at is not None
    entry = DirectoryEntry.objects.get(leader=leader)
    assert entry.portrait == approved and entry.organisation == tsa
    assert Notification.objects.filter(user=leader, title="Your pen portrait is published").exists()


def test_a_change_is_a_new_version_and_the_published_one_stays_until_it_is_approved():
    tsa, coordinator = alliance_with_coordinator()
    leader, _ = associated_leader(tsa)
    first = published_portrait(leader, coordinator, specialisms=["maths"])
    second = draft(leader, specialisms=["phonics"])
    assert second.pk != first.pk and second.version == 2 and second.status == "draft"
    portraits.portrait_submit(actor=leader, portrait=second)
    entry = DirectoryEntry.objects.get(leader=leader)
    assert entry.portrait == first and ",maths," in entry.specialisms
    assert portraits.portrait_published(leader) == first

    portraits.portrait_approve(actor=coordinator, portrait=second)
    first.refresh_from_db()
    assert first.status == "superseded"
    entry.refresh_from_db()
    assert entry.portrait == second
    assert ",phonics," in entry.specialisms and ",maths," not in entry.specialisms
    assert PenPortrait.objects.filter(leader=leader, status="published").get() == second
    assert AuditEvent.objects.filter(action="leaders.pen_portrait.supersede", subject_id=str(first.pk)).exists()


def test_returning_needs_a_reason_and_the_published_version_stays():
    tsa, coordinator = alliance_with_coordinator()
    leader, _ = associated_leader(tsa)
    first = published_portrait(leader, coordinator)
    second = portraits.portrait_submit(actor=leader, portrait=draft(leader, experience="Changed"))
    with pytest.raises(AssociationRefused, match="Enter the changes"):
        portraits.portrait_return(actor=coordinator, portrait=second, reason=" ")
    returned = portraits.portrait_return(actor=coordinator, portrait=second, reason="Add your school's context")
    returned.refresh_from_db()
    assert (returned.status, returned.decision_note) == ("returned", "Add your school's context")
    first.refresh_from_db()
    assert first.status == "published"
    assert DirectoryEntry.objects.get(leader=leader).portrait == first
    assert Notification.objects.filter(user=leader, body__contains="Add your school's context").exists()
    # the leader edits the returned version and submits it again
    edited = draft(leader, experience="Changed again")
    assert edited.pk == second.pk and edited.status == "returned"
    assert portraits.portrait_submit(actor=leader, portrait=edited).status == "submitted"


def test_withdrawing_takes_the_leader_out_of_the_directory():
    tsa, coordinator = alliance_with_coordinator()
    leader, _ = associated_leader(tsa)
    published = published_portrait(leader, coordinator)
    with pytest.raises(AssociationRefused, match="Enter why"):
        portraits.portrait_withdraw(actor=leader, portrait=published, reason="")
    assert DirectoryEntry.objects.filter(leader=leader).exists()
    portraits.portrait_withdraw(actor=leader, portrait=published, reason="Retiring")
    published.refresh_from_db()
    assert (published.status, published.decision_note) == ("withdrawn", "Retiring")
    assert not DirectoryEntry.objects.filter(leader=leader).exists()
    # writing again starts a new version
    assert draft(leader).version == 2


def test_a_draft_cannot_be_approved():
    tsa, coordinator = alliance_with_coordinator()
    leader, _ = associated_leader(tsa)
    portrait = draft(leader)
    with pytest.raises(TransitionRefused, match="You cannot approve and publish when it is draft"):
        portraits.portrait_approve(actor=coordinator, portrait=portrait)
    portrait.refresh_from_db()
    assert portrait.status == "draft"
    assert not DirectoryEntry.objects.exists()


def test_ending_the_association_takes_an_lle_out_of_the_directory():
    tsa, coordinator = alliance_with_coordinator()
    leader, association = associated_leader(tsa)
    published_portrait(leader, coordinator)
    assoc.association_end(actor=coordinator, association=association, reason="Left")
    assert not DirectoryEntry.objects.filter(leader=leader).exists()
    assert portraits.portrait_published(leader) is not None


def test_an_nle_with_no_association_is_approved_by_the_representatives_of_their_region():
    """An NLE designated by the national programme may be listed as their designation allows:
    with no alliance to approve their pen portrait, their region's representatives do."""
    from domain.leaders.policies import can_approve_portrait
    from domain.leaders.selectors import portraits_awaiting

    region = factories.region()
    nle = unassociated_leader(role="nle", school=factories.SchoolFactory(region=region))
    representative = representative_of(region)
    elsewhere = representative_of(factories.region("London"))
    _, coordinator = alliance_with_coordinator()
    portrait = portraits.portrait_save_and_submit(actor=nle, values=VALUES)
    assert portrait.status == "submitted"
    assert Notification.objects.filter(user=representative, title__contains="pen portrait").exists()
    assert list(portraits_awaiting(representative)) == [portrait]
    assert list(portraits_awaiting(elsewhere)) == [] and list(portraits_awaiting(coordinator)) == []
    assert can_approve_portrait(representative, portrait, None)
    assert not can_approve_portrait(elsewhere, portrait, None)
    assert not can_approve_portrait(coordinator, portrait, None)
    portraits.portrait_approve(actor=representative, portrait=portrait)
    assert DirectoryEntry.objects.get(leader=nle).roles == ",nle,"


def test_an_lle_with_no_association_cannot_submit_and_saving_and_submitting_saves_nothing():
    lle = unassociated_leader()
    with pytest.raises(AssociationRefused, match="Associate with an alliance"):
        portraits.portrait_save_and_submit(actor=lle, values=VALUES)
    assert not PenPortrait.objects.filter(leader=lle).exists()
