"""The site in headless Chromium, with the fixtures of the portal's browser tests."""

from home.tests.browser.conftest import base_url, browser, page  # noqa: F401 - fixtures
