"""Writing audit events. Call `audit_record` inside the service's own transaction."""

from django.db import transaction
from django.utils import timezone

from .models import AuditEvent


def subject_type_of(obj) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def audit_record(
    *,
    actor,
    action: str,
    subject,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    data: dict | None = None,
    organisation=None,
) -> AuditEvent:
    """Record one change of state of `subject`. Refuses to run outside a transaction, so the
    event and the change it describes are written together or not at all."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record must run inside the service's transaction.atomic block")
    return AuditEvent.objects.create(
        occurred_at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        subject_type=subject_type_of(subject),
        subject_id=str(subject.pk),
        subject_label=str(subject)[:255],
        from_state=str(from_state or ""),
        to_state=str(to_state or ""),
        reason=reason,
        data=data or {},
        organisation=organisation,
    )
