"""The workflows of commissioning (seed 000 "Commissioning"; seed 002; DESIGN.md capabilities 6 and
7): a request for support from the front door to an agreed deployment, and the offer made to the
leader the panel chose."""

from django.db import models

from domain.workflows.table import Transition, Workflow


class RequestStatus(models.TextChoices):
    AWAITING_CONFIRMATION = "awaiting_confirmation", "Waiting for the school to confirm"
    SUBMITTED = "submitted", "Received"
    TRIAGED = "triaged", "Accepted for matching"
    ON_AGENDA = "on_agenda", "On a panel's agenda"
    MATCHED = "matched", "Leader chosen"
    AGREED = "agreed", "Agreed"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Requests still in the alliance's hands (chasers run on these).
OPEN_REQUEST_STATES = frozenset(
    {
        RequestStatus.AWAITING_CONFIRMATION,
        RequestStatus.SUBMITTED,
        RequestStatus.TRIAGED,
        RequestStatus.ON_AGENDA,
        RequestStatus.MATCHED,
    }
)

R = RequestStatus

REQUEST = Workflow(
    name="commissioning.request",
    states=RequestStatus,
    initial=R.SUBMITTED,
    description=(
        'A request for school-to-school support. Seed 000: "Requests for deployment should be '
        'channelled through a single mechanism": a school asks (signed in, or through the public form, '
        "which a contact at the school confirms first: `awaiting_confirmation`), or someone refers the "
        "school (seed 002's list: local authority, diocese, Ofsted HMI, DfE, other system leaders, "
        "governing bodies, trusts, a local cluster, an alliance). The brokering alliance triages it: "
        "accepts it for matching, passes it to another alliance (it stays `submitted` there), or declines "
        'it with a reason. A panel meeting puts it on its agenda and chooses a leader (seed 002: "A panel '
        'will meet regularly to consider referrals and identify the most appropriate LLE"). When the '
        "leader and the client accept the offer it is `agreed` and a deployment starts. If the leader or "
        "the client declines, it goes back to `triaged` for another choice. The client or referrer can "
        "withdraw it until it is agreed."
    ),
    transitions=(
        Transition("confirm", (R.AWAITING_CONFIRMATION,), R.SUBMITTED, "Confirm the request"),
        Transition("triage", (R.SUBMITTED,), R.TRIAGED, "Accept for matching"),
        Transition("pass_on", (R.SUBMITTED, R.TRIAGED), R.SUBMITTED, "Pass to another alliance", reason_required=True),
        Transition(
            "decline",
            (R.AWAITING_CONFIRMATION, R.SUBMITTED, R.TRIAGED),
            R.DECLINED,
            "Decline the request",
            reason_required=True,
        ),
        Transition("schedule", (R.TRIAGED,), R.ON_AGENDA, "Put on a panel's agenda"),
        Transition("unschedule", (R.ON_AGENDA,), R.TRIAGED, "Take off the agenda"),
        Transition("match", (R.ON_AGENDA,), R.MATCHED, "Choose a leader"),
        Transition("rematch", (R.MATCHED,), R.TRIAGED, "Choose again", reason_required=True),
        Transition("agree", (R.MATCHED,), R.AGREED, "Agree the deployment"),
        Transition(
            "withdraw",
            (R.AWAITING_CONFIRMATION, R.SUBMITTED, R.TRIAGED, R.ON_AGENDA, R.MATCHED),
            R.WITHDRAWN,
            "Withdraw the request",
        ),
    ),
)


class OfferStatus(models.TextChoices):
    WITH_LEADER = "with_leader", "Waiting for the leader"
    WITH_LEADERS_ALLIANCE = "with_leaders_alliance", "Waiting for the leader's alliance"
    WITH_CLIENT = "with_client", "Waiting for the client"
    ACCEPTED = "accepted", "Accepted by everyone"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


O = OfferStatus  # noqa: E741 (the offer's states, as R and M name the others)

OFFER = Workflow(
    name="commissioning.offer",
    states=OfferStatus,
    initial=O.WITH_LEADER,
    description=(
        "The offer of a request to the leader the panel chose. The leader accepts or declines; a leader "
        "associated with another alliance needs that alliance's agreement too, since it brokers their "
        "deployments exclusively (seed 000); then the client accepts or declines. When everyone has "
        "accepted, the deployment is created and the leader's days are committed. A declined offer sends "
        "the request back to the panel."
    ),
    transitions=(
        Transition("leader_accepts", (O.WITH_LEADER,), O.WITH_CLIENT, "Accept (the leader)"),
        Transition("leader_accepts_needing_alliance", (O.WITH_LEADER,), O.WITH_LEADERS_ALLIANCE, "Accept (the leader)"),
        Transition("alliance_agrees", (O.WITH_LEADERS_ALLIANCE,), O.WITH_CLIENT, "Agree (the leader's alliance)"),
        Transition("client_accepts", (O.WITH_CLIENT,), O.ACCEPTED, "Accept (the client)"),
        Transition(
            "decline",
            (O.WITH_LEADER, O.WITH_LEADERS_ALLIANCE, O.WITH_CLIENT),
            O.DECLINED,
            "Decline",
            reason_required=True,
        ),
        Transition("withdraw", (O.WITH_LEADER, O.WITH_LEADERS_ALLIANCE, O.WITH_CLIENT), O.WITHDRAWN, "Withdraw"),
    ),
)


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


M = MeetingStatus

MEETING = Workflow(
    name="commissioning.meeting",
    states=MeetingStatus,
    initial=M.PLANNED,
    description=(
        'A panel meeting of an alliance, hub or grouping (seed 002: "A panel will meet regularly to '
        'consider referrals"). Its agenda holds the requests to consider; it is `held` once its decisions '
        "are recorded, when its minutes can be downloaded."
    ),
    transitions=(
        Transition("hold", (M.PLANNED,), M.HELD, "Record the meeting as held"),
        Transition("cancel", (M.PLANNED,), M.CANCELLED, "Cancel the meeting", reason_required=True),
    ),
)
