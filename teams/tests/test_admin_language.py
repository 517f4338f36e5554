"""Editors read the admin in Latvian: every message of the Wagtail and wagtail-localize screens
they use has a Latvian translation, Wagtail's own or the project's (locale/admin), and the
screens a municipality editor opens show no English message that has a Latvian one.

Places A, B, C are described in regions.tests.fixtures.
"""

import datetime
import html
import json
import re
from importlib.util import find_spec
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple
from wagtail.users.models import UserProfile

from regions.tests.factories import user_in

ADMIN_LOCALE = Path(settings.BASE_DIR) / "locale" / "admin"
# The apps whose screens editors reach (page editing, explorer, workflow, reports, images,
# documents, contacts as snippets, their account, wagtail-localize's translation editor).
# Redirects, search promotions, forms and the style guide are for administrators only.
EDITOR_APPS = [
    "wagtail",
    "wagtail.admin",
    "wagtail.documents",
    "wagtail.embeds",
    "wagtail.images",
    "wagtail.locales",
    "wagtail.search",
    "wagtail.sites",
    "wagtail.snippets",
    "wagtail.users",
    "wagtail.contrib.settings",
    "wagtail_localize",
    "wagtail_localize.locales",
]


def app_catalogue(app, language, domain):
    path = Path(find_spec(app).submodule_search_locations[0]) / "locale" / language
    path = path / "LC_MESSAGES" / f"{domain}.po"
    if not path.exists():
        return None
    with path.open("rb") as f:
        return read_po(f)


def project_catalogue(domain):
    with (ADMIN_LOCALE / "lv" / "LC_MESSAGES" / f"{domain}.po").open("rb") as f:
        return read_po(f)


def translated(message):
    if message is None or message.fuzzy:
        return False
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)


def latvian(domain):
    """Where Django finds a message's Latvian: the project's admin catalogue, then any app's."""
    catalogues = [project_catalogue(domain)] + [
        app_catalogue(app, "lv", domain) for app in EDITOR_APPS
    ]
    catalogues = [catalogue for catalogue in catalogues if catalogue is not None]

    def find(message):
        for catalogue in catalogues:
            found = catalogue.get(message.id, context=message.context)
            if translated(found):
                return found
        return None

    return find


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_admin_message_editors_meet_has_a_latvian_translation(domain):
    find = latvian(domain)
    missing = []
    for app in EDITOR_APPS:
        english = app_catalogue(app, "en", domain)
        if english is not None:
            missing += [
                (app, message.context, message.id)
                for message in english
                if message.id and find(message) is None
            ]
    assert missing == []


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_admin_catalogue_keeps_every_placeholder(domain):
    """A translation that loses or invents a placeholder would fail where Wagtail formats it."""
    problems = [
        (message.id, str(error))
        for message, errors in project_catalogue(domain).check()
        for error in errors
    ]
    assert problems == []


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_compiled_admin_catalogue_is_up_to_date(domain):
    po = ADMIN_LOCALE / "lv" / "LC_MESSAGES" / f"{domain}.po"
    mo = po.with_suffix(".mo")
    assert mo.exists(), "run `make compilemessages`"
    assert mo.stat().st_mtime >= po.stat().st_mtime


@pytest.mark.parametrize(
    ("years", "phrase"),
    [(1, "pirms 1 gada"), (4, "pirms 4 gadiem"), (11, "pirms 11 gadiem"), (21, "pirms 21 gada")],
)
def test_time_ago_reads_as_latvian_after_pirms(years, phrase):
    """Django's Latvian "4 gads" after Wagtail's "ago" read "4 gads ago"; it is "pirms 4 gadiem"."""
    day = timezone.now() - datetime.timedelta(days=365 * years + years // 4 + 2)
    with translation.override("lv"):
        assert timesince_simple(day).replace("\N{NO-BREAK SPACE}", " ") == phrase


def latvian_editor(municipality):
    """A member of the municipality's team who reads the admin in Latvian."""
    user = user_in(municipality, "editor-a")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "lv"
    profile.save()
    return user


def english_messages_with_latvian():
    """Single-line English messages whose Latvian differs, as an editor would see them."""
    find = latvian("django")
    found = set()
    for app in EDITOR_APPS:
        for message in app_catalogue(app, "en", "django") or []:
            if not isinstance(message.id, str) or re.search(r"[%{<]", message.id or ""):
                continue
            lv = find(message)
            if lv and lv.string != message.id and len(message.id) > 3:
                found.add(message.id)
    return found


# Text that matches a message but is not one: the test tree's home page is titled "Home", and
# Wagtail's side panel prints an empty counter as a hidden "None".
NOT_MESSAGES = {"Home", "None"}


def visible_texts(page):
    """Text nodes and accessible names of an admin page (not scripts or styles)."""
    page = re.sub(r"(?s)<script.*?</script>|<style.*?</style>|<template.*?</template>", " ", page)
    names = re.findall(r'(?:aria-label|title|placeholder)="([^"]*)"', page)
    texts = re.sub(r"<[^>]+>", "\n", page).splitlines()
    return {html.unescape(text).strip() for text in texts + names} - {""} - NOT_MESSAGES


def test_a_municipality_editor_meets_no_english_message_that_has_a_latvian_one(client, places, en):
    municipality = places["A"]
    client.force_login(latvian_editor(municipality))
    english_page = municipality.get_translation(en)
    screens = [
        "/admin/",
        f"/admin/pages/{municipality.pk}/",
        f"/admin/pages/{municipality.pk}/edit/",
        f"/admin/pages/{english_page.pk}/edit/",
        f"/admin/pages/{municipality.pk}/history/",
        "/admin/pages/search/?q=novads",
        "/admin/reports/site-history/",
        "/admin/reports/workflow/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/regions/contact/",
        "/admin/account/",
    ]
    english = english_messages_with_latvian()
    left_in_english = {}
    for url in screens:
        response = client.get(url)
        assert response.status_code == 200, url
        seen = visible_texts(response.content.decode()) & english
        if seen:
            left_in_english[url] = sorted(seen)
    assert left_in_english == {}


def test_the_translation_editor_and_the_admin_scripts_get_their_latvian(client, places):
    """The translation editor (wagtail-localize) and the admin's scripts read their messages
    from JavaScript catalogues, which include the project's."""
    client.force_login(latvian_editor(places["A"]))
    localize = client.get(
        reverse("wagtail_localize:javascript_catalog"), HTTP_ACCEPT_LANGUAGE="lv"
    ).content.decode()
    admin = client.get(
        reverse("wagtailadmin_javascript_catalog"), HTTP_ACCEPT_LANGUAGE="lv"
    ).content.decode()
    for catalogue in (localize, admin):
        assert "const newcatalog = " in catalogue
    localize_messages = json.loads(localize.split("const newcatalog = ", 1)[1].split(";\n", 1)[0])
    admin_messages = json.loads(admin.split("const newcatalog = ", 1)[1].split(";\n", 1)[0])
    assert localize_messages["Stop Synced translation"] == "Apturēt sinhronizēto tulkojumu"
    assert localize_messages["Change image"] == "Mainīt attēlu"
    assert admin_messages["Actions"] == "Darbības"
