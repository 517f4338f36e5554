"""A hung or failing Redis: the site skips it after one timeout, and a publish is never lost.

Each test runs its own redis-server behind the production cache settings, with a short socket
timeout, and stops it (SIGSTOP: connections are accepted, nothing answers) or makes it refuse writes.
"""

import logging
import time

import pytest
from django.core.cache import cache

from core.cache import GENERATION_KEY, HEADER, generation

URL = "/lv/regioni/zemgale/jekabpils-novads/"
SOCKET_TIMEOUT = 0.5
BREAKER_SECONDS = 1


@pytest.fixture
def redis_cache(settings, own_redis):
    """The shared cache as in production (cms/settings/production.py), on the test's own Redis."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": own_redis.url,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": SOCKET_TIMEOUT,
                "SOCKET_TIMEOUT": SOCKET_TIMEOUT,
                "IGNORE_EXCEPTIONS": True,
                "REDIS_CLIENT_CLASS": "core.cache_backend.CircuitBreakerRedis",
            },
        }
    }
    settings.CACHE_CIRCUIT_BREAKER_SECONDS = BREAKER_SECONDS
    return own_redis


def breaker_messages(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "core.cache_backend"]


def commands_received(server, command):
    return server.client.info("commandstats").get(f"cmdstat_{command}", {}).get("calls", 0)


def test_a_hung_redis_costs_one_timeout_per_interval_and_one_warning(redis_cache, caplog):
    caplog.set_level(logging.INFO, logger="core.cache_backend")
    cache.set("menu", "kept")
    redis_cache.hang()
    started = time.monotonic()
    assert [cache.get("menu", "missing") for _ in range(20)] == ["missing"] * 20
    # One socket timeout (0.5 s), not twenty (10 s).
    assert time.monotonic() - started < 3 * SOCKET_TIMEOUT
    assert breaker_messages(caplog) == [f"Cache unavailable, skipping it for {BREAKER_SECONDS} s"]

    redis_cache.resume()
    # Only the first of the twenty reads reached Redis (it answers it now, to a closed socket).
    assert commands_received(redis_cache, "get") == 1
    assert cache.get("menu", "missing") == "missing"  # still skipped within the interval
    time.sleep(BREAKER_SECONDS)
    assert cache.get("menu") == "kept"
    assert breaker_messages(caplog)[1:] == ["Cache available again"]


def test_a_redis_that_still_hangs_after_the_interval_costs_one_more_timeout(redis_cache, caplog):
    redis_cache.hang()
    cache.get("menu")
    time.sleep(BREAKER_SECONDS)
    started = time.monotonic()
    for _ in range(10):
        cache.get("menu")
    assert time.monotonic() - started < 2 * SOCKET_TIMEOUT
    assert len(breaker_messages(caplog)) == 2


@pytest.fixture
def page_cache(settings, redis_cache, region_tree):
    settings.PAGE_CACHE_SECONDS = 300
    return redis_cache


def read(client):
    response = client.get(URL)
    assert response.status_code == 200
    return response


def test_a_publish_redis_refused_to_store_is_written_at_the_next_request_and_no_stale_page_is_served(
    client, page_cache, region_tree, caplog
):
    read(client)
    assert read(client)[HEADER] == "hit"
    before = generation()
    # Redis keeps answering reads but refuses every write, as it does without its replicas.
    page_cache.client.config_set("min-replicas-to-write", 1)

    page = region_tree["municipality"]
    page.title = "Jēkabpils novads (jauns nosaukums)"
    page.save_revision().publish()
    assert "Page cache could not be emptied: not using it until it is" in caplog.messages
    response = read(client)
    assert HEADER not in response
    assert "jauns nosaukums" in response.content.decode()

    page_cache.client.config_set("min-replicas-to-write", 0)
    response = read(client)
    assert generation() != before
    assert response[HEADER] == "miss"
    assert "jauns nosaukums" in response.content.decode()
    assert read(client)[HEADER] == "hit"
    assert page_cache.client.exists(f":1:{GENERATION_KEY}")
