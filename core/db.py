"""PostgreSQL that cannot hang the site: timeouts on the server and a deadline on the client.

Each new connection gets `statement_timeout` and `lock_timeout` (DB_STATEMENT_TIMEOUT_MS,
DB_LOCK_TIMEOUT_MS) and the planner's `random_page_cost` with SET, not as libpq startup
`options`, which PgBouncer refuses; a pooled connection gets them once, when it is opened. A
server that hangs while its kernel still accepts and acknowledges (a stopped process, a stalled
disk) enforces neither, so the client also gives every wait for the server a deadline
(DB_CLIENT_TIMEOUT_S): psycopg waits through the connection's `wait`, which each connection
gets from `configure_session` with the deadline as its timeout. When it passes, the connection
is closed and the error raised: the request gets the site's 503 page, Django (or the pool)
replaces the connection later. Connecting has its own deadline, libpq's `connect_timeout`,
which psycopg enforces itself (settings).
"""

import contextlib
import contextvars
import time
import types

import psycopg
from django.conf import settings

# Random reads cost little more than sequential ones with the data in memory or on SSD; at
# PostgreSQL's default (4) the planner scans every page to join a search's few index entries
# instead of using search/migrations/0003's index.
RANDOM_PAGE_COST = 1.1

# A shorter deadline for the code inside `deadline()`, as a monotonic time; per thread.
block_deadline = contextvars.ContextVar("block_deadline", default=None)


def configure_session(connection):
    """Give a new connection the client deadline and SET the server timeouts, once per
    connection to the server (the raw cursor: tests that count queries skip it)."""
    raw = connection.connection
    if getattr(raw, "portal_configured", False):
        return
    raw.wait = types.MethodType(wait, raw)
    with raw.cursor() as cursor:
        cursor.execute(
            "SET statement_timeout = %s; SET lock_timeout = %s; SET random_page_cost = %s",
            [settings.DB_STATEMENT_TIMEOUT_MS, settings.DB_LOCK_TIMEOUT_MS, RANDOM_PAGE_COST],
        )
    raw.portal_configured = True


@contextlib.contextmanager
def deadline(seconds):
    """Everything the database does inside must be done `seconds` from now (health checks)."""
    token = block_deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        block_deadline.reset(token)


def deadline_end():
    """When the current wait for the server must be over (a monotonic time), or None."""
    ends = [block_deadline.get()]
    if settings.DB_CLIENT_TIMEOUT_S:
        ends.append(time.monotonic() + settings.DB_CLIENT_TIMEOUT_S)
    return min((end for end in ends if end is not None), default=None)


def wait(self, gen, interval=0.1, timeout=None):
    """psycopg's `Connection.wait`, with the deadline as its timeout.

    A caller's own shorter timeout (psycopg's `notifies`) stays the caller's to handle. When the
    deadline passes, the connection is closed: a query may still be running on it.
    """
    end = deadline_end()
    if end is None or (timeout is not None and time.monotonic() + timeout <= end):
        return psycopg.Connection.wait(self, gen, interval=interval, timeout=timeout)
    try:
        return psycopg.Connection.wait(
            self, gen, interval=interval, timeout=max(end - time.monotonic(), 0.001)
        )
    except psycopg.OperationalError as error:
        if time.monotonic() < end:
            raise
        self.pgconn.finish()
        raise psycopg.OperationalError("The database server did not answer in time") from error
