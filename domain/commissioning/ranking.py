"""Builds the matching engine's instance (domain.matching, docs/matching.md) from the register and
turns its answers into what the panel reads: ranked candidates with their reasons, and the whole
agenda solved at once. The engine itself knows nothing of Django."""

import math
from collections import defaultdict

from django.conf import settings
from django.db.models import Prefetch

from domain.accounts.models import User
from domain.deployments.feedback_selectors import feedback_scores
from domain.deployments.models import Deployment
from domain.designation.models import Designation
from domain.designation.workflows import DesignationStatus
from domain.leaders.availability_services import availability_summaries
from domain.leaders.models import Association, PenPortrait, Term
from domain.leaders.term_split import days_a_leader_can_give, days_by_term, terms_words
from domain.leaders.workflows import AssociationStatus, PortraitStatus
from domain.matching import model as engine
from domain.matching.assignment import solve
from domain.matching.filters import role_name
from domain.matching.ranking import LeaderIndex, rank
from domain.matching.shortfall import explain

# Seconds the solver may take for a meeting's agenda (a page waits for it).
AGENDA_TIME_LIMIT = 5.0
CANDIDATES_SHOWN = 10
EXCLUDED_SHOWN = 20


def _request(request) -> engine.Request:
    school = request.client_school
    return engine.Request(
        id=str(request.pk),
        role=request.role_sought,
        days=math.ceil(request.days),
        needs=tuple(request.needs),
        phase=request.phase or None,
        window_start=request.window_starts.isoformat(),
        window_end=request.window_ends.isoformat(),
        easting=school.easting,
        northing=school.northing,
        school_id=str(school.pk),
        trust_id=school.trust_code or None,
        outcome=school.ofsted_grade,
        size=school.number_of_pupils,
        # The alliance brokering it now (the client's choice, or the one it was routed or passed to):
        # the engine flags leaders of any other alliance as needing their alliance's agreement.
        preferred_organisation=str(request.brokering_organisation_id),
    )


def _leaders(*, roles, term: Term | None = None, shares=None) -> tuple[list[engine.Leader], dict[str, User]]:
    """Every leader holding an active designation in one of `roles`, with their free days in
    `term`, or (for one request) the days of it they can give, its days being shared across terms
    as `shares` are (domain.leaders.term_split): a fixed number of queries."""
    terms = [share_term for share_term, _ in shares] if shares else [term]
    people = list(
        User.objects.filter(
            is_active=True, designations__status=DesignationStatus.ACTIVE, designations__role__in=list(roles)
        )
        .distinct()
        .prefetch_related(
            Prefetch(
                "designations",
                queryset=Designation.objects.filter(status=DesignationStatus.ACTIVE).select_related("school"),
                to_attr="active_designations",
            ),
            Prefetch(
                "associations",
                queryset=Association.objects.filter(status=AssociationStatus.ACTIVE).select_related("organisation"),
                to_attr="active_associations",
            ),
            Prefetch(
                "pen_portraits",
                queryset=PenPortrait.objects.filter(status=PortraitStatus.PUBLISHED),
                to_attr="published_portraits",
            ),
        )
    )
    summaries = availability_summaries(people, terms)
    experience = defaultdict(list)
    for deployment in Deployment.objects.filter(leader__in=people).select_related("client_school"):
        school = deployment.client_school
        experience[deployment.leader_id].append(
            engine.SupportedSchool(
                school_id=str(school.pk), phase=None, outcome=school.ofsted_grade, size=school.number_of_pupils
            )
        )
    # Seed 000 "Principles for QA": clients' feedback, once both sides of a round have answered.
    feedback = feedback_scores([person.pk for person in people])
    leaders, by_id = [], {}
    for person in people:
        designations = person.active_designations
        school = next((d.school for d in designations if d.school_id), None)
        portrait = person.published_portraits[0] if person.published_portraits else None
        association = person.active_associations[0] if person.active_associations else None
        in_terms = summaries[person.pk]
        if shares:
            free = {t: summary.remaining for t, summary in zip(terms, in_terms, strict=True)}
            capacity = days_a_leader_can_give(free, shares)
        else:
            capacity = in_terms[0].remaining
        specialisms = {s for d in designations for s in d.specialisms} | set(portrait.specialisms if portrait else [])
        phases = {p for d in designations for p in d.phases} | set(portrait.phases if portrait else [])
        leaders.append(
            engine.Leader(
                id=str(person.pk),
                roles=tuple(sorted({d.role for d in designations})),
                capacity=max(0, math.floor(capacity)),
                specialisms=tuple(sorted(specialisms)),
                phases=tuple(sorted(phases)),
                easting=school.easting if school else None,
                northing=school.northing if school else None,
                school_id=str(school.pk) if school else None,
                trust_id=(school.trust_code or None) if school else None,
                organisation_id=str(association.organisation_id) if association else None,
                experience=tuple(experience[person.pk]),
                load=math.ceil(sum(summary.committed for summary in in_terms)),
                feedback=feedback.get(person.pk),
            )
        )
        by_id[str(person.pk)] = person
    return leaders, by_id


def _names(by_id, association_names, leader_id: str) -> dict:
    person = by_id.get(leader_id)
    return {
        "leader_id": int(leader_id),
        "name": person.full_name if person else leader_id,
        "organisation": association_names.get(leader_id, "Not associated"),
    }


def _named_flags(flags, person) -> list[str]:
    """The engine names an alliance by its id; the panel reads its name."""
    association = person.active_associations[0] if person is not None and person.active_associations else None
    if association is None:
        return list(flags)
    organisation_id = str(association.organisation_id)
    return [flag.replace(f"of {organisation_id},", f"of {association.organisation.name},") for flag in flags]


def _association_names(by_id) -> dict[str, str]:
    return {
        leader_id: person.active_associations[0].organisation.name
        for leader_id, person in by_id.items()
        if person.active_associations
    }


def weights_for(organisation) -> engine.Weights:
    """The region's weights for the matching factors: settings.MATCHING_WEIGHTS maps a region's
    code to its weights (any of needs, phase, distance, experience, feedback, spread,
    distance_half_km, spread_days); a region without an entry takes the engine's defaults
    (docs/matching.md). Unknown names are refused by the engine's own check."""
    configured = getattr(settings, "MATCHING_WEIGHTS", {}) or {}
    region = getattr(organisation, "region", None)
    record = configured.get(region.code) if region is not None else None
    if not record:
        return engine.Weights()
    return engine.parse_instance({"requests": [], "leaders": [], "weights": record}).weights


def rank_request(request, *, brokering_organisation, widen=()) -> list[dict]:
    """The eligible candidates for one request, best first, each with its score and its breakdown
    by factor (name, weight, value, contribution, reason) and flags (for instance a leader of
    another alliance "needing its agreement"), then some of the excluded with the reason. JSON,
    so the panel's record keeps what it saw."""
    return rank_with_shortfall(request, brokering_organisation=brokering_organisation, widen=widen)[0]


def rank_with_shortfall(request, *, brokering_organisation, widen=()) -> tuple[list[dict], dict]:
    """(the ranked candidates as rank_request gives them, why few or none are eligible): the
    explanation counts the leaders each filter excluded and names the nearest to passing, from
    the leaders the ranking loads (a fixed number of queries, whatever their number). `widen`:
    the wider searches chosen (domain.matching.filters.WIDENINGS); none is the usual search."""
    # Its days fall across the terms of its window, by working days, as accepting commits them.
    shares = days_by_term(request.window_starts, request.window_ends, request.days)
    leaders, by_id = _leaders(roles=[request.role_sought], shares=shares)
    instance = engine.Instance(
        requests=(_request(request),),
        leaders=tuple(leaders),
        weights=weights_for(brokering_organisation),
        brokering_organisation=str(brokering_organisation.pk),
    )
    index, wanted = LeaderIndex(instance), instance.requests[0]
    scored = index.scores(wanted, widen)
    ranking = rank(index, wanted, limit=CANDIDATES_SHOWN, excluded_limit=EXCLUDED_SHOWN, widen=widen, scored=scored)
    shortfall = explain(index, wanted, widen=widen, scored=scored, period=_period(shares))
    names = _association_names(by_id)
    rows = []
    for candidate in ranking.candidates:
        record = candidate.as_dict()
        rows.append(
            {
                **_names(by_id, names, candidate.leader_id),
                "score": record["score"],
                "factors": record["factors"],
                "flags": _named_flags(record["flags"], by_id.get(candidate.leader_id)),
                "excluded": None,
            }
        )
    for candidate in ranking.excluded:
        rows.append({**_names(by_id, names, candidate.leader_id), "excluded": candidate.excluded})
    explained = shortfall.as_dict()
    explained["pool"] = f"every leader with a current designation as a {role_name(request.role_sought)}"
    for group in explained["groups"]:
        group["nearest"] = [
            {**_names(by_id, names, near["leader"]), "detail": near["detail"]} for near in group["nearest"]
        ]
    return rows, explained


def _period(shares) -> str:
    if len(shares) == 1:
        return f"in {terms_words(shares)}"
    return f"across {terms_words(shares)}, where the support's days fall"


def solve_agenda(items) -> dict[int, dict]:
    """Solves the undecided agenda at once (an assignment with capacities, domain.matching.solve):
    for each item id, the suggested candidate ({leader_id, name, score}) or the reason none fits."""
    if not items:
        return {}
    requests = [item.request for item in items]
    term = Term.containing(min(r.window_starts for r in requests))
    roles = {r.role_sought for r in requests}
    leaders, by_id = _leaders(roles=roles, term=term)
    instance = engine.Instance(
        requests=tuple(_request(r) for r in requests),
        leaders=tuple(leaders),
        weights=weights_for(items[0].meeting.organisation),
        brokering_organisation=str(items[0].meeting.organisation_id),
    )
    solution = solve(instance, time_limit=AGENDA_TIME_LIMIT)
    names = _association_names(by_id)
    by_request = {str(item.request_id): item.pk for item in items}
    suggestions = {}
    for assignment in solution.assignments:
        suggestions[by_request[assignment.request_id]] = {
            **_names(by_id, names, assignment.leader_id),
            "score": round(assignment.score, 4),
        }
    for unassigned in solution.unassigned:
        suggestions[by_request[unassigned.request_id]] = {"reason": unassigned.reason}
    suggestions["solution"] = {"objective": solution.objective, "gap": solution.gap, "status": solution.status}
    return suggestions
