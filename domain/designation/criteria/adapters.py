"""Facts from the register: reads a domain.schools School and its inspections, writes nothing."""

from .facts import InspectionFact, SchoolFacts


def facts_from_school(school, *, accountable: bool = True, sponsored_academy: bool = False) -> SchoolFacts:
    """The school's facts for the criteria engine. Its Inspection rows give the history; the
    register's latest outcome (School.ofsted_grade and ofsted_date) is added when no row carries
    it. A latest date with no grade is an inspection with no overall grade (from September 2024),
    never a "not good"."""
    inspections = {
        (i.inspected_on, i.kind): InspectionFact(
            inspected_on=i.inspected_on, kind=i.kind, overall_grade=i.overall_grade
        )
        for i in school.inspections.all()
    }
    if school.ofsted_date is not None and not any(day == school.ofsted_date for day, _ in inspections):
        kind = "graded" if school.ofsted_grade is not None else "ungraded"
        inspections[(school.ofsted_date, kind)] = InspectionFact(
            inspected_on=school.ofsted_date, kind=kind, overall_grade=school.ofsted_grade
        )
    return SchoolFacts(
        urn=school.urn,
        name=school.name,
        phase=school.phase,
        type_name=school.type_name,
        sponsored_academy=sponsored_academy,
        accountable=accountable,
        inspections=tuple(inspections[key] for key in sorted(inspections)),
    )
