"""gunicorn settings for production: `gunicorn cms.wsgi` reads this file from the project root.

Everything deployment-specific comes from the environment (see the README): the number of
workers, the address, timeouts. Requests are logged by the application (JSON, with the request
id) and by the proxy in front; gunicorn's own access log is off unless GUNICORN_ACCESS_LOG is
set, and then it is JSON without client addresses or query strings.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Threads, so that a few requests waiting on a hung database (up to DB_CLIENT_TIMEOUT_S) do not
# stop the worker: the other threads still answer cached pages and /health/live. Each thread
# keeps its own database connection (workers × threads connections per instance).
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A worker silent this long is stuck: it is killed and replaced. With threads, its main loop
# speaks for it, so a slow request alone does not count (the database deadline bounds those).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then, so a slow leak never grows without bound; the jitter keeps
# them from restarting all at once (a wide jitter: with two workers, restarts close together stall requests).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "5000"))
# Load the application once in the master: workers fork with it ready and share its memory.
preload_app = True
# Trust X-Forwarded-* only from the proxy in front (comma-separated addresses).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 - heartbeat files

accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "request_id": "%({x-request-id}o)s", '
    '"method": "%(m)s", "path": "%(U)s", "status": "%(s)s", "bytes": "%(B)s", '
    '"duration_ms": "%(M)s"}'
)
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "warning").lower()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "core.logs.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "access": {"format": "%(message)s"},
    },
    "handlers": {
        "error": {"class": "logging.StreamHandler", "formatter": "json"},
        "access": {"class": "logging.StreamHandler", "formatter": "access"},
    },
    "root": {"handlers": ["error"], "level": "WARNING"},  # Django configures it again
    "loggers": {
        "gunicorn.error": {"handlers": ["error"], "level": loglevel.upper(), "propagate": False},
        # With a logging configuration gunicorn always writes access records: drop them here
        # unless GUNICORN_ACCESS_LOG asked for them.
        "gunicorn.access": {
            "handlers": ["access"],
            "level": "INFO" if accesslog else "WARNING",
            "propagate": False,
        },
    },
}
