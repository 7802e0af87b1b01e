"""Impact (issue 6, "Impact"): the supported school's inspections before and since the support
started, never assuming an overall grade, and the leader's reach."""

import datetime as dt

import pytest

from domain.deployments.impact import ATTRIBUTION_CAUTION, impact_of
from domain.schools.models import Inspection, InspectionKind, OfstedGrade

from .helpers import share_visit

pytestmark = pytest.mark.django_db


def inspect(school, on, kind=InspectionKind.GRADED, grade=None, areas=None):
    return Inspection.objects.create(
        school=school, inspected_on=on, kind=kind, overall_grade=grade, area_grades=areas or {}
    )


def test_the_baseline_is_the_latest_inspection_before_the_start(cast):
    school = cast.deployment.client_school
    inspect(school, dt.date(2019, 5, 1), grade=OfstedGrade.GOOD)
    inspect(school, dt.date(2024, 3, 1), grade=OfstedGrade.REQUIRES_IMPROVEMENT)
    impact = impact_of(cast.deployment)
    assert impact.baseline.inspected_on == dt.date(2024, 3, 1)
    assert impact.baseline.overall_grade == "Requires improvement"
    assert impact.since == []


def test_inspections_since_the_start_come_oldest_first_with_their_own_grades(cast):
    school = cast.deployment.client_school
    start = cast.deployment.starts_on
    inspect(school, dt.date(2024, 3, 1), grade=OfstedGrade.INADEQUATE)
    inspect(school, start, kind=InspectionKind.UNGRADED)
    inspect(
        school,
        start + dt.timedelta(days=90),
        kind=InspectionKind.REPORT_CARD,
        areas={"leadership_and_governance": "Strong standard", "inclusion": "Expected standard"},
    )
    since = impact_of(cast.deployment).since
    assert [o.inspected_on for o in since] == [start, start + dt.timedelta(days=90)]
    assert [o.has_overall_grade for o in since] == [False, False]
    assert since[0].kind_label == "Ungraded inspection"
    assert since[1].kind_label == "Report card"
    assert ("Leadership and governance", "Strong standard") in since[1].area_grades


def test_a_school_never_inspected_has_no_baseline(cast):
    impact = impact_of(cast.deployment)
    assert (impact.baseline, impact.since) == (None, [])
    assert "caution must be applied" in ATTRIBUTION_CAUTION


def test_the_leaders_reach_is_shown_with_the_impact(cast):
    share_visit(cast.deployment, "1", hours="6.5")
    reach = impact_of(cast.deployment).reach
    assert (reach.hours, reach.schools, reach.visits) == (6.5, 1, 1)
