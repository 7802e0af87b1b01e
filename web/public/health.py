"""The health check for the load balancer and the platform: GET /healthz.

It answers 200 {"status": "ok"} when the database answers a trivial query, and 503 when it does
not, so that a web process that cannot reach its database is taken out of service. It is cheap on
purpose: one `SELECT 1`, no session, no template, nothing cached. docs/deployment.md says how to
point a load balancer at it."""

import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from web.common.policy import public

logger = logging.getLogger(__name__)


def database_answers() -> bool:
    """True when the default database answers `SELECT 1` (infrastructure, not a domain read)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database did not answer")
        return False
    return True


@public
@never_cache
@require_safe
def health(request):
    if not database_answers():
        return JsonResponse({"status": "unavailable", "database": "not answering"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
