"""The lock files (`make lock`) pin what pyproject.toml asks for: `make run`, `make test` and the
image install exactly these versions, checked against their hashes."""

import re
import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(settings.BASE_DIR)
PIN = re.compile(r"^([A-Za-z0-9._-]+(?:\[[^\]]*\])?)==([^\s;\\]+)(?:\s*;\s*([^\\]+?))?\s*\\?$")


def pins(name):
    """{package: version} of a lock file; every pin must carry hashes."""
    found = {}
    lines = (ROOT / name).read_text().splitlines()
    for number, line in enumerate(lines):
        match = PIN.match(line)
        if match:
            assert lines[number + 1].strip().startswith("--hash=sha256:"), line
            found[canonicalize_name(match[1])] = match[2]
    return found


PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [
        ("requirements.lock", PROJECT["dependencies"]),
        (
            "requirements-dev.lock",
            PROJECT["dependencies"] + PROJECT["optional-dependencies"]["dev"],
        ),
    ],
)
def test_each_lock_pins_every_requirement_to_a_version_it_allows(lock, requirements):
    pinned = pins(lock)
    for text in requirements:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{name} is not in {lock}: run make lock"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"{lock} pins {name}=={pinned[name]}, pyproject.toml asks for {requirement}: "
            "run make lock"
        )


def test_development_uses_the_versions_the_image_runs():
    runtime, development = pins("requirements.lock"), pins("requirements-dev.lock")
    assert {name: development.get(name) for name in runtime} == runtime


def test_the_project_runs_on_psycopg_3_and_django_5_2_lts():
    runtime = pins("requirements.lock")
    assert runtime["psycopg"].startswith("3.")
    assert runtime["django"].startswith("5.2.")
    assert "psycopg2-binary" not in runtime
