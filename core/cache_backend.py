"""A Redis client that skips a hung or unreachable Redis for a while instead of waiting on it.

django-redis waits up to its socket timeout on every call while Redis hangs, and a page makes
about twenty calls. The first call that fails on the connection (refused, reset, timed out) opens
the breaker: for `CACHE_CIRCUIT_BREAKER_SECONDS` every call of this process fails at once, which
django-redis (IGNORE_EXCEPTIONS) answers as a miss: reads find nothing, writes store nothing.
After that one call tries Redis again while the others keep skipping it; it closes the breaker
or opens it for another interval. So a hung Redis costs each process one timeout per interval,
and the log gets one warning per interval and one line when Redis is back, not a traceback per call.

Used through django-redis's `REDIS_CLIENT_CLASS` option (cms/settings/production.py). The
breaker belongs to the connection pool, which every thread of the process shares.
"""

import logging
import threading
import time
import weakref

from django.conf import settings
from redis import Redis, exceptions
from redis.client import Pipeline

logger = logging.getLogger(__name__)


class CircuitBreaker:
    def __init__(self):
        self.lock = threading.Lock()
        self.open_until = None  # None: closed; else the monotonic time of the next attempt

    def call(self, function, *args, **kwargs):
        seconds = settings.CACHE_CIRCUIT_BREAKER_SECONDS
        with self.lock:
            now = time.monotonic()
            trial = self.open_until is not None
            if trial and now < self.open_until:
                raise exceptions.ConnectionError(
                    "Cache skipped: it failed less than a breaker interval ago"
                )
            if trial:
                # This call tries Redis; the others keep skipping it until the trial is over.
                self.open_until = now + seconds
        try:
            result = function(*args, **kwargs)
        except (exceptions.ConnectionError, exceptions.TimeoutError):
            with self.lock:
                if trial or self.open_until is None:
                    logger.warning("Cache unavailable, skipping it for %g s", seconds)
                self.open_until = time.monotonic() + seconds
            raise
        except exceptions.RedisError:
            # Not a connection problem (e.g. out of memory): django-redis ignores it silently.
            logger.warning("Cache command failed", exc_info=True)
            raise
        if trial:
            with self.lock:
                self.open_until = None
            logger.info("Cache available again")
        return result


breakers = weakref.WeakKeyDictionary()
breakers_lock = threading.Lock()


def breaker(pool):
    with breakers_lock:
        if pool not in breakers:
            breakers[pool] = CircuitBreaker()
        return breakers[pool]


class CircuitBreakerRedis(Redis):
    """redis-py's client, every command and pipeline behind the pool's circuit breaker."""

    def execute_command(self, *args, **options):
        return breaker(self.connection_pool).call(super().execute_command, *args, **options)

    def pipeline(self, transaction=True, shard_hint=None):
        return CircuitBreakerPipeline(
            self.connection_pool, self.response_callbacks, transaction, shard_hint
        )


class CircuitBreakerPipeline(Pipeline):
    def execute(self, raise_on_error=True):
        return breaker(self.connection_pool).call(super().execute, raise_on_error)
