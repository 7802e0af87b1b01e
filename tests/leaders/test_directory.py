"""The public directory: who is listed (an active designation, a published pen portrait and a
route to contact), and searching it (issue: register, "Public directory")."""

import pytest

from domain.designation.services import designation_reinstate, designation_suspend
from domain.leaders import association_services as assoc
from domain.leaders import portrait_services as portraits
from domain.leaders.directory import Near, directory_rebuild, directory_refresh, directory_search, distance_km
from domain.leaders.models import DirectoryEntry
from domain.organisations.models import OrganisationKind
from tests import factories

from .helpers import (
    alliance,
    alliance_with_coordinator,
    associated_leader,
    coordinator_of,
    designate,
    published_portrait,
)

pytestmark = pytest.mark.django_db


def listed(organisation=None, *, role="lle", school=None, name=None, specialisms=None, phases=None, **designation):
    """A leader of `organisation` (a new alliance when none is given) with a published portrait."""
    organisation = organisation or alliance()
    person = factories.UserFactory(full_name=name) if name else factories.UserFactory()
    leader, association = associated_leader(
        organisation, role=role, person=person, school=school or factories.SchoolFactory(), **designation
    )
    published_portrait(
        leader,
        coordinator_of(organisation),
        specialisms=specialisms if specialisms is not None else ["maths"],
        phases=phases if phases is not None else ["primary"],
    )
    return leader


def names(entries):
    return [entry.name for entry in entries]


# Who is listed -----------------------------------------------------------------------------


def test_a_designated_associated_leader_with_a_published_portrait_is_listed():
    tsa = alliance()
    school = factories.SchoolFactory()
    leader = listed(tsa, school=school, specialisms=["phonics"], phases=["secondary"])
    entry = DirectoryEntry.objects.get(leader=leader)
    assert entry.name == leader.full_name
    assert entry.organisation == tsa and entry.school == school
    assert entry.role_codes == ["lle"]
    assert entry.region == tsa.region
    # the portrait's and the designation's codes together
    assert DirectoryEntry.unwrap(entry.specialisms) == ["phonics"]
    assert DirectoryEntry.unwrap(entry.phases) == ["secondary", "primary"]


def test_a_leader_without_a_published_portrait_is_not_listed():
    leader, _ = associated_leader(alliance())
    assert directory_refresh(leader) is None
    assert not DirectoryEntry.objects.exists()


def test_a_person_without_a_designation_is_not_listed():
    assert directory_refresh(factories.UserFactory()) is None


def test_an_lle_without_an_association_is_not_listed_but_an_nle_is():
    tsa, coordinator = alliance_with_coordinator()
    lle, lle_association = associated_leader(tsa)
    published_portrait(lle, coordinator)
    nle = designate(role="nle").person  # the national programme
    offer = assoc.association_invite(actor=coordinator, organisation=tsa, leader=nle)
    nle_association = assoc.association_accept(actor=nle, association=offer)
    published_portrait(nle, coordinator)
    assert DirectoryEntry.objects.count() == 2

    assoc.association_end(actor=coordinator, association=lle_association, reason="Ended")
    assoc.association_end(actor=coordinator, association=nle_association, reason="Ended")

    assert not DirectoryEntry.objects.filter(leader=lle).exists()
    entry = DirectoryEntry.objects.get(leader=nle)
    assert entry.organisation is None and entry.role_codes == ["nle"]
    assert entry.region == entry.school.region  # listed in their school's region


def test_an_unassociated_lle_who_is_also_an_nlg_is_listed_as_an_nlg_only():
    tsa, coordinator = alliance_with_coordinator()
    leader, association = associated_leader(tsa, role="lle")
    designate(leader, role="nlg", phases=[])
    published_portrait(leader, coordinator)
    assert DirectoryEntry.objects.get(leader=leader).role_codes == ["lle", "nlg"]
    assoc.association_end(actor=leader, association=association, reason="Ended")
    assert DirectoryEntry.objects.get(leader=leader).role_codes == ["nlg"]


def test_a_suspended_designation_takes_the_leader_out_and_reinstating_puts_them_back():
    tsa, coordinator = alliance_with_coordinator()
    leader, _ = associated_leader(tsa)
    published_portrait(leader, coordinator)
    designation = leader.designations.get()
    designation_suspend(actor=coordinator, designation=designation, reason="Investigation")
    assert not DirectoryEntry.objects.filter(leader=leader).exists()
    designation_reinstate(actor=coordinator, designation=designation, reason="Cleared")
    assert DirectoryEntry.objects.filter(leader=leader).exists()


def test_a_second_designation_by_the_same_alliance_adds_the_role_to_the_entry():
    tsa = alliance()
    leader = listed(tsa)
    designate(leader, role="sle", organisation=tsa, specialisms=["phonics"])
    entry = DirectoryEntry.objects.get(leader=leader)
    assert entry.role_codes == ["lle", "sle"]
    assert ",phonics," in entry.specialisms


def test_de_designation_takes_the_leader_out():
    from domain.designation.services import designation_de_designate

    leader = listed()
    designation_de_designate(
        actor=None, designation=leader.designations.get(), reason_code="misconduct", reason="Found at review"
    )
    assert not DirectoryEntry.objects.filter(leader=leader).exists()


def test_an_inactive_account_is_not_listed():
    leader = listed()
    leader.is_active = False
    leader.save()
    directory_refresh(leader)
    assert not DirectoryEntry.objects.exists()


def test_rebuild_lists_everyone_who_should_be_and_no_one_else():
    kept = listed()
    gone = listed()
    DirectoryEntry.objects.all().delete()
    DirectoryEntry.objects.create(
        leader=factories.UserFactory(), name="Stale", portrait=gone.pen_portraits.get(), roles=",lle,"
    )
    assert directory_rebuild() == 2
    assert set(DirectoryEntry.objects.values_list("leader", flat=True)) == {kept.pk, gone.pk}


# Searching ---------------------------------------------------------------------------------------


def test_search_by_role_specialism_phase_and_name():
    maths = listed(name="Ada Maths", specialisms=["maths"], phases=["primary"])
    phonics = listed(name="Ben Phonics", role="sle", specialisms=["phonics"], phases=["early_years"])
    assert names(directory_search()) == ["Ada Maths", "Ben Phonics"]
    assert names(directory_search(role="sle")) == ["Ben Phonics"]
    assert names(directory_search(role="nle")) == []
    assert names(directory_search(specialism="phonics")) == ["Ben Phonics"]
    assert names(directory_search(specialism="math")) == []  # whole codes only
    assert names(directory_search(phase="early_years")) == ["Ben Phonics"]
    assert names(directory_search(phase="primary")) == ["Ada Maths", "Ben Phonics"]  # SLE designation's phase
    assert names(directory_search(q="  ada ")) == ["Ada Maths"]
    assert names(directory_search(specialism="maths", role="sle")) == ["Ben Phonics"]  # designated in maths
    assert {maths.pk, phonics.pk} == set(DirectoryEntry.objects.values_list("leader", flat=True))


def test_search_by_organisation_includes_a_groupings_member_alliances():
    grouping = alliance(kind=OrganisationKind.TSA_GROUPING, name="Grouping")
    member = alliance(grouping=grouping)
    other = alliance()
    listed(grouping, name="In Grouping")
    listed(member, name="In Member")
    listed(other, name="Elsewhere")
    assert names(directory_search(organisation=grouping)) == ["In Grouping", "In Member"]
    assert names(directory_search(organisation=member)) == ["In Member"]
    assert names(directory_search(organisation=other)) == ["Elsewhere"]


def test_search_by_region():
    london = factories.region("London")
    listed(alliance(region=london), name="London Leader")
    listed(alliance(), name="Yorkshire Leader")
    assert names(directory_search(region=london)) == ["London Leader"]
    assert names(directory_search(region=factories.region())) == ["Yorkshire Leader"]


def test_search_near_a_school_lists_the_nearest_first_with_distances():
    here = factories.SchoolFactory(easting=430000, northing=433000)
    listed(name="Far", school=factories.SchoolFactory(easting=460000, northing=433000))  # 30 km
    listed(name="Near", school=factories.SchoolFactory(easting=433000, northing=437000))  # 5 km
    listed(name="Middle", school=factories.SchoolFactory(easting=430000, northing=445000))  # 12 km
    listed(name="Nowhere", school=factories.SchoolFactory(easting=None, northing=None))

    results = list(directory_search(near=Near(here)))
    assert names(results) == ["Near", "Middle", "Far", "Nowhere"]
    assert [distance_km(e) for e in results] == [5.0, 12.0, 30.0, None]

    within = list(directory_search(near=Near(here, within_km=15)))
    assert names(within) == ["Near", "Middle"]
    # the corner of the box is further than 15 km
    listed(name="Corner", school=factories.SchoolFactory(easting=441000, northing=444000))  # 15.6 km
    assert names(directory_search(near=Near(here, within_km=15))) == ["Near", "Middle"]
    assert names(directory_search(near=Near(here, within_km=16))) == ["Near", "Middle", "Corner"]


def test_search_near_a_school_without_a_grid_point_is_by_name():
    listed(name="Zed")
    listed(name="Amy")
    results = list(directory_search(near=Near(factories.SchoolFactory(easting=None, northing=None), within_km=5)))
    assert names(results) == ["Amy", "Zed"]
    assert distance_km(results[0]) is None


def test_search_combines_filters():
    tsa = alliance()
    listed(tsa, name="Match", role="sle", specialisms=["phonics"])
    listed(tsa, name="Wrong role", specialisms=["phonics"])
    listed(name="Wrong alliance", role="sle", specialisms=["phonics"])
    assert names(directory_search(organisation=tsa, role="sle", specialism="phonics")) == ["Match"]


def test_results_carry_nothing_private_and_only_the_published_portrait():
    tsa, coordinator = alliance_with_coordinator()
    leader = listed(tsa, name="Public Person")
    published = portraits.portrait_published(leader)
    newer = portraits.portrait_save_draft(
        actor=leader, values={"experience": "Private draft text", "specialisms": ["art"], "phases": ["primary"]}
    )
    portraits.portrait_submit(actor=leader, portrait=newer)

    fields = {f.name for f in DirectoryEntry._meta.get_fields()}
    assert not fields & {"email", "password", "phone", "reason", "note", "availability"}
    [entry] = directory_search(q="Public")
    assert entry.portrait == published and entry.portrait.status == "published"
    assert "Private draft text" not in entry.portrait.experience
    assert names(directory_search(specialism="art")) == []
