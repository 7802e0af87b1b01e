"""Reading the audit trail."""

from .models import AuditEvent
from .services import subject_type_of


def timeline_for(subject, *, limit: int = 200):
    """The object's timeline, newest first, with the actor fetched in the same query."""
    return list(
        AuditEvent.objects.filter(subject_type=subject_type_of(subject), subject_id=str(subject.pk))
        .select_related("actor")
        .order_by("-occurred_at", "-id")[:limit]
    )
