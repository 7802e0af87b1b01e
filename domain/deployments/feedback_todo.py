"""What feedback asks of a person now, for their home page: the rounds their side has not yet
answered, as the system leader or for the client school. Two queries at most."""

from django.db.models import Exists, OuterRef

from domain.leaders.todo import ToDo, _plural

from .models import FeedbackResponse, FeedbackRound, Party
from .policies import client_school_ids_of

CODE = "deployments"


def _unanswered(party: str):
    return FeedbackRound.objects.exclude(Exists(FeedbackResponse.objects.filter(round=OuterRef("pk"), party=party)))


def to_do_for(user) -> list[ToDo]:
    if not getattr(user, "is_authenticated", False):
        return []
    items = []
    as_leader = _unanswered(Party.LEADER).filter(deployment__leader=user).count()
    if as_leader:
        items.append(
            ToDo(
                CODE,
                _plural(
                    as_leader,
                    "Give your feedback on a deployment",
                    "Give your feedback on {count} deployments",
                ),
            )
        )
    # Only while an active contact of the school (policies.is_client_of).
    schools = client_school_ids_of(user)
    as_client = _unanswered(Party.CLIENT).filter(deployment__client_school_id__in=schools).count() if schools else 0
    if as_client:
        items.append(
            ToDo(
                CODE,
                _plural(
                    as_client,
                    "Give your school's feedback on the support it has had",
                    "Give your school's feedback on {count} deployments",
                ),
            )
        )
    return items
