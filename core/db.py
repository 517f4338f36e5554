"""PostgreSQL that cannot hang the site: timeouts on the server and a deadline on the client.

Each new connection gets `statement_timeout` and `lock_timeout` (DB_STATEMENT_TIMEOUT_MS,
DB_LOCK_TIMEOUT_MS) and the planner's `random_page_cost` with SET, not as libpq startup
`options`, which PgBouncer refuses. A server that hangs while its kernel still accepts and
acknowledges (a stopped process, a stalled disk) enforces neither, so the client also gives every
wait for the server, connecting included, a deadline (DB_CLIENT_TIMEOUT_S): psycopg2 waits
through `wait`, which raises OperationalError when it passes. psycopg2 then closes the
connection, the request gets the site's 503 page, and Django opens a new connection later.
"""

import contextlib
import contextvars
import select
import time

import psycopg2
from django.conf import settings
from psycopg2.extensions import POLL_OK, POLL_READ

# Random reads cost little more than sequential ones with the data in memory or on SSD; at
# PostgreSQL's default (4) the planner scans every page to join a search's few index entries
# instead of using search/migrations/0003's index.
RANDOM_PAGE_COST = 1.1

# A shorter deadline for the code inside `deadline()`, as a monotonic time; per thread.
block_deadline = contextvars.ContextVar("block_deadline", default=None)


def configure_session(connection):
    """SET the timeouts on a new connection (the raw cursor: tests that count queries skip it)."""
    with connection.connection.cursor() as cursor:
        cursor.execute(
            "SET statement_timeout = %s; SET lock_timeout = %s; SET random_page_cost = %s",
            [settings.DB_STATEMENT_TIMEOUT_MS, settings.DB_LOCK_TIMEOUT_MS, RANDOM_PAGE_COST],
        )


def use_client_deadline():
    """Make psycopg2 wait through `wait` (its "green" mode) in this process."""
    psycopg2.extensions.set_wait_callback(wait)


@contextlib.contextmanager
def deadline(seconds):
    """Everything the database does inside must be done `seconds` from now (health checks)."""
    token = block_deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        block_deadline.reset(token)


def wait(conn):
    """psycopg2's wait callback: `psycopg2.extras.wait_select` with a deadline.

    poll(), not select(): select() fails on descriptors above 1023, which a threaded worker
    with many open files can reach.
    """
    ends = [block_deadline.get()]
    if settings.DB_CLIENT_TIMEOUT_S:
        ends.append(time.monotonic() + settings.DB_CLIENT_TIMEOUT_S)
    end = min((t for t in ends if t is not None), default=None)
    while (state := conn.poll()) != POLL_OK:
        poller = select.poll()
        poller.register(conn.fileno(), select.POLLIN if state == POLL_READ else select.POLLOUT)
        if end is None:
            poller.poll()
            continue
        remaining = end - time.monotonic()
        if remaining <= 0 or not poller.poll(remaining * 1000):
            raise psycopg2.OperationalError("The database server did not answer in time")
