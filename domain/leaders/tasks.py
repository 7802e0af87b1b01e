"""Background work for the register, run by Django's tasks framework (the database worker in
development and production; at once in the tests)."""

from django.tasks import task

from .association_services import associations_expire_due
from .directory import directory_rebuild


@task
def expire_association_offers() -> int:
    """Expires invitations and requests nobody answered in time; returns how many. Run it daily."""
    return associations_expire_due()


@task
def rebuild_directory() -> int:
    """Rebuilds every directory entry from designations, associations and pen portraits."""
    return directory_rebuild()
