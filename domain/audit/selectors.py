"""Reading the audit trail."""

from django.apps import apps
from django.core.exceptions import ValidationError

from .models import AuditEvent
from .policies import TIMELINE_SUBJECTS, can_read_timeline_of
from .services import subject_type_of


def timeline_for(subject, *, limit: int = 200):
    """The object's timeline, newest first, with the actor fetched in the same query."""
    return list(
        AuditEvent.objects.filter(subject_type=subject_type_of(subject), subject_id=str(subject.pk))
        .select_related("actor")
        .order_by("-occurred_at", "-id")[:limit]
    )


def timeline_subject_for(user, subject_type: str, subject_id: str):
    """The object named by `subject_type` ("organisations.organisation") and `subject_id`, if it
    exists and the person may read its timeline; otherwise None (the page answers 404, so another
    organisation's record looks the same as one that does not exist)."""
    scope = TIMELINE_SUBJECTS.get(subject_type)
    if scope is None:
        return None
    try:
        model = apps.get_model(subject_type)
        pk = model._meta.pk.to_python(subject_id)
    except (LookupError, ValueError, ValidationError):
        return None
    query = model._default_manager.filter(pk=pk)
    if scope.select_related:
        query = query.select_related(*scope.select_related)
    if scope.prefetch_related:
        query = query.prefetch_related(*scope.prefetch_related)
    subject = query.first()
    return subject if can_read_timeline_of(user, subject) else None
