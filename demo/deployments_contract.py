"""The demo deployment's contract (demo.deployments builds the deployment first): the alliance
completes the first draft (pupil premium planning at a primary school, 4 days at £450 a day, £350
of it to the leader's school, paid by the client school), sends it, and every party reads and
agrees it, so that the deployment is under way. Synthetic people only."""

from decimal import Decimal

from domain.accounts.roles import Role
from domain.deployments import contract_services as contract
from domain.deployments.models import ContractVersion, Party, Payer

ACTION_PLAN = (
    "Support the new headteacher to plan the use of the pupil premium on evidence, after an inspection "
    "that found disadvantaged pupils' progress in reading and mathematics weak.\n\n"
    "Review the current pupil premium strategy with the headteacher and the governor who leads on it; "
    "coach the headteacher to set out the barriers to learning of disadvantaged pupils; agree a small "
    "number of approaches with good evidence behind them; and set up termly checks of their impact."
)
SCHEDULE = (
    "Day 1: review of the strategy, data and provision with the headteacher.\n"
    "Day 2: coaching on the new strategy and a meeting with the governing body's lead.\n"
    "Day 3: learning walks and pupil voice with disadvantaged pupils; feedback to leaders.\n"
    "Day 4: mid-point check of the measures and the final review."
)
MEASURES = [
    {
        "objective": "The pupil premium strategy is planned on evidence and published on time",
        "measure": "A published strategy that names the barriers and the evidence for each approach",
        "baseline": "The strategy for 2025 to 2026 names no barriers and cites no evidence",
        "target": "A strategy the governing body approves, meeting the Department's template",
        "method": "Review of the published strategy by the leader and the local authority adviser",
        "when_measured": "At the mid-deployment review",
    },
    {
        "objective": "Disadvantaged pupils read better",
        "measure": "Disadvantaged pupils in Year 6 working at the expected standard in reading",
        "baseline": "48% in the summer term of 2026",
        "target": "60% in the summer term of 2027",
        "method": "The school's termly reading assessment, moderated with a partner school",
        "when_measured": "Each term, and at the final review",
    },
    {
        "objective": "Disadvantaged pupils attend school more",
        "measure": "Attendance of disadvantaged pupils",
        "baseline": "91.2% in the autumn term of 2026",
        "target": "94% or more in the spring term of 2027",
        "method": "The school's attendance records",
        "when_measured": "At the mid-deployment review and the final review",
    },
]


def complete_draft(*, deployment, coordinator, measures=MEASURES) -> ContractVersion:
    """The alliance completes the deployment's first draft: the demo's terms and `measures`."""
    draft = ContractVersion.objects.get(deployment=deployment, number=1)
    contract.contract_update_terms(
        actor=coordinator,
        contract=draft,
        values={
            "action_plan": ACTION_PLAN,
            "schedule": SCHEDULE,
            "days": deployment.days,
            "starts_on": deployment.starts_on,
            "ends_on": deployment.ends_on,
            "payer": Payer.CLIENT,
            "payer_name": deployment.client_school.display_name,
            "day_rate": Decimal("450.00"),
            "leader_school_rate": Decimal("350.00"),
        },
    )
    for values in measures:
        contract.measure_add(actor=coordinator, contract=draft, values=values)
    return ContractVersion.objects.get(pk=draft.pk)


def build(*, deployment, users) -> None:
    """Adds the demo's contract to the deployment through the services, agreed by every party."""
    coordinator = users[Role.TSA_COORDINATOR]
    draft = complete_draft(deployment=deployment, coordinator=coordinator)
    sent = contract.contract_propose(actor=coordinator, contract=draft)
    speakers = {
        Party.CLIENT: users[Role.SCHOOL_CONTACT],
        Party.LEADER: users[Role.SYSTEM_LEADER],
        Party.ALLIANCE: coordinator,
        Party.COMMISSIONER: users[Role.COMMISSIONER],
    }
    for party in sent.parties:
        person = speakers[party]
        version = ContractVersion.objects.get(pk=sent.pk)
        contract.contract_seen(actor=person, contract=version)
        contract.contract_agree(actor=person, contract=version, party=party, digest=version.digest)
