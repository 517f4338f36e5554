"""Where inquiry e-mail goes: the SMTP server and the national mailbox, from the environment.

Each case imports the production settings in a fresh interpreter with a controlled environment,
as a deployment would (see core/tests/test_settings.py).
"""

import json
import os
import subprocess
import sys

from django.conf import settings

MAIL_VARIABLES = {
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_TIMEOUT",
    "DEFAULT_FROM_EMAIL",
    "REMIGRATION_NATIONAL_MAILBOX",
    "DJANGO_SETTINGS_MODULE",
}
SHOW_MAIL_SETTINGS = """
import json
from cms.settings import production as s
print(json.dumps({name: getattr(s, name) for name in (
    "EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS", "EMAIL_TIMEOUT", "DEFAULT_FROM_EMAIL", "REMIGRATION_NATIONAL_MAILBOX",
)}))
"""


def mail_settings(**env):
    """The production mail settings under `env` (plus a key and a local cache to start)."""
    base = {k: v for k, v in os.environ.items() if k not in MAIL_VARIABLES}
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", SHOW_MAIL_SETTINGS],
        cwd=settings.BASE_DIR,
        env=base | {"SECRET_KEY": "x" * 50, "ALLOW_LOCAL_CACHE": "true"} | env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_sends_mail_through_the_smtp_server_given_in_the_environment():
    found = mail_settings(
        EMAIL_HOST="smtp.example.lv",
        EMAIL_PORT="465",
        EMAIL_HOST_USER="portal",
        EMAIL_HOST_PASSWORD="secret",  # noqa: S106 - a test value
        EMAIL_USE_TLS="false",
        EMAIL_TIMEOUT="3",
        DEFAULT_FROM_EMAIL="portal@example.lv",
        REMIGRATION_NATIONAL_MAILBOX="team@example.lv",
    )
    assert found == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.lv",
        "EMAIL_PORT": 465,
        "EMAIL_HOST_USER": "portal",
        "EMAIL_HOST_PASSWORD": "secret",
        "EMAIL_USE_TLS": False,
        "EMAIL_TIMEOUT": 3,
        "DEFAULT_FROM_EMAIL": "portal@example.lv",
        "REMIGRATION_NATIONAL_MAILBOX": "team@example.lv",
    }


def test_production_mail_defaults_to_tls_a_ten_second_timeout_and_the_national_mailbox():
    found = mail_settings()
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert found["EMAIL_USE_TLS"] is True
    assert found["EMAIL_TIMEOUT"] == 10
    assert found["REMIGRATION_NATIONAL_MAILBOX"] == "remigracija@paps.lv"
    assert found["DEFAULT_FROM_EMAIL"] == "remigracija@paps.lv"
