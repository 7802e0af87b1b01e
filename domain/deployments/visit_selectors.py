"""Time logged on a deployment: the days evidenced by shared notes of visit against the days the
leader may log (the agreed days and approved variations). The visits part builds on these."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from .models import Deployment, Visit
from .workflows import VisitStatus

# Issue 6: "time logged against the agreed days, a warning at 80%".
WARNING_SHARE = Decimal("0.8")


def evidenced_days(deployment: Deployment) -> Decimal:
    """Days logged in notes of visit shared with the client: what an invoice may charge."""
    total = Visit.objects.filter(deployment=deployment, status=VisitStatus.SHARED).aggregate(days=Sum("days"))["days"]
    return total or Decimal("0")


@dataclass(frozen=True)
class TimeUsed:
    logged: Decimal
    allowed: Decimal

    @property
    def remaining(self) -> Decimal:
        return max(self.allowed - self.logged, Decimal("0"))

    @property
    def share(self) -> Decimal:
        return self.logged / self.allowed if self.allowed else Decimal("0")

    @property
    def warning(self) -> bool:
        """80% or more of the days are logged: time to plan the rest or ask for a variation."""
        return self.share >= WARNING_SHARE


def time_used(deployment: Deployment) -> TimeUsed:
    return TimeUsed(logged=evidenced_days(deployment), allowed=deployment.allowed_days)


# The visits part's reads ------------------------------------------------------------------------


def visits_of(deployment: Deployment):
    """The deployment's visits, by date (newest last)."""
    return Visit.objects.filter(deployment=deployment).order_by("visited_on", "id")


def shared_visits(deployment: Deployment):
    return visits_of(deployment).filter(status=VisitStatus.SHARED)


def may_read_note(user, visit: Visit, parties: set[str]) -> bool:
    """The leader and the brokering alliance always; the client and the commissioner once shared.
    `parties` is policies.parties_of(user, visit.deployment)."""
    from .models import Party

    if parties & {Party.LEADER, Party.ALLIANCE}:
        return True
    return visit.status == VisitStatus.SHARED and bool(parties & {Party.CLIENT, Party.COMMISSIONER})


def variations_of(deployment: Deployment):
    from .models import Variation

    return Variation.objects.filter(deployment=deployment).select_related("requested_by", "decided_by")
