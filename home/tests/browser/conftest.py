"""Browser tests: the real site, served by a real server process, in headless Chromium.

The server runs `manage.py runserver` on its own database (a temporary SQLite file, or a fresh
PostgreSQL database when DATABASE_URL points at PostgreSQL) loaded with the demo content, with
DEBUG off so that readers' error pages are the ones tested. Chromium is Debian's package, driven
by Playwright through `executable_path`; Playwright never downloads a browser.
"""

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


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_database_url(workdir):
    """A database of its own for the server: SQLite by default, PostgreSQL if that is in use."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{workdir / 'browser.sqlite3'}"
    import psycopg2

    config = dj_database_url.parse(url)
    name = f"{config['NAME']}_browser"
    connection = psycopg2.connect(
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


@pytest.fixture(scope="session")
def base_url():
    """Start the site with the demo content; yield its address; stop it."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    workdir = Path(tempfile.mkdtemp(prefix="browser-tests-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": fresh_database_url(workdir),
        "MEDIA_ROOT": str(workdir / "media"),
    }
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    for command in (["migrate", "--no-input", "-v0"], ["load_demo_content"]):
        subprocess.run(manage + command, env=env, check=True, capture_output=True)  # noqa: S603
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        manage + ["runserver", "--noreload", "--insecure", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
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
        shutil.rmtree(workdir, ignore_errors=True)


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
