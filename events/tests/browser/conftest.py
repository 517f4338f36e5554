"""The site's browser-test server and Chromium (home/tests/browser/conftest.py), for events."""

from home.tests.browser.conftest import (  # noqa: F401 - fixtures of these tests
    base_url,
    browser,
    manage,
    pytest_collection_modifyitems,
    server_env,
)
