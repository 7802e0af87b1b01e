"""What feedback asks of a person now, for their home page: the rounds their side has not yet
answered, as the system leader or for the client school. Two queries at most."""

from django.db.models import Exists, OuterRef

from domain.leaders.todo import ToDo, counted

from .models import FeedbackResponse, FeedbackRound, Party
from .policies import client_school_ids_of

CODE = "feedback"


def _unanswered(party: str):
    return FeedbackRound.objects.exclude(Exists(FeedbackResponse.objects.filter(round=OuterRef("pk"), party=party)))


def to_do_for(user) -> list[ToDo]:
    if not getattr(user, "is_authenticated", False):
        return []
    items = counted(
        CODE,
        _unanswered(Party.LEADER).filter(deployment__leader=user),
        "Give your feedback on a deployment",
        "Give your feedback on {count} deployments",
        "deployment_id",
        "pk",
    )
    # Only while an active contact of the school (policies.is_client_of).
    schools = client_school_ids_of(user)
    if schools:
        items += counted(
            CODE,
            _unanswered(Party.CLIENT).filter(deployment__client_school_id__in=schools),
            "Give your school's feedback on the support it has had",
            "Give your school's feedback on {count} deployments",
            "deployment_id",
            "pk",
        )
    return items
