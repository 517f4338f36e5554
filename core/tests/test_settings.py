"""Production settings: refuse to start half-configured, pick services from the environment.

Each case imports the settings in a fresh interpreter with a controlled environment, as a
deployment would.
"""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

# Variables that choose services; removed from the inherited environment in every case.
SERVICE_VARIABLES = {
    "SECRET_KEY",
    "REDIS_URL",
    "ALLOW_LOCAL_CACHE",
    "GUNICORN_THREADS",
    "DB_POOL_MAX_SIZE",
    "DB_CONN_MAX_AGE",
    "DB_CLIENT_TIMEOUT_S",
    "DATABASE_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_CUSTOM_DOMAIN",
    "AWS_DEFAULT_ACL",
    "LOG_FORMAT",
    "DJANGO_SETTINGS_MODULE",
    "ADMINS",
    "SENTRY_DSN",
}
SHOW_SETTINGS = """
import json
from cms.settings import production as s
print(json.dumps({
    "cache": s.CACHES["default"]["BACKEND"],
    "cache_location": s.CACHES["default"].get("LOCATION"),
    "cache_options": s.CACHES["default"].get("OPTIONS", {}),
    "sessions": s.SESSION_ENGINE,
    "database": s.DATABASES["default"]["ENGINE"],
    "database_options": s.DATABASES["default"].get("OPTIONS", {}),
    "conn_max_age": s.DATABASES["default"]["CONN_MAX_AGE"],
    "media": s.STORAGES["default"]["BACKEND"],
    "media_options": s.STORAGES["default"].get("OPTIONS", {}),
    "static": s.STORAGES["staticfiles"]["BACKEND"],
    "img_src": s.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "documents": getattr(s, "WAGTAILDOCS_SERVE_METHOD", None),
    "log_formatter": s.LOGGING["handlers"]["console"]["formatter"],
    "admins": s.ADMINS,
    "request_log_handlers": s.LOGGING["loggers"].get("django.request", {}).get("handlers", []),
    "sentry": s.SENTRY,
}))
"""


def production_environment(**env):
    """The inherited environment without service choices, plus `env`."""
    base = {k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES}
    return base | env


def run_python(code, **env):
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=production_environment(**env),
        capture_output=True,
        text=True,
        check=False,
    )


def production_settings(**env):
    result = run_python(SHOW_SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


KEY = secrets.token_urlsafe(50)
REDIS = "redis://127.0.0.1:6379/0"


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python("import cms.settings.production", REDIS_URL=REDIS)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_a_shared_cache():
    result = run_python("import cms.settings.production", SECRET_KEY=KEY)
    assert result.returncode != 0
    assert "REDIS_URL must be set" in result.stderr


def test_a_single_instance_may_explicitly_run_on_a_local_cache():
    found = production_settings(SECRET_KEY=KEY, ALLOW_LOCAL_CACHE="true")
    assert found["cache"] == "django.core.cache.backends.locmem.LocMemCache"


def test_production_uses_redis_and_shares_sessions_through_it():
    found = production_settings(SECRET_KEY=KEY, REDIS_URL=REDIS)
    assert found["cache"] == "django_redis.cache.RedisCache"
    assert found["cache_location"] == REDIS
    assert found["cache_options"]["IGNORE_EXCEPTIONS"] is True
    assert found["cache_options"]["REDIS_CLIENT_CLASS"] == "core.cache_backend.CircuitBreakerRedis"
    assert found["sessions"] == "django.contrib.sessions.backends.cached_db"


def test_production_defaults_to_sqlite_local_media_and_json_logs():
    found = production_settings(SECRET_KEY=KEY, REDIS_URL=REDIS)
    assert found["database"] == "django.db.backends.sqlite3"
    assert found["media"] == "django.core.files.storage.FileSystemStorage"
    assert found["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert found["img_src"] == ["'self'", "data:"]
    assert found["log_formatter"] == "json"


def test_log_format_can_be_switched_to_text():
    found = production_settings(SECRET_KEY=KEY, REDIS_URL=REDIS, LOG_FORMAT="text")
    assert found["log_formatter"] == "text"


POSTGRES_URL = "postgres://portal:pw@db.internal:5432/portal"


def test_production_uses_postgresql_from_database_url_and_fails_fast():
    found = production_settings(SECRET_KEY=KEY, REDIS_URL=REDIS, DATABASE_URL=POSTGRES_URL)
    assert found["database"] == "django.db.backends.postgresql"
    # libpq client parameters only: PgBouncer refuses server `options` at startup (core/db.py).
    assert found["database_options"] == {
        "connect_timeout": 5,
        "keepalives": 1,
        "keepalives_idle": 30,
        "keepalives_interval": 10,
        "keepalives_count": 3,
        "pool": {"min_size": 1, "max_size": 4, "timeout": 20.0},
    }


def test_each_worker_pools_as_many_connections_as_it_has_threads_unless_told_otherwise():
    environment = {"SECRET_KEY": KEY, "REDIS_URL": REDIS, "DATABASE_URL": POSTGRES_URL}
    found = production_settings(**environment, GUNICORN_THREADS="8", DB_CONN_MAX_AGE="600")
    assert found["database_options"]["pool"]["max_size"] == 8
    assert found["conn_max_age"] == 0  # Django refuses persistent connections with a pool
    found = production_settings(**environment, DB_POOL_MAX_SIZE="0", DB_CONN_MAX_AGE="600")
    assert "pool" not in found["database_options"]
    assert found["conn_max_age"] == 600
    sqlite = production_settings(SECRET_KEY=KEY, REDIS_URL=REDIS)
    assert "pool" not in sqlite["database_options"]


@pytest.mark.parametrize(
    ("extra", "origin"),
    [
        (
            {"AWS_S3_ENDPOINT_URL": "https://s3.eu-central-1.example.net"},
            "https://s3.eu-central-1.example.net",
        ),
        ({"AWS_S3_CUSTOM_DOMAIN": "media.remigracija.lv"}, "https://media.remigracija.lv"),
    ],
)
def test_media_go_to_an_s3_compatible_bucket_when_one_is_configured(extra, origin):
    found = production_settings(
        SECRET_KEY=KEY, REDIS_URL=REDIS, AWS_STORAGE_BUCKET_NAME="portal-media", **extra
    )
    assert found["media"] == "storages.backends.s3.S3Storage"
    assert found["media_options"]["bucket_name"] == "portal-media"
    assert found["media_options"]["querystring_auth"] is False
    # The pages may show images from the bucket, and from nowhere else.
    assert found["img_src"] == ["'self'", "data:", origin]


@pytest.mark.parametrize("bucket", [{}, {"AWS_STORAGE_BUCKET_NAME": "portal-media"}])
def test_documents_are_always_streamed_by_the_site_which_checks_their_privacy(bucket):
    found = production_settings(SECRET_KEY=KEY, REDIS_URL=REDIS, **bucket)
    assert found["documents"] == "serve_view"


def test_uploads_to_the_bucket_are_private_unless_the_bucket_takes_no_acl():
    """Images are made public by the bucket's policy (README), documents never."""
    bucket = {"SECRET_KEY": KEY, "REDIS_URL": REDIS, "AWS_STORAGE_BUCKET_NAME": "portal-media"}
    assert production_settings(**bucket)["media_options"]["default_acl"] == "private"
    assert production_settings(**bucket, AWS_DEFAULT_ACL="")["media_options"]["default_acl"] is None


def test_check_deploy_reports_nothing_in_a_realistic_environment():
    """`manage.py check --deploy` with the production settings finds no warning at all."""
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=settings.BASE_DIR,
        env=production_environment(
            DJANGO_SETTINGS_MODULE="cms.settings.production",
            SECRET_KEY=KEY,
            ALLOWED_HOSTS="remigracija.lv,www.remigracija.lv",
            REDIS_URL=REDIS,
            DATABASE_URL="postgres://portal:pw@db.internal:5432/portal",
        ),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_errors_are_mailed_to_the_admins_named_in_the_environment():
    found = production_settings(
        SECRET_KEY=KEY,
        REDIS_URL=REDIS,
        ADMINS="Portāla uzturētāji <ops@example.lv>, dev@example.lv",
    )
    assert found["admins"] == [
        ["Portāla uzturētāji", "ops@example.lv"],
        ["dev@example.lv", "dev@example.lv"],
    ]
    assert found["request_log_handlers"] == ["mail_admins"]
    assert found["sentry"] is False


def test_without_admins_no_error_mail_and_with_a_dsn_sentry_starts():
    found = production_settings(
        SECRET_KEY=KEY,
        REDIS_URL=REDIS,
        ADMINS="not an address",
        SENTRY_DSN="https://k@sentry.example/1",
    )
    assert found["admins"] == []
    assert found["request_log_handlers"] == []
    assert found["sentry"] is True
