"""Production: everything secret or host-specific comes from the environment.

The site refuses to start without SECRET_KEY, and without REDIS_URL unless ALLOW_LOCAL_CACHE is
set: several instances must share one cache and one session store, and a per-process cache
would serve stale pages after an edit made through another instance.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, DATABASES, LOGGING, REMIGRATION_NATIONAL_MAILBOX


def env_flag(name, default):
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


if not os.environ.get("SECRET_KEY"):
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
SECRET_KEY = os.environ["SECRET_KEY"]

# Cache and sessions: Redis, shared by every instance. Sessions are written through to the
# database as well ("cached_db"), so a Redis restart logs nobody out. While Redis is down the
# cache answers "not found" (logged) instead of failing requests: pages are rendered from the
# database, /health/ready reports the cache, and the inquiry form's rate limit refuses posts.
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
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
elif env_flag("ALLOW_LOCAL_CACHE", "false"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    raise ImproperlyConfigured(
        "REDIS_URL must be set in production (or ALLOW_LOCAL_CACHE=true for a single instance)."
    )
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable server fails the request within seconds instead of hanging the worker.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)

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
            # Image URLs end up in cached pages, so they must not expire: the bucket (or the
            # custom domain) serves media publicly. Documents go through Django's serve view,
            # which checks collection privacy before streaming the file.
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    WAGTAILDOCS_SERVE_METHOD = "serve_view"
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
