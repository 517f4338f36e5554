"""Browser tests: the real site, served by a real server process, in headless Chromium.

The server runs `manage.py runserver` on its own database (a temporary SQLite file, or a fresh
PostgreSQL database when DATABASE_URL points at PostgreSQL) loaded with the demo content, with
DEBUG off so that readers' error pages are the ones tested. Chromium is Debian's package, driven
by Playwright through `executable_path`; Playwright never downloads a browser.
"""

import email
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import dj_database_url
import pytest
from django.conf import settings

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
    # The editor journey changes content: the other tests and the screenshots see the demo as loaded.
    items.sort(key=lambda item: item.fspath.basename == "test_editor_journey.py")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_database_url(workdir):
    """A database of its own for the server: SQLite by default, PostgreSQL if that is in use."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{workdir / 'browser.sqlite3'}"
    import psycopg

    config = dj_database_url.parse(url)
    name = f"{config['NAME']}_browser"
    connection = psycopg.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"],
        port=config["PORT"] or 5432,
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    return url.rsplit("/", 1)[0] + "/" + name


MANAGE = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]


@pytest.fixture(scope="session")
def server_env():
    """The environment the server runs in: its own database, media and admin address."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    workdir = Path(tempfile.mkdtemp(prefix="browser-tests-"))
    port = free_port()
    yield {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": fresh_database_url(workdir),
        "MEDIA_ROOT": str(workdir / "media"),
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        # The mail the server sends, one file per connection (see sent_mail).
        "TEST_EMAIL_DIR": str(workdir / "mail"),
    }
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def manage(server_env):
    """Run a management command on the server's database, as an administrator would."""

    def run(*args):
        return subprocess.run(  # noqa: S603
            [*MANAGE, *args], env=server_env, check=True, capture_output=True, text=True
        ).stdout

    return run


@pytest.fixture(scope="session")
def base_url(server_env, manage):
    """Start the site with the demo content; yield its address; stop it."""
    manage("migrate", "--no-input", "-v0")
    manage("load_demo_content")
    url = server_env["WAGTAILADMIN_BASE_URL"]
    server = subprocess.Popen(  # noqa: S603
        [*MANAGE, "runserver", "--noreload", "--insecure", url.removeprefix("http://")],
        env=server_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/lv/", timeout=2)  # noqa: S310 - loopback only
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("the test server did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def sent_mail(server_env):
    """The messages the server has sent so far, oldest first, as `email.message.Message`s."""

    def read():
        folder = Path(server_env["TEST_EMAIL_DIR"])
        if not folder.exists():
            return []
        messages = []
        for path in sorted(folder.iterdir(), key=lambda path: path.stat().st_mtime_ns):
            # The file-based backend writes each message followed by a line of dashes.
            for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if raw.strip():
                    messages.append(email.message_from_bytes(raw))
        return messages

    return read


@pytest.fixture(scope="session")
def browser(base_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url):
    """A fresh browser tab (no cookies) that fails the test on any request leaving the site."""
    context = browser.new_context(base_url=base_url, locale="lv-LV")
    tab = context.new_page()
    outside = []
    tab.on("request", lambda r: None if r.url.startswith(base_url) else outside.append(r.url))
    yield tab
    context.close()
    assert outside == [], "requests left the site's origin"
