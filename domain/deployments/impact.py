"""Reach and impact. Seed 004 §6: "DfE has recently introduced tighter measures to capture the
scale of an NLE's reach (in terms of number of support hours undertaken and number of schools
supported)". The payments and impact part builds on these."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Sum

from domain.schools.models import Inspection
from domain.schools.selectors import INSPECTION_KIND_LABELS, area_grade_rows

from .models import Visit
from .workflows import VisitStatus


@dataclass(frozen=True)
class Reach:
    hours: Decimal
    days: Decimal
    schools: int
    visits: int


def reach_of(leader, *, between=None) -> Reach:
    """The leader's support hours, days and schools supported, from shared notes of visit; with
    `between` (first day, last day), from the visits made in that window only. One query."""
    visits = Visit.objects.filter(deployment__leader=leader, status=VisitStatus.SHARED)
    if between is not None:
        first, last = between
        visits = visits.filter(visited_on__gte=first)
        if last is not None:  # a historical designation may have no end
            visits = visits.filter(visited_on__lte=last)
    totals = visits.aggregate(
        hours=Sum("hours"),
        days=Sum("days"),
        schools=Count("deployment__client_school", distinct=True),
        visits=Count("id"),
    )
    return Reach(
        hours=totals["hours"] or Decimal("0"),
        days=totals["days"] or Decimal("0"),
        schools=totals["schools"],
        visits=totals["visits"],
    )


# --- The supported school's inspections ------------------------------------------------------
#
# Issue 6: "the supported school's later inspection outcomes (from re-imports of the register)
# shown against the deployment, with a caution on attribution". Seed 004 §24: "caution must be
# applied when attempting to attribute the result of a school's inspection to the work of an NLE
# alone". Inspections since September 2024 give no overall grade, and report cards grade each area
# instead: an outcome is never assumed to have an overall grade.

# Seed 004 §24, word for word.
ATTRIBUTION_CAUTION = (
    "We recognise that there are already numerous contributors to school improvement acting in the system, so caution "
    "must be applied when attempting to attribute the result of a school's inspection to the work of "
    "an NLE alone."
)


@dataclass(frozen=True)
class InspectionOutcome:
    inspected_on: date
    kind: str
    kind_label: str
    overall_grade: str  # "" when the inspection gave none
    area_grades: list[tuple[str, str]] = field(default_factory=list)

    @property
    def has_overall_grade(self) -> bool:
        return bool(self.overall_grade)


@dataclass(frozen=True)
class Impact:
    school_name: str
    starts_on: date
    baseline: InspectionOutcome | None  # the latest inspection before the deployment started
    since: list[InspectionOutcome]  # every inspection on or after it started, oldest first
    reach: Reach


def _outcome(inspection: Inspection) -> InspectionOutcome:
    return InspectionOutcome(
        inspected_on=inspection.inspected_on,
        kind=inspection.kind,
        kind_label=INSPECTION_KIND_LABELS.get(inspection.kind, inspection.get_kind_display()),
        overall_grade=inspection.get_overall_grade_display() if inspection.overall_grade is not None else "",
        area_grades=area_grade_rows(inspection.area_grades),
    )


def inspections_around(deployment) -> tuple[InspectionOutcome | None, list[InspectionOutcome]]:
    """The school's baseline (latest inspection before the deployment started) and every
    inspection on or after the day it started, oldest first. One query."""
    inspections = Inspection.objects.filter(school_id=deployment.client_school_id).order_by("inspected_on", "id")
    baseline, since = None, []
    for inspection in inspections:
        if inspection.inspected_on < deployment.starts_on:
            baseline = inspection
        else:
            since.append(_outcome(inspection))
    return (_outcome(baseline) if baseline is not None else None), since


def impact_of(deployment) -> Impact:
    """The deployment's impact as the register shows it, and the leader's reach."""
    baseline, since = inspections_around(deployment)
    return Impact(
        school_name=deployment.client_school.display_name,
        starts_on=deployment.starts_on,
        baseline=baseline,
        since=since,
        reach=reach_of(deployment.leader),
    )
