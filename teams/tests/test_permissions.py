"""Who may do what: municipality editors, regional coordinators and national editors.

Places A, B, C are described in conftest.py. Refusals must leave the database as it was.
"""

import io
import json
import re
from html import unescape
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Revision,
    Workflow,
    WorkflowPage,
)
from wagtail.test.utils.form_data import rich_text
from wagtail_factories import DocumentFactory, ImageFactory
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from core.translation import translate
from offers.tests.factories import municipality_form
from regions.models import Contact, MunicipalityPage
from regions.tests.factories import MunicipalityContactFactory, MunicipalityPageFactory, user_in
from teams.models import Team
from teams.provisioning import provision_all

pytestmark = pytest.mark.django_db


def edit_data(page, **changes):
    """A municipality page's edit form as posted, with `changes` to its fields."""
    return {**municipality_form(page), **changes}


def snapshot(page):
    page = Page.objects.get(pk=page.pk)
    return (
        page.title,
        page.live,
        page.has_unpublished_changes,
        page.latest_revision_id,
        page.locked,
    )


def test_a_new_municipality_gets_its_team_in_both_languages(places, en):
    team = Team.objects.get(translation_key=places["A"].translation_key)
    assert team.kind == Team.Kind.MUNICIPALITY
    assert team.group.name == "Jēkabpils novads: redaktori"
    english = places["A"].get_translation(en)
    for page in (places["A"], english):
        granted = set(
            GroupPagePermission.objects.filter(group=team.group, page=page).values_list(
                "permission__codename", flat=True
            )
        )
        assert granted == {"add_page", "change_page", "lock_page"}
    region_team = Team.objects.get(translation_key=places["zemgale"].translation_key)
    assert team.collection.get_parent() == region_team.collection
    assert WorkflowPage.objects.get(page=places["zemgale"]).workflow == region_team.workflow
    assert (
        WorkflowPage.objects.get(page=places["zemgale"].get_translation(en)).workflow
        == region_team.workflow
    )


def test_provisioning_again_changes_nothing(places):
    provision_all()

    def counts():
        return [
            m.objects.count()
            for m in (
                Group,
                Team,
                Collection,
                Workflow,
                WorkflowPage,
                GroupPagePermission,
                GroupCollectionPermission,
            )
        ]

    before = counts()
    call_command("provision_teams", stdout=None)
    assert counts() == before


def test_no_group_may_manage_users_or_groups(places):
    provision_all()
    dangerous = Permission.objects.filter(content_type__app_label="auth")
    assert not Group.objects.filter(permissions__in=dangerous).exists()


@pytest.fixture
def editor_client(client, places):
    client.force_login(user_in(places["A"], "editor-a"))
    return client


@pytest.mark.parametrize("place", ["B", "C"])
def test_municipality_editor_cannot_edit_another_municipality(editor_client, places, place):
    other = places[place]
    before = snapshot(other)
    assert editor_client.get(f"/admin/pages/{other.pk}/edit/").status_code in (302, 403)
    response = editor_client.post(
        f"/admin/pages/{other.pk}/edit/", edit_data(other, title="Uzlauzts")
    )
    assert response.status_code in (302, 403)
    assert snapshot(other) == before


@pytest.mark.parametrize("place", ["B", "C"])
@pytest.mark.parametrize(
    "action", ["delete", "unpublish", "move", "copy", "lock", "revisions/", "history/"]
)
def test_municipality_editor_cannot_act_on_another_municipality(
    editor_client, places, place, action
):
    other = places[place]
    before = snapshot(other)
    get = editor_client.get(f"/admin/pages/{other.pk}/{action.rstrip('/')}/")
    assert get.status_code in (302, 403, 404, 405)
    post = editor_client.post(f"/admin/pages/{other.pk}/{action.rstrip('/')}/")
    assert post.status_code in (302, 403, 404, 405)
    assert Page.objects.filter(pk=other.pk).exists()
    assert snapshot(other) == before


def test_municipality_editor_cannot_add_pages_elsewhere(editor_client, places):
    response = editor_client.get(
        f"/admin/pages/add/regions/municipalitypage/{places['kurzeme'].pk}/"
    )
    assert response.status_code in (302, 403)


def test_municipality_editor_edits_own_page_in_both_languages_but_cannot_publish(
    editor_client, places, en
):
    own = places["A"]
    assert editor_client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    assert editor_client.get(f"/admin/pages/{own.get_translation(en).pk}/edit/").status_code == 200
    response = editor_client.post(
        f"/admin/pages/{own.pk}/edit/",
        edit_data(own, title="Jēkabpils novads (labots)", **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.title == "Jēkabpils novads", "the live page waits for the coordinator"
    assert own.get_latest_revision().as_object().title == "Jēkabpils novads (labots)"


def test_municipality_editor_submits_for_the_regions_review(editor_client, places):
    own = places["A"]
    response = editor_client.post(
        f"/admin/pages/{own.pk}/edit/",
        edit_data(own, title="Jēkabpils novads (labots)", **{"action-submit": "1"}),
    )
    assert response.status_code == 302
    state = own.specific.current_workflow_state
    assert state is not None
    zemgale = Team.objects.get(translation_key=places["zemgale"].translation_key)
    assert state.workflow == zemgale.workflow
    assert list(state.current_task_state.task.specific.groups.all()) == [zemgale.group]


def test_coordinator_publishes_in_own_region_only(client, places):
    client.force_login(user_in(places["zemgale"], "coordinator-zemgale"))
    own = places["C"]
    response = client.post(
        f"/admin/pages/{own.pk}/edit/",
        edit_data(
            own, title="Bauskas novads", intro=rich_text("<p>Jauns.</p>"), **{"action-publish": "1"}
        ),
    )
    assert response.status_code == 302
    assert "Jauns." in MunicipalityPage.objects.get(pk=own.pk).intro
    other = places["B"]
    before = snapshot(other)
    response = client.post(
        f"/admin/pages/{other.pk}/edit/",
        edit_data(other, intro=rich_text("<p>Svešs.</p>"), **{"action-publish": "1"}),
    )
    assert response.status_code in (302, 403)
    assert snapshot(other) == before


def test_new_translation_of_a_municipality_is_added_to_its_team(places, en):
    translate(
        places["C"],
        en,
        {"title": "Bauska Municipality", "slug": "bauska-municipality", "intro": "<p>About.</p>"},
    )
    team = Team.objects.get(translation_key=places["C"].translation_key)
    assert set(team.pages) == {places["C"].page_ptr, places["C"].get_translation(en).page_ptr}
    assert GroupPagePermission.objects.filter(
        group=team.group, page=places["C"].get_translation(en)
    ).exists()


def test_municipality_editor_translates_own_new_page_and_can_edit_the_translation(
    client, places, lv, en, django_capture_on_commit_callbacks
):
    new = MunicipalityPageFactory(
        parent=places["zemgale"], locale=lv, title="Dobeles novads", slug="dobeles-novads"
    )
    client.force_login(user_in(new, "editor-d"))
    form = client.get(f"/admin/localize/submit/page/{new.pk}/")
    assert form.status_code == 200
    subtree = re.findall(r'<input[^>]*name="include_subtree"[^>]*>', form.content.decode())
    assert all("checkbox" not in field for field in subtree), (
        "translating subtrees corrupts the tree"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/localize/submit/page/{new.pk}/", {"locales": [en.pk]})
    assert response.status_code == 302
    english = new.get_translation(en)
    assert client.get(f"/admin/pages/{english.pk}/edit/").status_code == 200


@pytest.mark.parametrize("place", ["B", "C"])
def test_municipality_editor_cannot_translate_or_sync_others_pages(
    editor_client, places, en, place, django_capture_on_commit_callbacks
):
    other = places[place]
    assert not other.has_translation(en)
    response = editor_client.post(f"/admin/localize/submit/page/{other.pk}/", {"locales": [en.pk]})
    assert response.status_code in (302, 403)
    assert not other.has_translation(en)

    source, _ = TranslationSource.get_or_create_from_instance(places["zemgale"])
    before = snapshot(places["zemgale"].get_translation(en))
    response = editor_client.post(
        f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"}
    )
    assert response.status_code in (302, 403)
    assert snapshot(places["zemgale"].get_translation(en)) == before


def test_municipality_editor_cannot_translate_contacts(editor_client, region_tree, en):
    coordinator = region_tree["coordinator"]
    english = coordinator.get_translation(en)
    english.role = "Regional coordinator"
    response = editor_client.post(
        f"/admin/localize/submit/snippet/regions/contact/{coordinator.pk}/", {"locales": [en.pk]}
    )
    assert response.status_code in (302, 403)
    english.refresh_from_db()
    assert english.role == "Regional coordinator"


def test_municipality_editor_may_sync_own_translation(editor_client, places, en):
    source, _ = TranslationSource.get_or_create_from_instance(places["A"])
    assert editor_client.get(f"/admin/localize/update/{source.pk}/").status_code == 200


PUBLISH_OPTION = 'type="checkbox" name="publish_translations"'


def test_syncing_own_translation_cannot_publish_it_without_the_regions_review(
    editor_client, client, places, en, django_capture_on_commit_callbacks
):
    own = MunicipalityPage.objects.get(pk=places["A"].pk)
    source, _ = TranslationSource.get_or_create_from_instance(own)
    own.intro = "<p>Jauns teksts.</p>"
    own.save_revision().publish()
    english = own.get_translation(en)
    before = snapshot(english)
    form = editor_client.get(f"/admin/localize/update/{source.pk}/").content.decode()
    assert PUBLISH_OPTION not in form
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"}
        )
    assert response.status_code == 302
    source.refresh_from_db()
    assert "Jauns teksts." in source.content_json, "the sync itself happened"
    assert snapshot(english) == before
    assert "Jauns teksts." not in MunicipalityPage.objects.get(pk=english.pk).intro

    client.force_login(user_in(places["zemgale"], "coordinator-zemgale"))
    assert PUBLISH_OPTION in client.get(f"/admin/localize/update/{source.pk}/").content.decode()


def translate_strings(client, page, locale, english):
    """Fill every string of `page`'s translation whose Latvian text is a key of `english`."""
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=locale
    )
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        if segment.string.data in english:
            response = client.put(
                f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
                urlencode({"value": english[segment.string.data]}),
                content_type="application/x-www-form-urlencoded",
            )
            assert response.status_code in (200, 201)


def test_editor_submits_own_translation_for_review_and_the_coordinator_approves_it(
    editor_client, client, places, en, django_capture_on_commit_callbacks
):
    own = MunicipalityPage.objects.get(pk=places["A"].pk)
    source, _ = TranslationSource.get_or_create_from_instance(own)
    own.intro = "<p>Jauns teksts.</p>"
    own.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(f"/admin/localize/update/{source.pk}/")
    english = own.get_translation(en)
    translate_strings(editor_client, own, en, {"Jauns teksts.": "New text."})
    submit_url = f"/admin/pages/{english.pk}/submit-translation/"
    listing = editor_client.get(f"/admin/pages/{english.get_parent().pk}/").content.decode()
    assert submit_url in listing
    assert editor_client.get(submit_url).status_code == 200

    response = editor_client.post(submit_url)
    assert response.status_code == 302
    english = MunicipalityPage.objects.get(pk=english.pk)
    assert "New text." not in english.intro, "readers see the old text until it is approved"
    assert "New text." in english.get_latest_revision_as_object().intro
    task_state = english.current_workflow_state.current_task_state
    assert editor_client.get(submit_url).status_code in (302, 403), "no second submission meanwhile"

    client.force_login(user_in(places["zemgale"], "coordinator-zemgale"))
    assert english.title in dashboard_panel(client, "awaiting-review")
    client.post(f"/admin/pages/workflow/action/{english.pk}/approve/{task_state.pk}/")
    assert "New text." in MunicipalityPage.objects.get(pk=english.pk).intro


@pytest.mark.parametrize("who", ["B", "kurzeme"])
def test_others_cannot_submit_a_translation_for_review(client, places, en, who):
    english = places["A"].get_translation(en)
    TranslationSource.get_or_create_from_instance(places["A"])
    client.force_login(user_in(places[who], f"member-{who}"))
    before = workflow_snapshot(english)
    url = f"/admin/pages/{english.pk}/submit-translation/"
    assert client.get(url).status_code in (302, 403)
    assert client.post(url).status_code in (302, 403)
    assert workflow_snapshot(english) == before


def translation_editor(client, page):
    """The translation editor of `page` as `client` sees it: its HTML and the footer's props."""
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    props = re.search(r'class="js-translation-editor" data-props="([^"]*)"', html)[1]
    return html, json.loads(unescape(props))


def test_translation_editor_offers_the_editor_the_review_rather_than_lock(
    editor_client, client, places, en
):
    """Editor A may not publish: the review is the header's button, and the footer no longer
    leads with "Lock", which keeps no one out of the translated text (teams.templatetags)."""
    english = places["A"].get_translation(en)
    TranslationSource.get_or_create_from_instance(places["A"])
    html, props = translation_editor(editor_client, english)
    submit = re.search(rf'<a [^>]*href="/admin/pages/{english.pk}/submit-translation/"[^>]*>', html)
    assert submit, "Submit translation for review is offered"
    assert "w-header-button button" in submit[0]
    assert not props["perms"]["canLock"]
    assert props["links"]["convertToAliasUrl"] is None, "refused to them anyway"

    client.force_login(user_in(places["zemgale"], "coordinator-zemgale"))
    props = translation_editor(client, english)[1]
    assert props["perms"]["canPublish"] and props["perms"]["canLock"], "the region keeps both"


def contact_form(contact, **changes):
    data = {
        "name": contact.name,
        "role": contact.role,
        "organisation": contact.organisation,
        "phone": str(contact.phone),
        "email": contact.email,
        "photo": "",
        "note": contact.note,
        "valid_from": "",
        "valid_to": "",
        "last_verified": contact.last_verified.isoformat(),
    }
    data.update(changes)
    return data


def contact_state(contact):
    contact = Contact.objects.get(pk=contact.pk)
    return (contact.name, contact.role, str(contact.phone), contact.email)


def test_municipality_editor_updates_own_contact_people(editor_client, contacts):
    own = contacts["A"]
    response = editor_client.post(
        f"/admin/snippets/regions/contact/edit/{own.pk}/", contact_form(own, phone="+37129374285")
    )
    assert response.status_code == 302
    assert str(Contact.objects.get(pk=own.pk).phone) == "+37129374285"


@pytest.mark.parametrize("whose", ["B", "C", "coordinator"])
def test_municipality_editor_cannot_change_others_contacts_or_the_coordinator(
    editor_client, contacts, whose
):
    other = contacts[whose]
    before = contact_state(other)
    assert editor_client.get(f"/admin/snippets/regions/contact/edit/{other.pk}/").status_code in (
        302,
        403,
    )
    response = editor_client.post(
        f"/admin/snippets/regions/contact/edit/{other.pk}/", contact_form(other, name="Uzlauzts")
    )
    assert response.status_code in (302, 403)
    assert contact_state(other) == before


@pytest.mark.parametrize("whose", ["A", "B"])
def test_municipality_editor_cannot_delete_contacts(editor_client, contacts, whose):
    contact = contacts[whose]
    response = editor_client.post(f"/admin/snippets/regions/contact/delete/{contact.pk}/")
    assert response.status_code in (302, 403)
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_contact_shown_on_another_municipality_too_is_not_the_editors_alone(
    editor_client, places, contacts, lv
):
    shared = contacts["A"]
    MunicipalityContactFactory(page=places["B"], contact=shared, locale=lv)
    before = contact_state(shared)
    editor_client.post(
        f"/admin/snippets/regions/contact/edit/{shared.pk}/", contact_form(shared, name="Uzlauzts")
    )
    assert contact_state(shared) == before


def test_coordinator_changes_contacts_in_own_region_only(client, places, contacts):
    client.force_login(user_in(places["zemgale"], "coordinator-zemgale"))
    for whose in ("coordinator", "C"):
        contact = contacts[whose]
        response = client.post(
            f"/admin/snippets/regions/contact/edit/{contact.pk}/",
            contact_form(contact, role="Atjaunots"),
        )
        assert response.status_code == 302
        assert Contact.objects.get(pk=contact.pk).role == "Atjaunots"
    before = contact_state(contacts["B"])
    client.post(
        f"/admin/snippets/regions/contact/edit/{contacts['B'].pk}/",
        contact_form(contacts["B"], role="X"),
    )
    assert contact_state(contacts["B"]) == before


def test_national_editor_changes_any_contact(client, contacts):
    provision_all()
    user = get_user_model().objects.create_user("national", "n@example.com", "pw")
    user.groups.add(Group.objects.get(name="Nacionālie redaktori"))
    client.force_login(user)
    contact = contacts["B"]
    response = client.post(
        f"/admin/snippets/regions/contact/edit/{contact.pk}/", contact_form(contact, role="Jauna")
    )
    assert response.status_code == 302
    assert Contact.objects.get(pk=contact.pk).role == "Jauna"


@pytest.mark.parametrize("view", ["history", "usage", "copy"])
def test_municipality_editor_cannot_open_side_views_of_others_contacts(
    editor_client, contacts, view
):
    assert editor_client.get(
        f"/admin/snippets/regions/contact/{view}/{contacts['B'].pk}/"
    ).status_code in (302, 403)
    assert (
        editor_client.get(f"/admin/snippets/regions/contact/{view}/{contacts['A'].pk}/").status_code
        == 200
    )


# Side views of pages: preview, revisions, comparison, workflow history and the page chooser.


def submit_for_review(client, page):
    """`client` (an editor of `page`'s team) submits a change; returns the task state."""
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        edit_data(page, intro=rich_text("<p>Labots.</p>"), **{"action-submit": "1"}),
    )
    assert response.status_code == 302
    return Page.objects.get(pk=page.pk).current_workflow_state.current_task_state


def workflow_snapshot(page):
    page = Page.objects.get(pk=page.pk)
    state = page.current_workflow_state
    return (
        snapshot(page),
        Revision.objects.filter(object_id=str(page.pk)).count(),
        state and (state.status, state.current_task_state.status),
    )


@pytest.fixture
def b_in_review(client, places):
    """Liepāja's own editor has submitted a change for Kurzeme's review."""
    client.force_login(user_in(places["B"], "editor-b"))
    task_state = submit_for_review(client, places["B"])
    client.logout()
    return task_state


@pytest.mark.parametrize(
    "url",
    [
        "/admin/pages/{pk}/edit/preview/",
        "/admin/pages/{pk}/view_draft/",
        "/admin/pages/{pk}/revisions/{revision}/view/",
        "/admin/pages/{pk}/revisions/{revision}/revert/",
        "/admin/pages/{pk}/revisions/compare/earliest...latest/",
        "/admin/pages/{pk}/revisions/compare/live...{revision}/",
        "/admin/pages/{pk}/workflow_history/",
        "/admin/pages/workflow/preview/{pk}/{task}/",
        "/admin/pages/workflow/confirm_cancellation/{pk}/",
    ],
)
def test_municipality_editor_cannot_open_side_views_of_another_municipality(
    editor_client, places, b_in_review, url
):
    other = places["B"]
    before = workflow_snapshot(other)
    url = url.format(pk=other.pk, revision=other.latest_revision_id, task=b_in_review.task_id)
    assert editor_client.get(url).status_code in (302, 403, 404, 405)
    post = editor_client.post(url, edit_data(other, title="Uzlauzts"))
    assert post.status_code in (302, 403, 404, 405)
    assert b"Labots." not in post.content
    assert workflow_snapshot(other) == before


@pytest.mark.parametrize("action", ["approve", "reject", "unlock"])
def test_municipality_editor_cannot_act_in_another_municipalitys_review(
    editor_client, places, b_in_review, action
):
    before = workflow_snapshot(places["B"])
    for url in (
        f"/admin/pages/workflow/action/{places['B'].pk}/{action}/{b_in_review.pk}/",
        f"/admin/pages/workflow/collect_action_data/{places['B'].pk}/{action}/{b_in_review.pk}/",
    ):
        response = editor_client.post(url, {"comment": "Apstiprināts"})
        assert response.status_code in (302, 403, 404, 405)
    assert workflow_snapshot(places["B"]) == before
    assert before[2] == ("in_progress", "in_progress")


def test_coordinator_cannot_approve_another_regions_item(client, places, b_in_review):
    client.force_login(user_in(places["zemgale"], "coordinator-zemgale"))
    before = workflow_snapshot(places["B"])
    response = client.post(
        f"/admin/pages/workflow/action/{places['B'].pk}/approve/{b_in_review.pk}/",
        {"comment": ""},
    )
    assert response.status_code in (302, 403, 404)
    b_in_review.refresh_from_db()
    assert b_in_review.status == "in_progress"
    assert workflow_snapshot(places["B"]) == before
    assert "Labots." not in MunicipalityPage.objects.get(pk=places["B"].pk).intro


def test_own_regions_coordinator_approves_and_the_change_goes_live(client, places, b_in_review):
    client.force_login(user_in(places["kurzeme"], "coordinator-kurzeme"))
    response = client.post(
        f"/admin/pages/workflow/action/{places['B'].pk}/approve/{b_in_review.pk}/",
        {"comment": ""},
    )
    assert response.status_code == 302
    b_in_review.refresh_from_db()
    assert b_in_review.status == "approved"
    assert "Labots." in MunicipalityPage.objects.get(pk=places["B"].pk).intro


def test_municipality_editor_opens_side_views_of_own_page(editor_client, places):
    own = places["A"]
    submit_for_review(editor_client, own)
    revision = Page.objects.get(pk=own.pk).latest_revision_id
    for url in (
        f"/admin/pages/{own.pk}/revisions/{revision}/view/",
        f"/admin/pages/{own.pk}/revisions/compare/live...{revision}/",
        f"/admin/pages/{own.pk}/workflow_history/",
        f"/admin/pages/{own.pk}/history/",
    ):
        assert editor_client.get(url).status_code == 200, url
    preview = editor_client.post(f"/admin/pages/{own.pk}/edit/preview/", edit_data(own))
    assert preview.json()["is_valid"]


@pytest.fixture
def draft_in_kurzeme(places, lv):
    draft = MunicipalityPageFactory(
        parent=places["kurzeme"], locale=lv, title="Ventspils melnraksts", slug="ventspils"
    )
    draft.unpublish()
    return draft


def test_page_chooser_shows_published_pages_but_not_other_teams_drafts(
    editor_client, places, draft_in_kurzeme
):
    places["A"].unpublish()
    browse = editor_client.get(f"/admin/choose-page/{places['kurzeme'].pk}/").json()["html"]
    assert "Liepāja" in browse, "published pages can be linked from anywhere"
    assert "Ventspils melnraksts" not in browse
    for query, title, shown in (
        ("Ventspils", "Ventspils melnraksts", False),
        ("Jēkabpils", "Jēkabpils novads", True),
    ):
        search = editor_client.get("/admin/choose-page/search/", {"q": query}).content.decode()
        assert (title in search) is shown, "only the editor's own drafts can be linked"


# Images and documents: each municipality works in its own collection.

IMAGE_URLS = {
    "edit": "/admin/images/{pk}/",
    "delete": "/admin/images/{pk}/delete/",
    "edit in bulk upload": "/admin/images/multiple/{pk}/",
    "delete in bulk upload": "/admin/images/multiple/{pk}/delete/",
    "chosen": "/admin/images/chooser/chosen/{pk}/",
    "preview": "/admin/images/{pk}/preview/original/",
    "generate URL": "/admin/images/{pk}/generate_url/",
    "usage": "/admin/images/usage/{pk}/",
}
DOCUMENT_URLS = {
    "edit": "/admin/documents/edit/{pk}/",
    "delete": "/admin/documents/delete/{pk}/",
    "edit in bulk upload": "/admin/documents/multiple/{pk}/",
    "delete in bulk upload": "/admin/documents/multiple/{pk}/delete/",
    "chosen": "/admin/documents/chooser/chosen/{pk}/",
    "usage": "/admin/documents/usage/{pk}/",
}


def collection_of(page):
    return Team.objects.get(translation_key=page.translation_key).collection


@pytest.fixture
def media(places):
    """An image and a document in A's collection and in B's, uploaded by nobody in A's team."""
    made = {}
    for place in ("A", "B"):
        collection = collection_of(places[place])
        made[place, "image"] = ImageFactory(title=f"Attēls {place}", collection=collection)
        made[place, "document"] = DocumentFactory(
            title=f"Dokuments {place}", collection=collection, file__filename="plans.pdf"
        )
    return made


def media_state(item):
    item = type(item).objects.get(pk=item.pk)
    return (item.title, item.collection_id, item.file.name)


@pytest.mark.parametrize(
    ("kind", "view"),
    [("image", v) for v in IMAGE_URLS] + [("document", v) for v in DOCUMENT_URLS],
)
def test_municipality_editor_cannot_touch_another_municipalitys_media(
    editor_client, media, kind, view
):
    other = media["B", kind]
    before = media_state(other)
    url = (IMAGE_URLS if kind == "image" else DOCUMENT_URLS)[view].format(pk=other.pk)
    assert editor_client.get(url).status_code in (302, 403, 404, 405)
    response = editor_client.post(url, {"title": "Uzlauzts", "collection": other.collection_id})
    assert response.status_code in (302, 403, 404, 405)
    assert media_state(other) == before


@pytest.mark.usefixtures("indexing")  # the choosers search the index
@pytest.mark.parametrize("kind", ["images", "documents"])
def test_choosers_list_only_the_editors_own_collection(editor_client, media, kind):
    html = editor_client.get(f"/admin/{kind}/chooser/").json()["html"]
    singular = kind.rstrip("s")
    assert media["A", singular].title in html
    assert media["B", singular].title not in html
    assert f'value="{media["B", singular].collection_id}"' not in html
    search = editor_client.get(
        f"/admin/{kind}/chooser/results/", {"q": media["A", singular].title.split()[0]}
    )
    assert f"/chooser/chosen/{media['A', singular].pk}/" in search.content.decode()
    assert f"/chooser/chosen/{media['B', singular].pk}/" not in search.content.decode()


@pytest.mark.parametrize("kind", ["image", "document"])
def test_municipality_editor_edits_media_in_own_collection(editor_client, media, kind):
    own = media["A", kind]
    url = (IMAGE_URLS if kind == "image" else DOCUMENT_URLS)["edit"].format(pk=own.pk)
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(
        url, {"title": "Jauns nosaukums", "collection": own.collection_id}
    )
    assert response.status_code == 302
    assert type(own).objects.get(pk=own.pk).title == "Jauns nosaukums"


def png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return SimpleUploadedFile("karte.png", buffer.getvalue(), content_type="image/png")


def test_uploads_go_only_to_the_editors_own_collection(editor_client, places, media):
    own, other = collection_of(places["A"]), collection_of(places["B"])
    form = editor_client.get("/admin/images/add/").content.decode()
    assert f'value="{own.pk}"' in form or "collection" not in form
    assert f'value="{other.pk}"' not in form
    in_other = Image.objects.filter(collection=other).count()
    editor_client.post(
        "/admin/images/add/", {"title": "Svešā", "file": png(), "collection": other.pk}
    )
    assert Image.objects.filter(collection=other).count() == in_other
    assert set(Image.objects.filter(title="Svešā").values_list("collection", flat=True)) <= {own.pk}
    response = editor_client.post(
        "/admin/images/add/", {"title": "Mūsu karte", "file": png(), "collection": own.pk}
    )
    assert response.status_code == 302
    uploaded = Image.objects.get(title="Mūsu karte")
    assert uploaded.collection == own
    delete = editor_client.post(f"/admin/images/{uploaded.pk}/delete/")
    assert delete.status_code == 302, "the uploader may remove their own upload"
    assert not Image.objects.filter(pk=uploaded.pk).exists()


# The review on the dashboard: who sees which pending item.


def dashboard_panel(client, panel_id):
    """The HTML of one dashboard panel, or "" when the dashboard doesn't show it."""
    html = client.get("/admin/").content.decode()
    marker = f'id="{panel_id}-section"'
    if marker not in html:
        return ""
    return html.split(marker, 1)[1].split('<section class="w-panel', 1)[0]


def test_dashboards_show_a_submitted_page_to_its_editor_and_its_regions_coordinators(
    editor_client, client, places
):
    own = places["A"]
    assert "Jēkabpils novads" not in dashboard_panel(editor_client, "objects-in-workflow")
    submit_for_review(editor_client, own)
    assert "Jēkabpils novads" in dashboard_panel(editor_client, "objects-in-workflow")

    client.force_login(user_in(places["zemgale"], "coordinator-zemgale"))
    awaiting = dashboard_panel(client, "awaiting-review")
    assert "Jēkabpils novads" in awaiting
    assert f"/admin/pages/workflow/action/{own.pk}/approve/" in awaiting

    client.force_login(user_in(places["kurzeme"], "coordinator-kurzeme"))
    assert "Jēkabpils novads" not in dashboard_panel(client, "awaiting-review")
