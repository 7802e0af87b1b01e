"""What recruitment asks of a person now, for their home page (a fixed number of queries): the
applications a panel member is to score, the recommendations a department official is to
decide, and the referees' and chairs of governors' addresses
waiting for the coordinator's check before their links are sent (ADR 18). Only the alliance's or
hub's coordinators are asked to check them: a regional representative can confirm too, from the
same list, but is not asked to."""

from domain.accounts.roles import Role
from domain.accounts.selectors import organisation_ids_of
from domain.leaders.todo import ToDo, counted

from .department import recommendations_for
from .selectors import applications_to_assess, references_to_confirm


def to_do_for(user) -> list[ToDo]:
    # A department official: the recommendations of every region waiting for the department's
    # decision (seed 004 §14; seed 003). Anyone else: none, without a query.
    items = (
        counted(
            "recommendations",
            recommendations_for(user),
            "Decide a recommendation for designation",
            "Decide {count} recommendations for designation",
        )
        if organisation_ids_of(user, Role.DEPARTMENT_OFFICIAL)
        else []
    )
    items += counted(
        "assessments",
        applications_to_assess(user),
        "Score an application for designation",
        "Score {count} applications for designation",
    )
    coordinated = organisation_ids_of(user, Role.TSA_COORDINATOR)
    if not coordinated:
        return items
    return items + counted(
        "referees",
        references_to_confirm(user).filter(application__round__organisation_id__in=coordinated),
        "Check a referee's address before their link is sent",
        "Check {count} referees' addresses before their links are sent",
    )
