"""The showcase's deployments (demo.showcase): three more schools whose requests the panel matched
and everyone accepted, each under way on an agreed contract, with notes of visit shared, a visit
planned, and for the longest-running a mid-deployment review with both sides' feedback. Every
visit and review is on a school day (demo.school_days). Built through the services. Every person
here is made up."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from demo.commissioning import request_values
from demo.school_days import school_day_on_or_after, school_day_on_or_before
from demo.showcase_requests import leader_accepts, top_candidate
from domain.accounts.roles import Role
from domain.commissioning import meeting_services as meetings
from domain.commissioning import offer_services as offers
from domain.commissioning import request_services as requests
from domain.commissioning.models import PanelMeeting
from domain.deployments import contract_services as contract
from domain.deployments import feedback_questions as fq
from domain.deployments import visit_services as visits
from domain.deployments.feedback_services import feedback_submit
from domain.deployments.models import (
    ContractVersion,
    FeedbackRound,
    FeedbackStage,
    ImpactMeasure,
    MeasureJudgement,
    Party,
    Payer,
    ReviewKind,
)
from domain.deployments.review_services import review_record
from domain.leaders import availability_services as availability
from domain.leaders.models import Term


def _deployment(
    school, need, phase, role, days, weeks_ago, visits_shared, description, plan, measure, review=False
) -> dict:
    return {
        "school": school,
        "need": need,
        "phase": phase,
        "role": role,
        "days": days,
        "weeks_ago": weeks_ago,
        "visits_shared": visits_shared,
        "description": description,
        "plan": plan,
        "measure": measure,
        "review": review,
    }


DEPLOYMENTS = [
    _deployment(
        "Sandholme Primary School",
        "maths",
        "primary",
        "sle",
        "6",
        7,
        3,
        "Maths in Key Stage 2 after a weak inspection: fluency, reasoning and the use of manipulatives",
        "Coach the maths lead to plan a sequence of lessons on fluency; model lessons in Years 4 and 5; "
        "set up a termly check of pupils' recall of number facts.",
        ("Pupils in Year 6 at the expected standard in maths", "52% in 2026", "65% in 2027"),
        review=True,
    ),
    _deployment(
        "Denholme Moor High School",
        "behaviour",
        "secondary",
        "lle",
        "5",
        5,
        2,
        "Behaviour in corridors and at social times; suspensions have doubled in a year",
        "Review the behaviour policy with senior leaders; train the heads of year on a shared routine; "
        "visit at social times to check the routine is followed.",
        ("Suspensions in the term", "41 in the summer term of 2026", "Fewer than 20 in the spring term of 2027"),
    ),
    _deployment(
        "Thornhill Edge Academy",
        "science",
        "secondary",
        "sle",
        "4",
        3,
        1,
        "Practical science in Key Stage 3 taught by non-specialists",
        "Plan the Key Stage 3 practical programme with the head of science; coach two non-specialist "
        "teachers; review the technicians' preparation lists.",
        ("Key Stage 3 lessons with a practical, in a sample of 20", "6 of 20", "15 of 20"),
    ),
]


def visit_days(today: dt.date, count: int) -> list[dt.date]:
    """`count` school days a fortnight apart, the last one a few days before today, earliest first."""
    days = [school_day_on_or_before(today - dt.timedelta(days=3))]
    while len(days) < count:
        days.append(school_day_on_or_before(days[-1] - dt.timedelta(days=14)))
    return days[::-1]


def _agree_contract(deployment, spec, *, people) -> None:
    draft = ContractVersion.objects.get(deployment=deployment, number=1)
    contract.contract_update_terms(
        actor=people[Party.ALLIANCE],
        contract=draft,
        values={
            "action_plan": spec["plan"],
            "schedule": f"{spec['days']} days, a visit about every fortnight, with a note of each visit shared.",
            "days": deployment.days,
            "starts_on": deployment.starts_on,
            "ends_on": deployment.ends_on,
            "payer": Payer.CLIENT,
            "payer_name": deployment.client_school.display_name,
            "day_rate": Decimal("450.00"),
            "leader_school_rate": Decimal("350.00"),
        },
    )
    measure, baseline, target = spec["measure"]
    contract.measure_add(
        actor=people[Party.ALLIANCE],
        contract=draft,
        values={
            "objective": spec["description"].split(":")[0],
            "measure": measure,
            "baseline": baseline,
            "target": target,
            "method": "The school's own records, checked by the leader",
            "when_measured": "At the mid-deployment review and the final review",
        },
    )
    sent = contract.contract_propose(actor=people[Party.ALLIANCE], contract=ContractVersion.objects.get(pk=draft.pk))
    for party in sent.parties:
        version = ContractVersion.objects.get(pk=sent.pk)
        contract.contract_seen(actor=people[party], contract=version)
        contract.contract_agree(actor=people[party], contract=version, party=party, digest=version.digest)


def _answers(questions, party) -> dict:
    return {
        q["key"]: 4 if q["kind"] == fq.SCALE else "Practical, well planned and responsive to the school."
        for q in fq.questions_for(questions, party)
    }


def _review(deployment, *, people, held_on) -> None:
    review_record(
        actor=people[Party.ALLIANCE],
        deployment=deployment,
        kind=ReviewKind.MID,
        held_on=held_on,
        summary="The headteacher, the leader and the alliance met at the school: the work is on track.",
        results={
            m.pk: ("First checks show the change starting in classrooms", MeasureJudgement.TOO_EARLY)
            for m in ImpactMeasure.objects.filter(contract_id=deployment.current_contract_id)
        },
    )
    round_ = FeedbackRound.objects.get(deployment=deployment, stage=FeedbackStage.MIDDLE)
    for party in (Party.CLIENT, Party.LEADER):
        feedback_submit(actor=people[party], round=round_, party=party, answers=_answers(round_.questions, party))


def build_showcase_deployments(*, users, coordinators, contacts, schools, aire) -> list:
    """Each request agreed at the panel's next meeting, then under way; returns the deployments."""
    coordinator = users[Role.TSA_COORDINATOR]
    meeting = PanelMeeting.objects.filter(organisation=aire).order_by("meets_at").first()
    today = timezone.localdate()
    deployments = []
    for spec in DEPLOYMENTS:
        contact = contacts[spec["school"]]
        shared = visit_days(today, spec["visits_shared"])
        request = requests.request_submit(
            actor=contact,
            school=schools[spec["school"]],
            values=request_values(
                needs=[spec["need"]],
                phase=spec["phase"],
                role_sought=spec["role"],
                days=spec["days"],
                description=spec["description"],
                window_starts=min(today - dt.timedelta(weeks=spec["weeks_ago"]), shared[0]),
                window_ends=today + dt.timedelta(days=90),
            ),
            referrer_kind="client_school",
            preferred_organisation=aire,
        )
        requests.request_triage(actor=coordinator, request=request)
        item = meetings.agenda_add(actor=coordinator, meeting=meeting, request=request)
        leader = top_candidate(item)
        term = Term.containing(request.window_starts)  # the leader has days in the term the support starts
        needed = availability.committed_days(leader, term) + request.days
        if availability.offered_days(leader, term) < needed:
            availability.availability_set(actor=leader, leader=leader, term=term, days=needed)
        offer = meetings.agenda_decide(
            actor=coordinator, item=item, leader=leader, rationale="The closest match, with free days this term"
        )
        offer = leader_accepts(offer, coordinators=coordinators)
        deployment = offers.offer_client_accept(actor=contact, offer=offer)
        people = {
            Party.CLIENT: contact,
            Party.LEADER: leader,
            Party.ALLIANCE: coordinator,
            Party.COMMISSIONER: users[Role.COMMISSIONER],
        }
        _agree_contract(deployment, spec, people=people)
        deployment.refresh_from_db()
        for number, day in enumerate(shared, start=1):
            visits.visit_record(
                actor=leader,
                deployment=deployment,
                visited_on=day,
                note=visits.Note(
                    hours=Decimal("6"),
                    days=Decimal("1"),
                    activities=f"Visit {number}: worked with leaders on the action plan; visited lessons.",
                    findings="Leaders know what to change; the first changes are visible in some classes.",
                    next_steps="Leaders check the change in every class before the next visit.",
                ),
            )
        visits.visit_plan(
            actor=leader, deployment=deployment, visited_on=school_day_on_or_after(today + dt.timedelta(days=8))
        )
        if spec["review"]:
            _review(deployment, people=people, held_on=shared[-1])
        deployments.append(deployment)
    return deployments
