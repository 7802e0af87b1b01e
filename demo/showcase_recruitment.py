"""The showcase's applicants (demo.showcase): applications to the alliance's open round of local
leaders of education (demo.region makes it) at every stage of selection: a draft; submitted with
the referees waiting for the coordinator's check; submitted with the links sent and one answered;
references complete; eligibility checked; assessed; assessed with the panel seated; approved (the
applicant is designated); and declined with feedback. Built through the services. Every person
here is made up; their addresses are @demo.test."""

from datetime import date

from django.utils import timezone

from domain.accounts import services as accounts
from domain.recruitment import services as recruitment
from domain.recruitment.application_form import form_for
from domain.recruitment.assessment import assessment_score, assessment_submit, grid_for
from domain.recruitment.decisions import panel_decide
from domain.recruitment.eligibility import application_check_eligibility, eligibility_result
from domain.recruitment.employment import employment_post_add
from domain.recruitment.judgements import criterion_judge
from domain.recruitment.models import PanelOutcome, RecruitmentRound
from domain.recruitment.panel import panel_member_add
from domain.recruitment.reference_services import reference_confirm, reference_nominate, reference_submit

ROUND_TITLE = "Aire Valley local leaders of education"

# The stages, in order: each applicant goes as far as their stage.
DRAFT, NAMED, SENT, REFERENCES, ELIGIBILITY, ASSESSED, PANEL, APPROVED, DECLINED = range(9)

# full name, school, stage
APPLICANTS = [
    ("Lou Brackenbury", "Ouseburn Primary School", DRAFT),
    ("Nico Fewston", "Underbank Primary School", NAMED),
    ("Pat Roecliffe", "Greenhow Church of England Primary School", SENT),
    ("Sol Healaugh", "Eastfield Park Primary Academy", REFERENCES),
    ("Toby Scackleton", "Ingleby Fields Primary School", ELIGIBILITY),
    ("Val Hunmanby", "Quarry Hill Primary Academy", ASSESSED),
    ("Wynn Burnby", "Netherton Infant School", PANEL),
    ("Alexis Ganthorpe", "Cottingley Vale Primary School", APPROVED),
    ("Bailey Nunnington", "Ashgrove Primary School", DECLINED),
]

REFEREES = (
    ("reference", "Headteacher", "Kirkby Lane Primary School"),
    ("reference", "School improvement adviser", "Leeds City Council (demo)"),
    ("governors_confirmation", "Chair of governors", None),  # the applicant's school
)
REFEREE_NAMES = ("Arlo Pennington", "Bea Lofthouse", "Cam Ingilby", "Dev Mirfield", "Esme Ravenscar", "Fen Oxenhope")
REFERENCE_ANSWER = {
    "relationship": "Their line manager for three years",
    "capacity_to_support": "Strong: they have coached two headteachers new to post",
    "coaching_experience": "Coached two new heads and led the local network of deputies",
    "recommend": True,
}
GOVERNORS_ANSWER = {"supports": True, "comment": "The governing body supports the application."}
FEEDBACK = {
    PanelOutcome.APPROVED: (
        "Strong evidence of improving outcomes in your own school and of coaching other leaders; the panel "
        "would like you to lead the alliance's work with headteachers new to post."
    ),
    PanelOutcome.DECLINED: (
        "Your own school's improvement is clear, but the panel saw too little evidence of supporting leaders "
        "in other schools. Lead a piece of work across the local network and apply again next year."
    ),
}


def _answers(form, full_name: str, sections=None) -> dict:
    first = full_name.split()[0]
    return {
        s.key: {
            "answer": f"{first}'s experience: {s.title.lower()}, with examples from the last three years.",
            "evidence": "",
        }
        for s in (sections if sections is not None else form.sections)
    }


def _references(application, *, coordinator, full_name, index, school_name, stage) -> None:
    names = (REFEREE_NAMES[index % 6], REFEREE_NAMES[(index + 1) % 6], REFEREE_NAMES[(index + 2) % 6])
    requests = []
    for (kind, job, organisation), name in zip(REFEREES, names, strict=True):
        requests.append(
            reference_nominate(
                actor=application.applicant,
                application=application,
                kind=kind,
                name=name,
                email=name.lower().replace(" ", ".") + f".{index}@referees.demo.test",
                job_title=job,
                organisation_name=organisation or school_name,
            )[0]
        )
    if stage == NAMED:
        return
    sent = [reference_confirm(actor=coordinator, request=request, how="domain") for request in requests]
    for number, (request, token) in enumerate(sent):
        if stage == SENT and number > 0:
            break
        answer = GOVERNORS_ANSWER if request.kind == "governors_confirmation" else REFERENCE_ANSWER
        reference_submit(token=token, response=answer)


def _assess(application, *, assessors) -> None:
    for number, assessor in enumerate(assessors):
        scores = {
            c.key: {"score": 3 + (number + i) % 2, "evidence": "Seen at the assessment day"}
            for i, c in enumerate(grid_for(application))
        }
        assessment_score(assessor=assessor, application=application, scores=scores)
        assessment_submit(assessor=assessor, application=application)


def _judge_the_evidence(application, *, coordinator) -> None:
    """The coordinator judges, on the evidence, each criterion the check could not decide: met
    (issue 14: every "needs evidence" is settled before the panel decides)."""
    for row in eligibility_result(application)["criteria"]:
        if row["result"] == "needs_evidence":
            criterion_judge(
                actor=coordinator,
                application=application,
                criterion_id=row["id"],
                result="met",
                evidence="Seen in the application, its references and at the assessment day",
            )


def build_showcase_recruitment(*, organisation, coordinator, panel_member, nle, hub, schools, password) -> list:
    """Adds the applicants to the alliance's open round; returns their applications."""
    round_ = RecruitmentRound.objects.get(organisation=organisation, title=ROUND_TITLE)
    form = form_for(round_)
    applications = []
    for index, (full_name, school_name, stage) in enumerate(APPLICANTS):
        email = full_name.lower().replace(" ", ".") + "@demo.test"
        applicant = accounts.user_create(actor=None, email=email, full_name=full_name, password=password)
        application = recruitment.application_start(actor=applicant, round_=round_, school=schools[school_name])
        applications.append(application)
        if stage == DRAFT:
            recruitment.application_save_draft(
                actor=applicant, application=application, answers=_answers(form, full_name, form.sections[:2])
            )
            continue
        recruitment.application_save_draft(
            actor=applicant,
            application=application,
            answers=_answers(form, full_name),
            declarations={d.key: True for d in form.declarations},
        )
        # A headship of four to seven years: the years as head are read from the posts.
        employment_post_add(
            actor=applicant,
            application=application,
            role="headteacher",
            school=schools[school_name],
            start=date(timezone.localdate().year - 4 - index % 4, 9, 1),
            end=None,
        )
        recruitment.application_submit(actor=applicant, application=application)
        _references(
            application, coordinator=coordinator, full_name=full_name, index=index, school_name=school_name, stage=stage
        )
        if stage < ELIGIBILITY:
            continue
        application.refresh_from_db()
        application_check_eligibility(actor=coordinator, application=application)
        if stage < ASSESSED:
            continue
        _judge_the_evidence(application, coordinator=coordinator)
        _assess(application, assessors=(coordinator, panel_member))
        if stage < PANEL:
            continue
        panel_member_add(
            actor=coordinator, application=application, user=nle, experienced_system_leader=True, organisation=hub
        )
        panel_member_add(actor=coordinator, application=application, user=panel_member, experienced_system_leader=False)
        if stage == PANEL:
            continue
        outcome = PanelOutcome.APPROVED if stage == APPROVED else PanelOutcome.DECLINED
        panel_decide(actor=coordinator, application=application, outcome=outcome, feedback=FEEDBACK[outcome])
    return applications
