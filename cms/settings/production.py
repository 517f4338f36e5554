"""Production: everything secret or host-specific comes from the environment.

The site refuses to start without SECRET_KEY, and without REDIS_URL unless ALLOW_LOCAL_CACHE is
set: several instances must share one cache and one session store, and a per-process cache
would serve stale pages after an edit made through another instance.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from core.monitoring import admins_from, init_sentry

from .base import *  # noqa: F403
from .base import (
    CONTENT_SECURITY_POLICY,
    DATABASES,
    DB_CLIENT_TIMEOUT_S,
    LOGGING,
    REMIGRATION_NATIONAL_MAILBOX,
    env_flag,
)

if not os.environ.get("SECRET_KEY"):
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
SECRET_KEY = os.environ["SECRET_KEY"]

# Cache and sessions: Redis, shared by every instance. Sessions are written through to the
# database as well ("cached_db"), so a Redis restart logs nobody out. While Redis is down the
# cache answers "not found" instead of failing requests: pages are rendered from the database,
# /health/ready reports the cache, and the inquiry form's rate limit lets posts through. A
# circuit breaker (core/cache_backend.py) skips a hung Redis after one timeout and logs it once
# per CACHE_CIRCUIT_BREAKER_SECONDS, instead of a timeout and a traceback per cache call.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "remigration"),
            "OPTIONS": {
                # Fail fast rather than hang a worker when Redis is down.
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
                "IGNORE_EXCEPTIONS": True,
                "REDIS_CLIENT_CLASS": "core.cache_backend.CircuitBreakerRedis",
            },
        }
    }
elif env_flag("ALLOW_LOCAL_CACHE", "false"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    raise ImproperlyConfigured(
        "REDIS_URL must be set in production (or ALLOW_LOCAL_CACHE=true for a single instance)."
    )
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable server fails the request within seconds instead of hanging the worker, and
    # TCP keepalives notice a server host that vanished under an idle persistent connection.
    # These are libpq client parameters, which PgBouncer accepts (unlike server `options`); the
    # server-side timeouts are SET on each new connection (core/db.py). DATABASE_URL's query
    # string (`?connect_timeout=10`) overrides them.
    DATABASES["default"]["OPTIONS"] = {
        "connect_timeout": 5,
        "keepalives": 1,
        "keepalives_idle": 30,
        "keepalives_interval": 10,
        "keepalives_count": 3,
        **DATABASES["default"].get("OPTIONS", {}),
    }
    # Each worker process keeps a pool of connections (psycopg_pool through Django) for its
    # threads, opened as they are needed; a thread waits up to DB_CLIENT_TIMEOUT_S for one.
    # DB_POOL_MAX_SIZE=0 turns the pool off (behind PgBouncer in transaction pooling, say):
    # then DB_CONN_MAX_AGE keeps each thread's connection open.
    DB_POOL_MAX_SIZE = int(
        os.environ.get("DB_POOL_MAX_SIZE", os.environ.get("GUNICORN_THREADS", "4"))
    )
    if DB_POOL_MAX_SIZE:
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": 1,
            "max_size": DB_POOL_MAX_SIZE,
            "timeout": DB_CLIENT_TIMEOUT_S or 30,
        }

# Static files: hashed names and compressed copies made by collectstatic, served by whitenoise
# with far-future caching. Media: the local disk (served by the web server in front, at
# MEDIA_URL) unless an S3-compatible bucket is configured.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # Credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) are read by boto3 itself.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("AWS_LOCATION", "media"),
            # Uploads are private: documents are streamed by Wagtail's serve view, which checks
            # their collection's privacy, so they need no public URL. Image URLs end up in cached
            # pages, so they must not expire: the bucket's policy makes only images/ and
            # original_images/ public (README, Deployment). AWS_DEFAULT_ACL="" sends no ACL, for
            # a bucket with ACLs disabled, whose objects are private unless its policy says so.
            "default_acl": os.environ.get("AWS_DEFAULT_ACL", "private") or None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    if os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
        MEDIA_ORIGIN = f"https://{os.environ['AWS_S3_CUSTOM_DOMAIN']}"
    else:
        endpoint = urlsplit(os.environ.get("AWS_S3_ENDPOINT_URL") or "https://s3.amazonaws.com")
        MEDIA_ORIGIN = f"{endpoint.scheme}://{endpoint.netloc}"
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] = [
        *CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
        MEDIA_ORIGIN,
    ]

# Outgoing e-mail (inquiry notifications and receipts) through the provider's SMTP server. A
# short timeout: mail is sent after the inquiry is stored, and a hung server must not hold the
# visitor's answer for long.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", "true")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", REMIGRATION_NATIONAL_MAILBOX)

# HTTPS only, behind a proxy that sets X-Forwarded-Proto. Health checks come over plain HTTP
# from inside the network and must not be redirected.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", "true")
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True
# X-Frame-Options stays SAMEORIGIN rather than DENY: Wagtail's preview shows the page in a frame
# of the admin (CSP frame-ancestors 'self' says the same to current browsers).
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# One JSON object a line for the log collector, unless LOG_FORMAT says otherwise.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOGGING["handlers"]["console"]["formatter"] = "json" if LOG_FORMAT == "json" else "text"

# Errors reach the operators: by e-mail to ADMINS ("Name <address>, address") when set — the
# inquiry form's POST is hidden from those reports — and in Sentry when SENTRY_DSN is set
# (SENTRY_ENVIRONMENT, SENTRY_RELEASE, SENTRY_TRACES_SAMPLE_RATE), without personal data
# (core/monitoring.py).
ADMINS = admins_from(os.environ.get("ADMINS", ""))
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
if ADMINS:
    LOGGING["handlers"]["mail_admins"] = {
        "class": "django.utils.log.AdminEmailHandler",
        "level": "ERROR",
        "filters": ["request"],
    }
    LOGGING["loggers"]["django.request"] = {"handlers": ["mail_admins"], "propagate": True}
SENTRY = init_sentry(os.environ)
