"""A round chooses from the criteria sets its region's board has agreed, for its role; an
application is judged by the criteria set and the assessment grid in force when it was submitted
(issue 14)."""

import datetime as dt
import json

import pytest

from domain.accounts.roles import Role
from domain.designation.criteria_models import CriteriaStatus, CriteriaVersion
from domain.designation.criteria_services import (
    criteria_agree,
    criteria_draft_start,
    criteria_draft_update,
    criteria_put_in_force,
)
from domain.organisations.models import OrganisationKind
from domain.recruitment.assessment import REGIONAL_GRID, grid_for
from domain.recruitment.eligibility import application_check_eligibility
from domain.recruitment.services import RecruitmentRefused
from tests import factories
from tests.conftest import person_in_role

from .helpers import make_round, submitted_application
from .selection_builders import coordinated_round, references_complete

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 22)


def new_version_in_force(set_id: str, change) -> CriteriaVersion:
    body = factories.OrganisationFactory(kind=OrganisationKind.REGIONAL_BODY, region=factories.region())
    rep = person_in_role(Role.REGIONAL_REPRESENTATIVE, organisation=body)
    source = CriteriaVersion.objects.get(set_id=set_id, status=CriteriaStatus.IN_FORCE)
    draft = criteria_draft_start(actor=rep, source=source)
    document = json.loads(json.dumps(draft.document))
    change(document)
    criteria_draft_update(actor=rep, draft=draft, text=json.dumps(document))
    criteria_agree(actor=rep, version=draft, agreed_by="Regional board", agreed_on=TODAY)
    return criteria_put_in_force(actor=rep, version=draft)


def test_a_round_cannot_use_a_draft_or_another_roles_set():
    body = factories.OrganisationFactory(kind=OrganisationKind.REGIONAL_BODY, region=factories.region())
    rep = person_in_role(Role.REGIONAL_REPRESENTATIVE, organisation=body)
    criteria_draft_start(actor=rep, source=CriteriaVersion.objects.get(set_id="yh-lle"))

    with pytest.raises(RecruitmentRefused, match="Choose a criteria set the regional board has agreed"):
        make_round(criteria_set="yh-lle@2")
    with pytest.raises(
        RecruitmentRefused,
        match="That criteria set is for another role: choose one for the local leader of education role",
    ):
        make_round(criteria_set="national-nle@1")
    with pytest.raises(RecruitmentRefused, match="another region's"):
        make_round(organisation=factories.OrganisationFactory(region=factories.region("London")))


def test_an_application_is_judged_by_the_set_in_force_when_it_was_submitted():
    round_, coordinator = coordinated_round()
    before = references_complete(round_)
    assert (before.criteria_set, before.assessment_grid) == ("yh-lle@1", "regional-grid@1")

    def four_years(document):
        document["groups"][0]["criteria"][0]["params"]["min_years"] = 4

    new_version_in_force("yh-lle", four_years)
    after = submitted_application(round_)
    assert after.criteria_set == "yh-lle@2"
    assert round_.criteria_set == "yh-lle@1"  # the round keeps the set it chose

    check = application_check_eligibility(actor=coordinator, application=before)
    assert check.criteria_set == "yh-lle@1"  # made before the new version: judged by the old


def test_the_assessment_uses_the_grid_in_force_when_the_application_was_submitted():
    round_, _ = coordinated_round()
    before = references_complete(round_)

    def one_more(document):
        document["competencies"].append({"key": "safeguarding", "title": "Keeping children safe"})

    new_version_in_force("regional-grid", one_more)
    after = submitted_application(round_)

    assert grid_for(before) == REGIONAL_GRID
    assert after.assessment_grid == "regional-grid@2"
    assert [c.key for c in grid_for(after)][-1] == "safeguarding"
