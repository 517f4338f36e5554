"""The interface is fully translated, and English pages carry no Latvian interface text."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"


def catalog(language):
    with (LOCALE_DIR / language / "LC_MESSAGES" / "django.po").open("rb") as f:
        return read_po(f)


@pytest.mark.parametrize("language", ["lv", "en"])
def test_every_interface_string_is_translated(language):
    missing = [
        message.id
        for message in catalog(language)
        if message.id
        and (
            message.fuzzy
            or not all(message.string if isinstance(message.string, tuple) else [message.string])
        )
    ]
    assert missing == []


@pytest.mark.parametrize("language", ["lv", "en"])
def test_compiled_catalogue_is_up_to_date(language):
    po = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    assert mo.exists(), "run `make compilemessages`"
    assert mo.stat().st_mtime >= po.stat().st_mtime
