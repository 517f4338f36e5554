"""Fixtures for the operations tests (security headers, outages, backups)."""

import pytest


@pytest.fixture
def media_on_disk(settings, tmp_path):
    """Uploaded files on the local disk, as in a default production deployment."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return root
