"""The regional representative's writes to organisations made by hand: teaching school alliances,
strategic groupings and their member alliances, trusts, commissioners and dioceses, and the lead
school of an alliance, hub or grouping (issue 12, "Go-live for a real region").

Every service is keyword-only, checks its input and says what is wrong in words a person reads
(`OrganisationInvalid.errors`, one message for each field), and writes its audit rows in its own
transaction. Who may call them is the caller's policy (`policies.can_create_organisation_in`,
`policies.can_manage_organisation`)."""

from django.db import transaction

from domain.audit.services import audit_record
from domain.schools.models import School, SchoolStatus

from .models import Organisation, OrganisationKind, Region

K = OrganisationKind

# The kinds the regional representative makes by hand. A commissioner is a local authority, a
# diocese or another commissioner (a regional director's office): the register makes local
# authorities, but one may be missing.
COMMISSIONER_KINDS = (K.LOCAL_AUTHORITY, K.DIOCESE, K.COMMISSIONER)
EDITABLE_KINDS = frozenset({K.TSA, K.TSA_GROUPING, K.TRUST, *COMMISSIONER_KINDS})
# The kinds that have a lead school.
LED_KINDS = frozenset({K.TSA, K.HUB, K.TSA_GROUPING})
NAME_LENGTH = 255
WEBSITE_LENGTH = 255
TRUST_CODE_LENGTH = 10


class OrganisationInvalid(ValueError):
    """What is wrong with the details, one message for each field (name, code, website,
    lead_school, member_alliances, kind)."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(self.errors.values()))


def kind_label(kind: str) -> str:
    return {
        K.TSA: "teaching school alliance",
        K.HUB: "teaching school hub",
        K.TSA_GROUPING: "strategic grouping",
        K.TRUST: "trust",
        K.LOCAL_AUTHORITY: "local authority",
        K.DIOCESE: "diocese",
        K.COMMISSIONER: "commissioner",
    }.get(kind, "organisation")


def _clean_name(name: str, errors: dict) -> str:
    name = " ".join((name or "").split())
    if not name:
        errors["name"] = "Enter the name of the organisation"
    elif len(name) > NAME_LENGTH:
        errors["name"] = f"The name must be {NAME_LENGTH} characters or fewer"
    return name


def _check_duplicate(*, kind, region, name, errors, exclude=None) -> None:
    """A second organisation of the same kind with the same name in the region is refused; trusts
    span regions, so a trust's name is compared with every trust's."""
    if "name" in errors:
        return
    same = Organisation.objects.filter(kind=kind, name__iexact=name)
    if kind != K.TRUST:
        same = same.filter(region=region)
    if exclude is not None:
        same = same.exclude(pk=exclude.pk)
    if same.exists():
        where = "" if kind == K.TRUST or region is None else f" in {region.name}"
        errors["name"] = f"There is already a {kind_label(kind)} called {name}{where}"


def _clean_code(kind, code: str, errors: dict, exclude=None) -> str:
    """Only a trust has a code made by hand: the trust or group code GIAS gives it."""
    code = "".join((code or "").split())
    if kind != K.TRUST or not code:
        return ""
    if not code.isdigit() or len(code) > TRUST_CODE_LENGTH:
        errors["code"] = "Enter the trust's code from Get Information about Schools as numbers only, like 2044"
        return code
    other = Organisation.objects.filter(kind=K.TRUST, code=code)
    if exclude is not None:
        other = other.exclude(pk=exclude.pk)
    found = other.first()
    if found is not None:
        errors["code"] = f"The trust code {code} is already {found.name}'s"
    return code


def _clean_website(website: str, errors: dict) -> str:
    website = (website or "").strip()
    if len(website) > WEBSITE_LENGTH:
        errors["website"] = f"The website address must be {WEBSITE_LENGTH} characters or fewer"
    elif website and (" " in website or "." not in website):
        errors["website"] = "Enter a website address in the correct format, like www.example.org.uk"
    return website


def _check_lead_school(school, errors: dict, *, required: bool) -> None:
    if school is None:
        if required:
            errors["lead_school"] = "Choose the lead school from the register"
        return
    if not isinstance(school, School) or school.pk is None:
        errors["lead_school"] = "Choose the lead school from the register"
    elif not School.objects.filter(pk=school.pk).exists():
        errors["lead_school"] = "That school is not on the register: choose another"
    elif school.status == SchoolStatus.CLOSED:
        errors["lead_school"] = f"{school.display_name} is closed: choose an open school"


def _check_members(grouping_region, alliances, errors: dict, *, grouping=None) -> list[Organisation]:
    """A grouping's members are active alliances of the grouping's region, each in no other
    grouping (an alliance is in at most one)."""
    wanted = [a.pk for a in alliances or []]
    alliances = list(Organisation.objects.select_for_update().filter(pk__in=wanted).order_by("name"))
    if len(alliances) != len(set(wanted)):
        errors["member_alliances"] = "Choose the member alliances from the list"
    for alliance in alliances:
        if alliance.kind != K.TSA or alliance.region_id != getattr(grouping_region, "pk", None):
            errors["member_alliances"] = f"{alliance.name} is not a teaching school alliance of this region"
            break
        if not alliance.is_active:
            errors["member_alliances"] = f"{alliance.name} is closed, so it cannot join a grouping"
            break
        other = alliance.grouping_id is not None and (grouping is None or alliance.grouping_id != grouping.pk)
        if other:
            errors["member_alliances"] = (
                f"{alliance.name} is already in another strategic grouping: take it out of that grouping first"
            )
            break
    return alliances


def _set_members(*, actor, grouping: Organisation, alliances: list[Organisation]) -> None:
    wanted = {a.pk for a in alliances}
    current = list(Organisation.objects.select_for_update().filter(grouping=grouping))
    for alliance in current:
        if alliance.pk not in wanted:
            alliance.grouping = None
            alliance.save(update_fields=["grouping"])
            audit_record(
                actor=actor,
                action="organisations.organisation.left_grouping",
                subject=alliance,
                organisation=alliance,
                data={"grouping_id": grouping.pk},
            )
    kept = {a.pk for a in current}
    for alliance in Organisation.objects.select_for_update().filter(pk__in=wanted - kept):
        alliance.grouping = grouping
        alliance.save(update_fields=["grouping"])
        audit_record(
            actor=actor,
            action="organisations.organisation.joined_grouping",
            subject=alliance,
            organisation=alliance,
            data={"grouping_id": grouping.pk},
        )


@transaction.atomic
def organisation_create(
    *,
    actor,
    region: Region,
    kind: str,
    name: str,
    code: str = "",
    website: str = "",
    lead_school: School | None = None,
    member_alliances=(),
) -> Organisation:
    """Makes an alliance (its lead school from the register), a strategic grouping (a lead school
    if it has one, and its member alliances), a trust (its GIAS code if known), a local authority,
    diocese or other commissioner, in `region`. Trusts span regions but are made by one, whose
    representatives then manage them."""
    errors: dict[str, str] = {}
    if kind not in EDITABLE_KINDS:
        raise OrganisationInvalid({"kind": "Choose the kind of organisation"})
    if region is None:
        raise OrganisationInvalid({"kind": "Choose the region"})
    Region.objects.select_for_update().filter(pk=region.pk).first()  # one maker at a time in a region
    name = _clean_name(name, errors)
    _check_duplicate(kind=kind, region=region, name=name, errors=errors)
    code = _clean_code(kind, code, errors)
    website = _clean_website(website, errors) if kind in LED_KINDS else ""
    if kind in LED_KINDS:
        _check_lead_school(lead_school, errors, required=kind == K.TSA)
    else:
        lead_school = None
    members = _check_members(region, member_alliances, errors) if kind == K.TSA_GROUPING else []
    if errors:
        raise OrganisationInvalid(errors)
    organisation = Organisation.objects.create(
        kind=kind, name=name, code=code, region=region, website=website, lead_school=lead_school
    )
    audit_record(
        actor=actor,
        action="organisations.organisation.created",
        subject=organisation,
        to_state="active",
        organisation=organisation,
        data={
            "kind": kind,
            "region_id": region.pk,
            "code": code,
            "lead_school_id": getattr(lead_school, "pk", None),
        },
    )
    if members:
        _set_members(actor=actor, grouping=organisation, alliances=members)
    return organisation


_UNSET = object()


@transaction.atomic
def organisation_change(
    *,
    actor,
    organisation: Organisation,
    name: str,
    code: str = "",
    website: str = "",
    lead_school=_UNSET,
    member_alliances=None,
) -> Organisation:
    """Changes the details of an organisation made by hand or from the register: its name, a
    trust's code, an alliance's or grouping's website and lead school, a grouping's members (None
    leaves them as they are). A hub's details come from the published list; its lead school is
    set with `lead_school_set`."""
    locked = Organisation.objects.select_for_update(of=("self",)).select_related("region").get(pk=organisation.pk)
    if locked.kind not in EDITABLE_KINDS:
        raise OrganisationInvalid({"name": f"The details of a {kind_label(locked.kind)} are not changed here"})
    errors: dict[str, str] = {}
    name = _clean_name(name, errors)
    _check_duplicate(kind=locked.kind, region=locked.region, name=name, errors=errors, exclude=locked)
    code = _clean_code(locked.kind, code, errors, exclude=locked) if locked.kind == K.TRUST else locked.code
    website = _clean_website(website, errors) if locked.kind in LED_KINDS else locked.website
    if lead_school is _UNSET or locked.kind not in LED_KINDS:
        lead_school = locked.lead_school
    else:
        _check_lead_school(lead_school, errors, required=locked.kind == K.TSA)
    members = None
    if locked.kind == K.TSA_GROUPING and member_alliances is not None:
        members = _check_members(locked.region, member_alliances, errors, grouping=locked)
    if errors:
        raise OrganisationInvalid(errors)
    changes = {}
    for field, value in (("name", name), ("code", code), ("website", website)):
        if getattr(locked, field) != value:
            changes[field] = [getattr(locked, field), value]
            setattr(locked, field, value)
    if locked.lead_school_id != getattr(lead_school, "pk", None):
        changes["lead_school_id"] = [locked.lead_school_id, getattr(lead_school, "pk", None)]
        locked.lead_school = lead_school
    if changes:
        locked.save()
        audit_record(
            actor=actor,
            action="organisations.organisation.changed",
            subject=locked,
            organisation=locked,
            data=changes,
        )
    if members is not None:
        _set_members(actor=actor, grouping=locked, alliances=members)
    return locked


@transaction.atomic
def lead_school_set(*, actor, organisation: Organisation, lead_school: School | None) -> Organisation:
    """Sets the lead school of an alliance, hub or grouping to a school of the register, open.
    An alliance always has one; a hub or grouping may have none (None takes it away)."""
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if locked.kind not in LED_KINDS:
        raise OrganisationInvalid({"lead_school": f"A {kind_label(locked.kind)} has no lead school"})
    errors: dict[str, str] = {}
    _check_lead_school(lead_school, errors, required=locked.kind == K.TSA)
    if errors:
        raise OrganisationInvalid(errors)
    new_id = getattr(lead_school, "pk", None)
    if locked.lead_school_id != new_id:
        previous = locked.lead_school_id
        locked.lead_school = lead_school
        locked.save(update_fields=["lead_school"])
        audit_record(
            actor=actor,
            action="organisations.organisation.lead_school_set",
            subject=locked,
            organisation=locked,
            data={"from_school_id": previous, "to_school_id": new_id},
        )
    return locked
