"""The container deployment: compose.yaml, .env.example and the Dockerfile agree with the settings.

compose.yaml is read with PyYAML; `docker compose config` validates it too where Docker runs.
"""

import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import dj_database_url
import pytest
from django.conf import settings

yaml = pytest.importorskip("yaml", reason="PyYAML reads compose.yaml")

ROOT = Path(settings.BASE_DIR)
PORTAL = ("app", "release", "scheduler")
# Read by boto3 itself, as cms/settings/production.py says.
READ_BY_BOTO3 = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}
READ_BY_DJ_DATABASE_URL = {dj_database_url.DEFAULT_ENV}  # the settings call config()


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def settings_source():
    files = [
        *sorted((ROOT / "cms" / "settings").glob("*.py")),
        ROOT / "gunicorn.conf.py",
        ROOT / "core" / "monitoring.py",  # Sentry's variables, read when the settings load
    ]
    return "\n".join(path.read_text() for path in files)


def portal_environment(compose):
    return {name for service in PORTAL for name in compose["services"][service]["environment"]}


def test_compose_runs_the_release_before_the_app_and_the_scheduler(compose):
    services = compose["services"]
    assert set(services) == {"app", "release", "scheduler", "db", "cache"}
    for service in ("app", "scheduler"):
        assert services[service]["depends_on"]["release"] == {
            "condition": "service_completed_successfully"
        }
    assert services["release"]["command"] == [
        "sh",
        "-c",
        "python manage.py migrate --no-input && python manage.py configure_site",
    ]
    assert services["release"]["restart"] == "no"
    assert services["release"]["depends_on"]["db"] == {"condition": "service_healthy"}
    assert services["scheduler"]["command"] == ["python", "manage.py", "run_schedule"]
    assert "deploy" not in services["scheduler"]  # one scheduler, never replicas
    assert services["db"]["image"] == "postgres:15" and "healthcheck" in services["db"]
    assert "healthcheck" in services["cache"]
    assert {"media", "backups", "pgdata"} <= set(compose["volumes"])
    for service in PORTAL:
        assert "media:/app/media" in services[service]["volumes"]
        assert "backups:/app/var/backups" in services[service]["volumes"]


def test_every_variable_compose_passes_to_the_portal_is_read_by_the_settings(compose):
    source = settings_source()
    assert "dj_database_url.config(\n" in source
    unread = {
        name
        for name in portal_environment(compose) - READ_BY_BOTO3 - READ_BY_DJ_DATABASE_URL
        if not re.search(rf"[\"']{name}[\"']", source)
    }
    assert not unread


def test_env_example_and_the_docs_cover_exactly_what_compose_uses(compose):
    example = (ROOT / ".env.example").read_text()
    documented = set(re.findall(r"^(?:# )?([A-Z][A-Z0-9_]+)=", example, re.MULTILINE))
    interpolated = set(re.findall(r"\$\{([A-Z][A-Z0-9_]+)", (ROOT / "compose.yaml").read_text()))
    passed = portal_environment(compose)
    assert documented <= passed | interpolated
    assert passed <= documented
    docs = (ROOT / "docs" / "deploy.md").read_text()
    assert not {name for name in passed | interpolated if f"`{name}`" not in docs}


def run(command, env, **kwargs):
    return subprocess.run(  # noqa: S603 - the project's own commands
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, **kwargs
    )


def production_environment(**extra):
    """A clean environment for a production process: no variable of this test run leaks in."""
    return {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        **extra,
    }


def test_the_release_command_prepares_a_fresh_database_and_can_run_again(compose, tmp_path):
    database = tmp_path / "fresh.sqlite3"
    env = production_environment(
        SECRET_KEY="release-test",
        ALLOW_LOCAL_CACHE="true",  # no Redis for this test
        DATABASE_URL=f"sqlite:///{database}",
        SITE_URL="https://portals.example.lv",
    )
    command = compose["services"]["release"]["command"]

    for _ in range(2):  # a second deployment finds everything in place
        result = run(command, env)
        assert result.returncode == 0, result.stderr
        assert "Site: https://portals.example.lv/" in result.stdout

    with sqlite3.connect(database) as db:
        sites = db.execute("SELECT hostname, port FROM wagtailcore_site").fetchall()
    assert sites == [("portals.example.lv", 443)]


def dockerfile():
    return (ROOT / "Dockerfile").read_text().replace("\\\n", " ")


def test_the_image_collects_static_files_with_throwaway_settings_only():
    line = next(
        line for line in dockerfile().splitlines() if re.match(r"RUN .*collectstatic", line)
    )
    words = shlex.split(line.removeprefix("RUN "))
    assignments = dict(word.split("=", 1) for word in words if re.match(r"^[A-Z_]+=", word))
    command = [word for word in words if not re.match(r"^[A-Z_]+=", word)]
    assert command == ["python", "manage.py", "collectstatic", "--no-input"]
    assert set(assignments) == {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOW_LOCAL_CACHE"}

    result = run([*command, "--dry-run"], production_environment(**assignments))
    assert result.returncode == 0, result.stderr


def test_the_image_compiles_the_catalogues_make_compilemessages_does_and_runs_unprivileged():
    def catalogues(text):
        return re.findall(r"compile --domain (\S+|\"[^\"]+\") --directory (\S+)", text)

    image = dockerfile()
    assert catalogues(image) == catalogues((ROOT / "Makefile").read_text())
    assert len(catalogues(image)) == 2
    assert re.search(r"^USER portal$", image, re.MULTILINE)
    assert re.search(r'^CMD \["gunicorn", "cms.wsgi"\]$', image, re.MULTILINE)


def docker_compose_available():
    if not shutil.which("docker"):
        return False
    checks = (["docker", "info"], ["docker", "compose", "version"])
    return all(subprocess.run(c, capture_output=True).returncode == 0 for c in checks)  # noqa: S603


@pytest.mark.skipif(not docker_compose_available(), reason="no Docker daemon or compose plugin")
def test_docker_compose_accepts_the_file():
    env = {
        **os.environ,
        "SECRET_KEY": "x",
        "SITE_URL": "https://remigracija.lv",
        "ALLOWED_HOSTS": "remigracija.lv",
        "POSTGRES_PASSWORD": "x",
    }
    result = run(["docker", "compose", "--env-file", os.devnull, "config", "--quiet"], env)
    assert result.returncode == 0, result.stderr
