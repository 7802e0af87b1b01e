"""The regional representative drafts a new version of a set or grid, records the regional board's
agreement and puts it in force; the version in force before is superseded and kept. Audited."""

import datetime as dt
import json

import pytest

from domain.accounts.roles import Role
from domain.audit.models import AuditEvent
from domain.designation.criteria import get_set
from domain.designation.criteria_models import CriteriaStatus, CriteriaVersion
from domain.designation.criteria_services import (
    CriteriaRefused,
    criteria_agree,
    criteria_draft_reword,
    criteria_draft_start,
    criteria_draft_update,
    criteria_put_in_force,
)
from domain.designation.criteria_wording import wording_parts
from domain.organisations.models import OrganisationKind
from tests import factories
from tests.conftest import person_in_role

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 22)


def representative(region_name="Yorkshire and the Humber"):
    body = factories.OrganisationFactory(kind=OrganisationKind.REGIONAL_BODY, region=factories.region(region_name))
    return person_in_role(Role.REGIONAL_REPRESENTATIVE, organisation=body)


def in_force(set_id="yh-lle"):
    return CriteriaVersion.objects.get(set_id=set_id, status=CriteriaStatus.IN_FORCE)


def edited(draft, change):
    document = json.loads(json.dumps(draft.document))
    change(document)
    return json.dumps(document)


def test_a_new_version_goes_from_draft_to_agreed_to_in_force_and_the_old_one_is_kept():
    rep = representative()
    first = in_force()
    draft = criteria_draft_start(actor=rep, source=first)
    assert (draft.version, draft.status, draft.document["version"]) == (2, CriteriaStatus.DRAFT, 2)

    def three_to_four(document):
        document["groups"][0]["criteria"][0]["params"]["min_years"] = 4

    criteria_draft_update(actor=rep, draft=draft, text=edited(draft, three_to_four))
    agreed = criteria_agree(actor=rep, version=draft, agreed_by="Regional board", agreed_on=TODAY)
    assert (agreed.status, agreed.agreed_by, agreed.agreed_on) == (CriteriaStatus.AGREED, "Regional board", TODAY)
    assert agreed.agreement_recorded_by == rep
    assert get_set("yh-lle").version == 1  # agreed, not yet in force

    criteria_put_in_force(actor=rep, version=draft)

    first.refresh_from_db()
    draft.refresh_from_db()
    assert (first.status, first.superseded_on) == (CriteriaStatus.SUPERSEDED, TODAY)
    assert (draft.status, draft.in_force_from) == (CriteriaStatus.IN_FORCE, TODAY)
    assert get_set("yh-lle").groups[0].criteria[0].params["min_years"] == 4
    assert get_set("yh-lle@1").groups[0].criteria[0].params["min_years"] == 3  # kept
    actions = list(
        AuditEvent.objects.filter(action__startswith="designation.criteria").values_list("action", flat=True)
    )
    assert sorted(actions) == sorted(
        [
            "designation.criteria.drafted",
            "designation.criteria.edited",
            "designation.criteria.agreed",
            "designation.criteria.superseded",
            "designation.criteria.in_force",
        ]
    )


def test_a_grid_goes_through_the_same_steps():
    rep = representative()
    draft = criteria_draft_start(actor=rep, source=in_force("regional-grid"))

    def add(document):
        document["competencies"].append({"key": "safeguarding", "title": "Keeping children safe"})

    criteria_draft_update(actor=rep, draft=draft, text=edited(draft, add))
    criteria_agree(actor=rep, version=draft, agreed_by="Regional board", agreed_on=TODAY)
    criteria_put_in_force(actor=rep, version=draft)
    assert in_force("regional-grid").document["competencies"][-1]["key"] == "safeguarding"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter the criteria"),
        ("{", r"not written correctly \(line 1"),
        ("[]", "must be one object"),
        (None, "Enter the criteria"),
    ],
)
def test_a_bad_document_is_refused_and_changes_nothing(text, message):
    rep = representative()
    draft = criteria_draft_start(actor=rep, source=in_force())
    before = draft.document
    with pytest.raises(CriteriaRefused, match=message):
        criteria_draft_update(actor=rep, draft=draft, text=text)
    draft.refresh_from_db()
    assert draft.document == before


def test_a_malformed_criterion_is_refused_naming_the_entry():
    rep = representative()
    draft = criteria_draft_start(actor=rep, source=in_force())

    def vague(document):
        document["groups"][0]["criteria"][1]["check"] = "vibes"

    with pytest.raises(
        CriteriaRefused, match=r"groups\[0\] \('leader'\)\.criteria\[1\] \('leader_school_rated_good'\)"
    ):
        criteria_draft_update(actor=rep, draft=draft, text=edited(draft, vague))

    def renamed(document):
        document["id"] = "other"

    with pytest.raises(CriteriaRefused, match="The id of a version cannot be changed"):
        criteria_draft_update(actor=rep, draft=draft, text=edited(draft, renamed))


def test_the_steps_come_in_order():
    rep = representative()
    first = in_force()
    with pytest.raises(CriteriaRefused, match="Only a draft can be agreed; this version is in force"):
        criteria_agree(actor=rep, version=first, agreed_by="Board", agreed_on=TODAY)
    draft = criteria_draft_start(actor=rep, source=first)
    with pytest.raises(CriteriaRefused, match="Version 2 is already a draft"):
        criteria_draft_start(actor=rep, source=first)
    with pytest.raises(CriteriaRefused, match="Only a version the regional board has agreed can be put in force"):
        criteria_put_in_force(actor=rep, version=draft)
    with pytest.raises(CriteriaRefused, match="Enter who agreed the criteria"):
        criteria_agree(actor=rep, version=draft, agreed_by=" ", agreed_on=TODAY)
    with pytest.raises(CriteriaRefused, match="must be today or in the past"):
        criteria_agree(actor=rep, version=draft, agreed_by="Board", agreed_on=TODAY + dt.timedelta(days=1))
    criteria_agree(actor=rep, version=draft, agreed_by="Board", agreed_on=TODAY)
    with pytest.raises(CriteriaRefused, match="Only a draft can be changed"):
        criteria_draft_update(actor=rep, draft=draft, text=json.dumps(draft.document))


def test_only_a_representative_of_the_region_changes_its_criteria():
    coordinator = person_in_role(Role.TSA_COORDINATOR)
    with pytest.raises(CriteriaRefused, match="Only a regional representative of the region"):
        criteria_draft_start(actor=coordinator, source=in_force())
    with pytest.raises(CriteriaRefused, match="Only a regional representative of the region"):
        criteria_draft_start(actor=representative("London"), source=in_force())
    assert CriteriaVersion.objects.filter(set_id="yh-lle").count() == 1


def test_the_wording_and_the_numbers_are_changed_without_the_document():
    rep = representative()
    draft = criteria_draft_start(actor=rep, source=in_force())
    parts = {p.key: p for p in wording_parts(draft.kind, draft.document)}
    assert parts["g0.title"].value == "Criteria for the leader"
    assert parts["g0.c0.min_years"].label == "Years needed for criterion 1"

    criteria_draft_reword(
        actor=rep,
        draft=draft,
        values={
            "g0.c0.text": "have at least 4 years of experience as a serving headteacher",
            "g0.c0.min_years": 4,
            "g0.c9.text": "ignored: not a part of this set",
        },
    )

    draft.refresh_from_db()
    first = draft.document["groups"][0]["criteria"][0]
    assert (first["text"], first["params"]["min_years"]) == (
        "have at least 4 years of experience as a serving headteacher",
        4,
    )
    assert first["source"] == in_force().document["groups"][0]["criteria"][0]["source"]
    assert AuditEvent.objects.filter(action="designation.criteria.edited", data__how="wording").exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"g0.c0.text": "  "}, "Enter the wording of criterion 1"),
        (
            {"g0.c0.min_years": 51},
            r"Years needed for criterion 1 \(Criteria for the leader\) must be a whole number from 0 to 50",
        ),
        ({"g0.c0.min_years": "3"}, "must be a whole number"),
        ({"g0.title": "x" * 2001}, r"Title of the group \(Criteria for the leader\) must be 2,000 characters or fewer"),
    ],
)
def test_bad_wording_is_refused_and_changes_nothing(values, message):
    rep = representative()
    draft = criteria_draft_start(actor=rep, source=in_force())
    before = draft.document
    with pytest.raises(CriteriaRefused, match=message):
        criteria_draft_reword(actor=rep, draft=draft, values=values)
    draft.refresh_from_db()
    assert draft.document == before


def test_a_grid_s_competencies_are_reworded():
    rep = representative()
    draft = criteria_draft_start(actor=rep, source=in_force("regional-grid"))
    criteria_draft_reword(actor=rep, draft=draft, values={"c1.title": "Coaching and mentoring other leaders"})
    draft.refresh_from_db()
    assert draft.document["competencies"][1]["title"] == "Coaching and mentoring other leaders"
