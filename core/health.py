"""Health endpoints for load balancers and orchestrators.

`/health/live` says the process answers (no database, so a database outage does not get every
instance restarted); `/health/ready` says this instance can serve pages: it runs a query and a
cache round trip. Both are outside the language prefixes, never cached, and show nothing but
"ok"/"unavailable": no versions, hosts or error messages.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def live(request):
    return JsonResponse({"status": "ok"})


def database_ok():
    with connection.cursor() as cursor:
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
    except Exception:  # any failure means "not ready"; the details go to the log only
        logger.warning("Readiness check failed: %s", name, exc_info=True)
        return "unavailable"


@never_cache
@require_safe
def ready(request):
    results = {name: run_check(name, check) for name, check in CHECKS.items()}
    healthy = all(result == "ok" for result in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": results},
        status=200 if healthy else 503,
    )
