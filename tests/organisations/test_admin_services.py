"""The regional representative's organisations made by hand: services and policies."""

import re

import pytest

from domain.audit.models import AuditEvent
from domain.organisations import admin_services as admin
from domain.organisations.models import Organisation, OrganisationKind
from domain.organisations.policies import can_create_organisation_in, can_manage_organisation
from tests.factories import OrganisationFactory, SchoolFactory, region
from tests.leaders.helpers import representative_of

pytestmark = pytest.mark.django_db
K = OrganisationKind


@pytest.fixture
def yh():
    return region()


def create(actor, region, **values):
    return admin.organisation_create(actor=actor, region=region, **values)


def test_an_alliance_is_made_with_its_lead_school_and_audited(yh):
    actor = representative_of(yh)
    school = SchoolFactory(name="Calder Vale Primary")
    alliance = create(actor, yh, kind=K.TSA, name="  Calder   Alliance ", lead_school=school, website="www.calder.test")
    assert (alliance.name, alliance.region, alliance.lead_school, alliance.website) == (
        "Calder Alliance",
        yh,
        school,
        "www.calder.test",
    )
    event = AuditEvent.objects.get(action="organisations.organisation.created", subject_id=str(alliance.pk))
    assert event.actor == actor and event.data["kind"] == K.TSA


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"kind": K.TSA, "name": "  "}, "name", "Enter the name of the organisation"),
        ({"kind": K.TSA, "name": "New Alliance"}, "lead_school", "Choose the lead school from the register"),
        ({"kind": K.TRUST, "name": "A Trust", "code": "T12"}, "code", "numbers only"),
        ({"kind": K.TSA_GROUPING, "name": "G", "website": "not a site"}, "website", "correct format"),
        ({"kind": K.HUB, "name": "A hub"}, "kind", "Choose the kind of organisation"),
    ],
)
def test_bad_details_are_refused_with_a_message_and_nothing_is_made(yh, values, field, message):
    actor = representative_of(yh)
    before = Organisation.objects.count()
    with pytest.raises(admin.OrganisationInvalid, match=re.escape(message)) as caught:
        create(actor, yh, **values)
    assert message in caught.value.errors[field]
    assert Organisation.objects.count() == before
    assert not AuditEvent.objects.filter(action="organisations.organisation.created").exists()


def test_a_closed_lead_school_is_refused(yh):
    closed = SchoolFactory(name="Old School", status="closed")
    with pytest.raises(admin.OrganisationInvalid, match="Old School is closed: choose an open school") as caught:
        create(representative_of(yh), yh, kind=K.TSA, name="An Alliance", lead_school=closed)
    assert caught.value.errors["lead_school"] == "Old School is closed: choose an open school"


def test_a_duplicate_name_of_the_same_kind_in_the_region_is_refused(yh):
    OrganisationFactory(kind=K.DIOCESE, name="Diocese of Leeds", region=yh)
    actor = representative_of(yh)
    with pytest.raises(admin.OrganisationInvalid, match="There is already a diocese called diocese of leeds") as caught:
        create(actor, yh, kind=K.DIOCESE, name="diocese of leeds")
    assert (
        caught.value.errors["name"] == "There is already a diocese called diocese of leeds in Yorkshire and the Humber"
    )
    # Another kind, or another region, may share the name.
    assert create(actor, yh, kind=K.COMMISSIONER, name="Diocese of Leeds").kind == K.COMMISSIONER
    london = region("London")
    assert create(representative_of(london), london, kind=K.DIOCESE, name="Diocese of Leeds").region == london


def test_a_trust_s_name_and_code_are_unique_across_regions(yh):
    OrganisationFactory(kind=K.TRUST, name="Moor Trust", code="2044", region=None)
    actor = representative_of(yh)
    with pytest.raises(admin.OrganisationInvalid, match="There is already a trust called Moor Trust") as caught:
        create(actor, yh, kind=K.TRUST, name="Moor Trust")
    assert "There is already a trust called Moor Trust" in caught.value.errors["name"]
    with pytest.raises(admin.OrganisationInvalid, match="The trust code 2044 is already Moor Trust's") as caught:
        create(actor, yh, kind=K.TRUST, name="Dale Trust", code=" 2044 ")
    assert caught.value.errors["code"] == "The trust code 2044 is already Moor Trust's"
    trust = create(actor, yh, kind=K.TRUST, name="Dale Trust", code="2045")
    assert (trust.code, trust.region) == ("2045", yh)


def test_a_grouping_takes_its_member_alliances(yh):
    actor = representative_of(yh)
    first, second, third = (OrganisationFactory(kind=K.TSA, region=yh) for _ in range(3))
    grouping = create(actor, yh, kind=K.TSA_GROUPING, name="Dales Grouping", member_alliances=[first, second])
    assert set(grouping.member_alliances.all()) == {first, second}
    assert AuditEvent.objects.filter(action="organisations.organisation.joined_grouping").count() == 2
    admin.organisation_change(
        actor=actor, organisation=grouping, name="Dales Grouping", member_alliances=[second, third]
    )
    assert set(grouping.member_alliances.all()) == {second, third}
    first.refresh_from_db()
    assert first.grouping is None
    assert AuditEvent.objects.filter(action="organisations.organisation.left_grouping").count() == 1


def test_an_alliance_is_in_at_most_one_grouping_and_of_the_same_region(yh):
    actor = representative_of(yh)
    alliance = OrganisationFactory(kind=K.TSA, region=yh, name="Busy Alliance")
    create(actor, yh, kind=K.TSA_GROUPING, name="First", member_alliances=[alliance])
    with pytest.raises(
        admin.OrganisationInvalid, match="Busy Alliance is already in another strategic grouping"
    ) as caught:
        create(actor, yh, kind=K.TSA_GROUPING, name="Second", member_alliances=[alliance])
    assert "already in another strategic grouping" in caught.value.errors["member_alliances"]
    faraway = OrganisationFactory(kind=K.TSA, region=region("London"), name="Far Alliance")
    with pytest.raises(
        admin.OrganisationInvalid, match="Far Alliance is not a teaching school alliance of this region"
    ) as caught:
        create(actor, yh, kind=K.TSA_GROUPING, name="Third", member_alliances=[faraway])
    assert caught.value.errors["member_alliances"] == "Far Alliance is not a teaching school alliance of this region"
    hub = OrganisationFactory(kind=K.HUB, region=yh, name="A Hub")
    with pytest.raises(admin.OrganisationInvalid, match="A Hub is not a teaching school alliance of this region"):
        create(actor, yh, kind=K.TSA_GROUPING, name="Fourth", member_alliances=[hub])
    assert not Organisation.objects.filter(name__in=["Second", "Third", "Fourth"]).exists()


def test_changing_details_is_audited_with_what_changed_and_a_duplicate_is_refused(yh):
    actor = representative_of(yh)
    OrganisationFactory(kind=K.TSA, region=yh, name="Taken")
    alliance = OrganisationFactory(kind=K.TSA, region=yh, name="Old Name", lead_school=SchoolFactory())
    admin.organisation_change(actor=actor, organisation=alliance, name="New Name", website="www.new.test")
    event = AuditEvent.objects.get(action="organisations.organisation.changed")
    assert event.data["name"] == ["Old Name", "New Name"]
    with pytest.raises(admin.OrganisationInvalid, match="There is already a teaching school alliance called taken"):
        admin.organisation_change(actor=actor, organisation=alliance, name="taken")
    alliance.refresh_from_db()
    assert alliance.name == "New Name"
    # Nothing changed: no audit row.
    admin.organisation_change(actor=actor, organisation=alliance, name="New Name", website="www.new.test")
    assert AuditEvent.objects.filter(action="organisations.organisation.changed").count() == 1


def test_a_hub_s_lead_school_is_set_from_the_register(yh):
    actor = representative_of(yh)
    hub = OrganisationFactory(kind=K.HUB, region=yh, code="YH1")
    school = SchoolFactory()
    admin.lead_school_set(actor=actor, organisation=hub, lead_school=school)
    hub.refresh_from_db()
    assert hub.lead_school == school
    assert AuditEvent.objects.filter(action="organisations.organisation.lead_school_set").count() == 1
    with pytest.raises(admin.OrganisationInvalid, match="is closed: choose an open school"):
        admin.lead_school_set(actor=actor, organisation=hub, lead_school=SchoolFactory(status="closed"))
    trust = OrganisationFactory(kind=K.TRUST)
    with pytest.raises(admin.OrganisationInvalid, match="A trust has no lead school"):
        admin.lead_school_set(actor=actor, organisation=trust, lead_school=school)
    with pytest.raises(admin.OrganisationInvalid, match="The details of a teaching school hub are not changed here"):
        admin.organisation_change(actor=actor, organisation=hub, name="A new hub name")


def test_only_the_region_s_representative_may_make_and_manage(yh):
    london = region("London")
    representative = representative_of(yh)
    assert can_create_organisation_in(representative, yh)
    assert not can_create_organisation_in(representative, london)
    assert can_manage_organisation(representative, OrganisationFactory(region=yh))
    assert not can_manage_organisation(representative, OrganisationFactory(region=london))
    from domain.accounts.roles import Role
    from tests.conftest import person_in_role

    coordinator = person_in_role(Role.TSA_COORDINATOR)
    assert not can_create_organisation_in(coordinator, yh)
