"""Production settings refuse to start without a secret key."""

import os
import subprocess
import sys

from django.conf import settings


def import_production_settings(**env):
    environment = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"} | env
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", "import cms.settings.production"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = import_production_settings()
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_secret_key():
    assert import_production_settings(SECRET_KEY="x" * 50).returncode == 0
