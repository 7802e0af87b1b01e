"""The demo region's round of national leaders of education (issue 14), built through the services
after demo.leaders: the alliance recommends, the Department for Education decides (seed 004 §14).
It holds the system leader's draft (they choose their route to eligibility), an application whose
eligibility check left a criterion for the coordinator to judge on the evidence, and one the panel
approved, now a recommendation waiting for the department. And the region's criteria (seed 000:
the regional board agrees them): a draft of the local leaders' criteria, and a new version of the
assessment grid the board has agreed, not yet in force. Every person here is synthetic."""

import datetime as dt

from django.utils import timezone

from domain.accounts import services as accounts
from domain.accounts.models import User
from domain.accounts.roles import Role
from domain.designation.criteria_models import CriteriaStatus, CriteriaVersion
from domain.designation.criteria_services import criteria_agree, criteria_draft_start
from domain.designation.models import DesignationRole
from domain.recruitment import services as recruitment
from domain.recruitment.application_form import form_for
from domain.recruitment.assessment import assessment_score, assessment_submit, grid_for, paper_exercise_score
from domain.recruitment.decisions import panel_decide
from domain.recruitment.eligibility import application_check_eligibility, eligibility_result
from domain.recruitment.employment import employment_post_add
from domain.recruitment.judgements import criterion_judge
from domain.recruitment.panel import panel_member_add
from domain.recruitment.reference_services import reference_confirm, reference_nominate, reference_submit

ROUND_TITLE = "Aire Valley national leaders of education"
# full name, address, school, whether the panel has recommended them (else: waiting for a judgement)
APPLICANTS = (
    ("Harper Skelwith", "harper.skelwith@demo.test", "Beckside Church of England Primary School", False),
    ("Rowan Calverley", "rowan.calverley@demo.test", "Fernhill Special School", True),
)
REFERENCE_ANSWER = {
    "relationship": "Their line manager for four years",
    "capacity_to_support": "Strong: they led the turnaround of a school in difficulty",
    "coaching_experience": "Coached three headteachers of schools causing concern",
    "recommend": True,
}
GOVERNORS_ANSWER = {"supports": True, "comment": "The governing body supports the application."}


def build_demo_national_selection(*, users, organisations, schools) -> dict:
    coordinator = users[Role.TSA_COORDINATOR]
    aire = organisations["Aire Valley Teaching School Alliance"]
    today = timezone.localdate()
    round_ = recruitment.round_create(
        actor=coordinator,
        organisation=aire,
        role=DesignationRole.NLE,
        title=ROUND_TITLE,
        opens_on=today - dt.timedelta(days=21),
        closes_on=today + dt.timedelta(days=21),
        local_need="Leaders to support schools in difficulty across the region",
        criteria_set="national-nle@1",
        phases=["primary"],
    )
    recruitment.round_open(actor=coordinator, round_=round_)
    form = form_for(round_)
    # The system leader's draft: a first answer, the route still to choose.
    leader = users[Role.SYSTEM_LEADER]
    draft = recruitment.application_start(actor=leader, round_=round_, school=schools["Aire Valley Primary School"])
    first = form.sections[0]
    recruitment.application_save_draft(
        actor=leader,
        application=draft,
        answers={first.key: {"answer": "Led two primary schools out of special measures since 2019", "evidence": ""}},
    )
    records = {"round": round_, "draft": draft}
    for index, (full_name, email, school_name, recommend) in enumerate(APPLICANTS):
        applicant = accounts.user_create(actor=None, email=email, full_name=full_name, password=None)
        application = _sent_with_references(
            round_, form, applicant, schools[school_name], coordinator=coordinator, index=index
        )
        application_check_eligibility(actor=coordinator, application=application)
        application.refresh_from_db()
        if not recommend:
            records["to_judge"] = application
            continue
        _recommended(application, coordinator=coordinator, users=users, organisations=organisations)
        records["recommended"] = application
    records.update(_criteria_drafts(users[Role.REGIONAL_REPRESENTATIVE]))
    return records


def _sent_with_references(round_, form, applicant, school, *, coordinator, index):
    application = recruitment.application_start(actor=applicant, round_=round_, school=school)
    first_name = applicant.full_name.split()[0]
    recruitment.application_save_draft(
        actor=applicant,
        application=application,
        answers={
            s.key: {"answer": f"{first_name}'s experience: {s.title.lower()}, with examples.", "evidence": ""}
            for s in form.sections
        },
        declarations={d.key: True for d in form.declarations},
        route=form.routes[0].key if form.routes else None,
    )
    employment_post_add(
        actor=applicant,
        application=application,
        role="headteacher",
        school=school,
        start=dt.date(timezone.localdate().year - 8, 9, 1),
        end=None,
    )
    recruitment.application_submit(actor=applicant, application=application)
    referees = (
        ("reference", "Headteacher", "Kirkby Lane Primary School"),
        ("reference", "School improvement adviser", "Leeds City Council (demo)"),
        ("governors_confirmation", "Chair of governors", school.name),
    )
    for number, (kind, job, organisation) in enumerate(referees):
        request, _ = reference_nominate(
            actor=applicant,
            application=application,
            kind=kind,
            name=f"{('Arden', 'Blake', 'Corin')[number]} {('Wharfe', 'Nidd')[index]}",
            email=f"referee.{index}.{number}@referees.demo.test",
            job_title=job,
            organisation_name=organisation,
        )
        request, token = reference_confirm(actor=coordinator, request=request, how="domain")
        answer = GOVERNORS_ANSWER if kind == "governors_confirmation" else REFERENCE_ANSWER
        reference_submit(token=token, response=answer)
    application.refresh_from_db()
    return application


def _recommended(application, *, coordinator, users, organisations) -> None:
    """Judged on the evidence, past the paper exercise (seed 004 §13), scored by two assessors and
    approved by a panel with an NLE from the hub: a recommendation to the department."""
    for row in eligibility_result(application)["criteria"]:
        if row["result"] == "needs_evidence":
            criterion_judge(
                actor=coordinator,
                application=application,
                criterion_id=row["id"],
                result="met",
                evidence="Seen in the application and its references",
            )
    paper_exercise_score(actor=coordinator, application=application, score=74, notes="Secure and well argued")
    panel_member = users[Role.PANEL_MEMBER]
    for number, assessor in enumerate((coordinator, panel_member)):
        scores = {c.key: {"score": 3 + number, "evidence": "Seen at the assessment day"} for c in grid_for(application)}
        assessment_score(assessor=assessor, application=application, scores=scores)
        assessment_submit(assessor=assessor, application=application)
    nle = User.objects.get(email="nle@demo.test")
    hub = organisations["Pennine Teaching School Hub"]
    panel_member_add(
        actor=coordinator, application=application, user=nle, experienced_system_leader=True, organisation=hub
    )
    panel_member_add(actor=coordinator, application=application, user=panel_member, experienced_system_leader=False)
    panel_decide(
        actor=coordinator,
        application=application,
        outcome="approved",
        feedback="A strong record of turning schools round and coaching their leaders: the panel recommends them.",
    )
    application.refresh_from_db()


def _criteria_drafts(representative) -> dict:
    in_force = {v.set_id: v for v in CriteriaVersion.objects.filter(status=CriteriaStatus.IN_FORCE, region="YH")}
    draft = criteria_draft_start(actor=representative, source=in_force["yh-lle"])
    agreed = criteria_draft_start(actor=representative, source=in_force["regional-grid"])
    criteria_agree(
        actor=representative,
        version=agreed,
        agreed_by="Yorkshire and the Humber regional board",
        agreed_on=timezone.localdate() - dt.timedelta(days=7),
    )
    return {"criteria_draft": draft, "criteria_agreed": agreed}
