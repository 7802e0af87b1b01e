"""facts_from_school reads a School of the register and its inspections, and writes nothing."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from domain.designation.criteria import NEEDS_EVIDENCE, NOT_MET, Facts, evaluate, facts_from_school, get_set, load_sets
from domain.schools.models import Inspection, InspectionKind, OfstedGrade
from tests.factories import SchoolFactory

FILE_SETS = load_sets()  # the JSON files: the engine's fixtures (stored versions start from them)

pytestmark = pytest.mark.django_db


def rated_good(school_facts):
    facts = Facts(as_of=dt.date(2026, 11, 22), schools=(school_facts,), current_school_urn=school_facts.urn)
    result = evaluate(get_set("yh-lle", FILE_SETS), facts)
    return next(c for c in result.groups[1].criteria if c.id == "school_rated_good")


def test_reads_the_inspection_history_without_writing():
    school = SchoolFactory(type_name="Sixth form college", ofsted_grade=None, ofsted_date=dt.date(2025, 3, 5))
    Inspection.objects.create(school=school, inspected_on=dt.date(2021, 6, 1), overall_grade=OfstedGrade.GOOD)
    Inspection.objects.create(school=school, inspected_on=dt.date(2025, 3, 5), kind=InspectionKind.UNGRADED)
    with CaptureQueriesContext(connection) as queries:
        facts = facts_from_school(school)
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries.captured_queries)
    assert len(queries.captured_queries) == 1
    assert facts.urn == school.urn and facts.is_sixth_form_college
    assert [(i.inspected_on, i.kind, i.overall_grade) for i in facts.inspections] == [
        (dt.date(2021, 6, 1), "graded", 2),
        (dt.date(2025, 3, 5), "ungraded", None),
    ]
    result = rated_good(facts)
    assert result.result == NEEDS_EVIDENCE
    assert "the last overall grade was Good (1 June 2021)" in result.reason


def test_the_register_latest_outcome_is_used_when_no_inspection_row_carries_it():
    school = SchoolFactory(ofsted_grade=OfstedGrade.REQUIRES_IMPROVEMENT, ofsted_date=dt.date(2024, 1, 9))
    facts = facts_from_school(school)
    assert [(i.inspected_on, i.overall_grade) for i in facts.inspections] == [(dt.date(2024, 1, 9), 3)]
    assert rated_good(facts).result == NOT_MET


def test_a_latest_date_without_a_grade_is_no_overall_grade_not_a_failure():
    school = SchoolFactory(ofsted_grade=None, ofsted_date=dt.date(2025, 11, 20))
    facts = facts_from_school(school)
    assert facts.latest_inspection.overall_grade is None
    assert rated_good(facts).result == NEEDS_EVIDENCE


def test_a_school_never_inspected_needs_evidence():
    facts = facts_from_school(SchoolFactory(ofsted_grade=None, ofsted_date=None))
    assert facts.inspections == ()
    assert "No inspection on record" in rated_good(facts).reason
