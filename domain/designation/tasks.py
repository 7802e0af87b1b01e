"""Background work for designations, run by Django's tasks framework (the database worker in
development and production; at once in the tests)."""

from django.tasks import task

from .services import designations_lapse_due


@task
def lapse_due_designations() -> int:
    """Lapses every designation whose term has ended; returns how many. Idempotent: run it daily."""
    return designations_lapse_due()
