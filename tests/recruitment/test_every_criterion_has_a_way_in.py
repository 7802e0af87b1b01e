"""The decision table: every criterion of every shipped criteria set (domain/designation/
criteria_sets/) is reachable from its role's application form (issue 14). A declaration comes from
one of the form's declarations, a judgement from a section of the form (which gives the assessor
its evidence), a data criterion from the register or from the applicant's posts. A criterion
added to a set with no way in fails here."""

import datetime as dt

import pytest

from domain.designation.criteria import evaluate, load_sets
from domain.recruitment.application_form import FORM_FOR_ROLE, NLE_FORM
from domain.recruitment.eligibility import facts_for_application
from domain.recruitment.employment import employment_post_add
from domain.recruitment.services import application_save_draft
from domain.schools.models import Inspection
from tests import factories
from tests.recruitment.helpers import draft_application, make_round

# Where each rule of a data criterion reads its facts from, as the web gives them.
DATA_WAYS_IN = {
    "years_in_post": "the posts of the employment history",
    "current_post": "the posts of the employment history (the one held now)",
    "rating_moved_up": "the posts of the employment history and their schools' inspections in the register",
    "ofsted_rating": "the school's inspections in the register",
    "accountable_school_meets_group": "the school and the schools of the posts held now, from the register",
    "sponsored_academy_moved_out": "the schools of the posts, sponsored academies in the register",
}

SETS = load_sets()
CRITERIA = [(s, c) for s in SETS for g in s.groups for c in g.criteria]


def way_in(criteria_set, criterion) -> str:
    """Which part of the web form gives the criterion its facts, or "" when nothing does."""
    form = FORM_FOR_ROLE[criteria_set.role.lower()]
    if criterion.check == "declaration":
        key = criterion.declaration or criterion.id
        found = [d.key for d in form.declarations if d.criterion == key]
        return f"the declaration '{found[0]}'" if found else ""
    if criterion.check == "judgement":
        found = [s.key for s in form.sections if criterion.id in s.criteria]
        return f"the section '{found[0]}'" if found else ""
    return DATA_WAYS_IN.get(criterion.rule, "")


@pytest.mark.parametrize(("criteria_set", "criterion"), CRITERIA, ids=[f"{s.ref}:{c.id}" for s, c in CRITERIA])
def test_every_shipped_criterion_has_a_way_in_from_the_form(criteria_set, criterion):
    assert way_in(criteria_set, criterion), f"{criteria_set.ref} {criterion.id} ({criterion.check}) has no way in"


def test_the_table_covers_every_shipped_set_and_role():
    assert {s.role.lower() for s in SETS} <= set(FORM_FOR_ROLE)
    assert len(CRITERIA) >= 30


def test_a_criterion_with_no_way_in_is_caught():
    from domain.designation.criteria.sets import Criterion

    criteria_set = SETS[0]
    for orphan in (
        Criterion(id="orphan", text="x", check="declaration"),
        Criterion(id="orphan", text="x", check="judgement"),
        Criterion(id="orphan", text="x", check="data", rule="not_a_rule"),
    ):
        assert way_in(criteria_set, orphan) == ""


def test_the_nle_forms_routes_are_the_sets_routes():
    nle = next(s for s in SETS if s.role.lower() == "nle")
    assert [r.key for r in NLE_FORM.routes] == [g.id for g in nle.groups]
    for section in NLE_FORM.sections:
        assert not section.route or NLE_FORM.route(section.route) is not None


@pytest.mark.django_db
@pytest.mark.parametrize("criteria_set", SETS, ids=[s.ref for s in SETS])
def test_the_data_criteria_are_decided_from_the_posts_and_the_register(criteria_set):
    """An applicant who gives a post in each role a data criterion names, at a sponsored academy
    of the register that moved from requires improvement to good while they led it, has every
    data criterion decided (met or not met) rather than waiting for evidence; the one that reads
    the school criteria names the school."""
    role = criteria_set.role.lower()
    round_ = make_round(role=role, criteria_set=criteria_set.ref, form_version=None)
    school = factories.SchoolFactory(type_name="Academy sponsor led")
    Inspection.objects.create(school=school, inspected_on=dt.date(2021, 3, 1), overall_grade=3)
    Inspection.objects.create(school=school, inspected_on=dt.date(2024, 3, 1), overall_grade=2)
    application = draft_application(round_)
    application_save_draft(actor=application.applicant, application=application, school=school)
    roles = {c.params["roles"][0] for g in criteria_set.groups for c in g.criteria if "roles" in c.params}
    for n, post_role in enumerate(sorted(roles)):
        employment_post_add(
            actor=application.applicant,
            application=application,
            role=post_role,
            school=school,
            start=dt.date(2015, 9, 1) + dt.timedelta(days=n),
            end=None,
        )
    application.refresh_from_db()
    evaluation = evaluate(criteria_set, facts_for_application(application))
    for group in evaluation.groups:
        for result in group.criteria:
            criterion = next(c for g in criteria_set.groups for c in g.criteria if c.id == result.id)
            if criterion.check != "data":
                continue
            if criterion.rule == "accountable_school_meets_group":
                assert school.name in result.reason, result.reason
            else:
                assert result.result in ("met", "not_met"), f"{criterion.id}: {result.reason}"
