"""Two editors on one page: a form opened before a colleague's save cannot silently replace it."""

import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page, get_page_models
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from core.forms import BasePageForm
from home.tests.factories import StandardPageFactory

REFUSED = "Another editor saved this page after you opened it."


def editor(username):
    """An editor's own browser, logged in to the admin in English."""
    user = get_user_model().objects.create_superuser(username, f"{username}@example.com", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    browser = Client()
    browser.force_login(user)
    return browser


@pytest.fixture
def anna(db):
    return editor("anna")


@pytest.fixture
def bruno(db):
    return editor("bruno")


@pytest.fixture
def page(home):
    """A published standard page, as an editor made it."""
    page = StandardPageFactory(parent=home, title="Par programmu", slug="par-programmu")
    page.save_revision().publish()
    return page


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def open_editor(browser, page):
    """Open the page's edit form and return the revision it was loaded with, as the form posts it."""
    form = browser.get(edit_url(page)).content.decode()
    return loaded_revision(form)


def loaded_revision(form):
    return {
        name: html.unescape(re.search(rf'name="{name}" value="([^"]*)"', form)[1])
        for name in ("loaded_revision_id", "loaded_revision_created_at")
    }


def save(browser, page, opened, title, headers=None, **action):
    """Post the edit form opened earlier, with a new title."""
    data = nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "intro": "",
            "body": streamfield([("paragraph", rich_text("<p>Teksts.</p>"))]),
        }
    )
    return browser.post(edit_url(page), {**data, **opened, **action}, headers=headers)


def autosave(browser, page, opened, title, revision_id=None):
    """What the editor's browser posts by itself while they type; returns the revision it saved."""
    action = {"overwrite_revision_id": str(revision_id)} if revision_id else {}
    response = save(browser, page, opened, title, {"Accept": "application/json"}, **action)
    return response.json()["revision_id"]


def latest(page):
    """The page's newest version, what the next editor will load."""
    revision = Page.objects.get(pk=page.pk).get_latest_revision()
    return revision.user.username, revision.as_object().title


@pytest.mark.parametrize("action", [{}, {"action-publish": "1"}], ids=["save", "publish"])
def test_a_form_opened_before_a_colleagues_save_is_refused_with_the_editors_text_kept(
    anna, bruno, page, action
):
    opened = open_editor(bruno, page)
    assert save(anna, page, open_editor(anna, page), "Annas virsraksts").status_code == 302

    refused = save(bruno, page, opened, "Bruno virsraksts", **action)

    assert refused.status_code == 200
    content = refused.content.decode()
    assert REFUSED in content
    assert 'value="Bruno virsraksts"' in content
    assert latest(page) == ("anna", "Annas virsraksts")
    assert Page.objects.get(pk=page.pk).title == "Par programmu"


def test_a_colleagues_autosave_over_the_version_the_form_was_opened_with_counts_too(
    anna, bruno, page
):
    """Autosave rewrites its own revision in place: same id, a newer time."""
    anna_opened = open_editor(anna, page)
    draft = autosave(anna, page, anna_opened, "Annas melnraksts")
    opened = open_editor(bruno, page)
    autosave(anna, page, anna_opened, "Annas virsraksts", revision_id=draft)

    refused = save(bruno, page, opened, "Bruno virsraksts")

    assert REFUSED in refused.content.decode()
    assert latest(page) == ("anna", "Annas virsraksts")


def test_saving_the_refused_form_again_replaces_the_colleagues_version(anna, bruno, page):
    opened = open_editor(bruno, page)
    save(anna, page, open_editor(anna, page), "Annas virsraksts")
    refused = save(bruno, page, opened, "Bruno virsraksts")

    again = save(bruno, page, loaded_revision(refused.content.decode()), "Bruno virsraksts")

    assert again.status_code == 302
    assert latest(page) == ("bruno", "Bruno virsraksts")


def test_a_save_with_nobody_else_editing_goes_through(bruno, page):
    response = save(bruno, page, open_editor(bruno, page), "Bruno virsraksts")

    assert response.status_code == 302
    assert latest(page) == ("bruno", "Bruno virsraksts")


def test_an_editor_saving_twice_from_the_same_form_is_not_refused_over_their_own_version(
    bruno, page
):
    opened = open_editor(bruno, page)
    save(bruno, page, opened, "Pirmais virsraksts")

    response = save(bruno, page, opened, "Otrais virsraksts")

    assert response.status_code == 302
    assert latest(page) == ("bruno", "Otrais virsraksts")


def test_every_page_type_of_the_portal_refuses_a_stale_save():
    """New page types must not lose the check by deriving from Wagtail's Page directly."""
    portal_pages = [model for model in get_page_models() if model is not Page]
    assert portal_pages
    for model in portal_pages:
        assert issubclass(model.base_form_class, BasePageForm), model
