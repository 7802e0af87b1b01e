"""Background work for the audit app, run by Django's tasks framework (`manage.py db_worker`)."""

from django.tasks import task

from .retention import retention_apply


@task
def apply_retention() -> dict[str, int]:
    """Deletes every record past its retention period (domain/audit/retention.py); returns how many
    of each kind."""
    return retention_apply()
