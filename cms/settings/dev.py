"""Local development: debug on, an obviously fake key, loopback hosts only."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The local cache is per process: a page cache would not see changes made by manage.py commands.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "0"))
# Local backups may be plaintext (`backup` says so) when BACKUP_RECIPIENTS is not set.
BACKUP_ENCRYPTION_REQUIRED = False
