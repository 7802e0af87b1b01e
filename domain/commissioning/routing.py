"""Which alliance, hub or grouping brokers a request (issue: commissioning, "Triage": "the client's
area, or the TSA the client chose"). Seed 000: "All commissions will be brokered through a TSA"."""

from domain.organisations.models import BROKERING_KINDS, AllianceMembership, Organisation
from domain.schools.geography import distance_metres, grid_point


def brokering_organisation_for(school, preferred=None):
    """The client's choice when it is an open alliance, hub or grouping; else an alliance the
    school is a member of (a teaching school's own first); else a hub serving the school's local
    authority district; else the nearest alliance or hub of the school's region by its lead
    school; else None."""
    if preferred is not None and preferred.kind in BROKERING_KINDS and preferred.is_active:
        return preferred
    membership = (
        AllianceMembership.objects.filter(school=school, alliance__is_active=True, alliance__kind__in=BROKERING_KINDS)
        .select_related("alliance")
        .order_by("-is_teaching_school", "alliance__name")
        .first()
    )
    if membership is not None:
        return membership.alliance
    open_brokers = Organisation.objects.filter(kind__in=BROKERING_KINDS, is_active=True)
    if school.region_id:
        open_brokers = open_brokers.filter(region_id=school.region_id)
    candidates = list(open_brokers.select_related("lead_school"))
    district = (school.district_name or school.la_name or "").strip().lower()
    for organisation in candidates:
        if district and district in {d.strip().lower() for d in organisation.districts or []}:
            return organisation
    here = grid_point(school.easting, school.northing)
    placed = [
        (distance_metres(here, grid_point(o.lead_school.easting, o.lead_school.northing)), o.name, o)
        for o in candidates
        if here and o.lead_school and grid_point(o.lead_school.easting, o.lead_school.northing)
    ]
    if placed:
        return min(placed, key=lambda t: (t[0], t[1]))[2]
    return candidates[0] if candidates else None
