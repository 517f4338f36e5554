"""Test settings: the same apps and middleware as production, with fast hashing and a fake key."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The browser tests' server is another process: it writes its mail to files the tests read.
if os.environ.get("TEST_EMAIL_DIR"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["TEST_EMAIL_DIR"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests that are about the page cache turn it on; elsewhere a test reads what it just changed.
PAGE_CACHE_SECONDS = 0
FRAGMENT_CACHE_SECONDS = 0
# Backup tests write plaintext archives unless they are about encryption.
BACKUP_ENCRYPTION_REQUIRED = False
# whitenoise serves straight from the app and project static directories (no collectstatic),
# looking files up per request instead of scanning them all for every test client.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
