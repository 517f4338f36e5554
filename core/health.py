"""Health endpoints for load balancers, orchestrators and monitoring.

`/health/live` says the process answers (no database, so a database outage does not get every
instance restarted). `/health/ready` says this instance can serve: 200 whenever the process is up,
even while the database or the cache is down, because it still serves the pages in the page cache
and the branded 503 page, and pulling every instance would serve nothing at all; its body reports
each dependency (`{"status": "ok", "checks": {"database": "unavailable", "cache": "ok"}}`).
`/health/dependencies` is for monitoring: the same checks, 503 when one fails.

Each check is bounded: the database check must be done within `CHECK_SECONDS` (core.db.deadline,
connecting included), and a hung cache costs at most one socket timeout before its circuit
breaker skips it (core/cache_backend.py). All are outside the language prefixes, never cached,
and show nothing but "ok"/"unavailable": no versions, hosts or error messages.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core import db

logger = logging.getLogger(__name__)
CHECK_SECONDS = 2


@never_cache
@require_safe
def live(request):
    return JsonResponse({"status": "ok"})


def database_ok():
    with db.deadline(CHECK_SECONDS), connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def cache_ok():
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        return cache.get(key) == "ok"
    finally:
        cache.delete(key)


CHECKS = {"database": database_ok, "cache": cache_ok}


def run_check(name, check):
    try:
        return "ok" if check() else "unavailable"
    except Exception:  # any failure means "unavailable"; the details go to the log only
        logger.warning("Health check failed: %s", name, exc_info=True)
        return "unavailable"


def checks():
    return {name: run_check(name, check) for name, check in CHECKS.items()}


@never_cache
@require_safe
def ready(request):
    return JsonResponse({"status": "ok", "checks": checks()})


@never_cache
@require_safe
def dependencies(request):
    results = checks()
    healthy = all(result == "ok" for result in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": results},
        status=200 if healthy else 503,
    )
