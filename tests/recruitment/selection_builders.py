"""Building applications that have reached the selection steps, through the services."""

from domain.accounts.roles import Role
from domain.recruitment.assessment import assessment_score, assessment_submit, grid_for, paper_exercise_score
from domain.recruitment.eligibility import application_check_eligibility, eligibility_result
from domain.recruitment.judgements import criterion_judge
from domain.recruitment.panel import panel_member_add
from domain.recruitment.reference_services import reference_submit
from tests import factories
from tests.conftest import person_in_role
from tests.recruitment.helpers import (
    GOVERNORS_ANSWER,
    REFERENCE_ANSWER,
    make_round,
    send_all_requests,
    submitted_application,
    tsa_with_coordinator,
)


def coordinated_round(**fields):
    """(round, coordinator) for a new alliance."""
    tsa, coordinator = tsa_with_coordinator()
    return make_round(organisation=tsa, actor=coordinator, **fields), coordinator


def nle_round():
    return coordinated_round(role="nle", title="NLE selection 2026", criteria_set="national-nle@1")


def references_complete(round_, governors_answer=None):
    application = submitted_application(round_)
    for request, token in send_all_requests(application):
        if request.kind == "governors_confirmation":
            reference_submit(token=token, response=governors_answer or GOVERNORS_ANSWER)
        else:
            reference_submit(token=token, response=REFERENCE_ANSWER)
    application.refresh_from_db()
    return application


def eligibility_checked(round_, coordinator):
    application = references_complete(round_)
    application_check_eligibility(actor=coordinator, application=application)
    application.refresh_from_db()
    return application


def settle_eligibility(application, actor, result="met"):
    """An assessor's judgement on every criterion the latest run says needs evidence."""
    for row in eligibility_result(application)["criteria"]:
        if row["result"] == "needs_evidence":
            criterion_judge(
                actor=actor,
                application=application,
                criterion_id=row["id"],
                result=result,
                evidence="Seen in the application and its references",
            )
    application.refresh_from_db()
    return application


def assessor_for(round_):
    return person_in_role(Role.PANEL_MEMBER, organisation=round_.organisation)


def score_all(assessor, application, score=3):
    assessment_score(
        assessor=assessor,
        application=application,
        scores={c.key: {"score": score, "evidence": "Seen on the day"} for c in grid_for(application)},
    )


def assessed(round_, coordinator, scores=(3, 4)):
    """An application two assessors have scored and submitted (after the paper exercise for NLEs),
    every criterion needing evidence judged met."""
    application = settle_eligibility(eligibility_checked(round_, coordinator), coordinator)
    if round_.role == "nle":
        paper_exercise_score(actor=coordinator, application=application, score=72, notes="Secure knowledge")
    assessors = []
    for score in scores:
        assessor = assessor_for(round_)
        score_all(assessor, application, score)
        assessment_submit(assessor=assessor, application=application)
        assessors.append(assessor)
    application.refresh_from_db()
    return application, assessors


def valid_panel(application, coordinator):
    """An experienced system leader from another alliance, and one member of the round's alliance."""
    other_tsa = factories.OrganisationFactory()
    leader = person_in_role(Role.SYSTEM_LEADER, organisation=other_tsa)
    local = person_in_role(Role.PANEL_MEMBER, organisation=application.round.organisation)
    members = [
        panel_member_add(actor=coordinator, application=application, user=leader, experienced_system_leader=True),
        panel_member_add(actor=coordinator, application=application, user=local, experienced_system_leader=False),
    ]
    return members
