"""Background work for designations, run by Django's tasks framework (the database worker in
development and production; at once in the tests)."""

from django.tasks import task

from .review_services import reviews_open_due
from .services import designations_lapse_due


@task
def lapse_due_designations() -> int:
    """Lapses every designation whose term has ended; returns how many. Idempotent: run it daily."""
    return designations_lapse_due()


@task
def open_due_reviews() -> int:
    """Opens the review of every designation whose term ends within six months (seed 004 §22) and
    asks its leader for a self-assessment; returns how many. Idempotent: run it daily."""
    return reviews_open_due()
