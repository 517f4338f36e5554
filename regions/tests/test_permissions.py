"""Who may do what: municipality editors, regional coordinators and national editors.

Municipality A (Jēkabpils novads) and C (Bauskas novads) are in Zemgale; B (Liepāja) is in
Kurzeme. Refusals must leave the database as it was.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail.users.models import UserProfile
from wagtail_localize.models import TranslationSource

from home.translation import translate
from regions.models import Contact, MunicipalityPage, Team
from regions.teams import provision_all
from regions.tests.factories import (
    ContactFactory,
    MunicipalityContactFactory,
    MunicipalityPageFactory,
    RegionPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(region_tree, lv, en):
    zemgale = region_tree["region"]
    kurzeme = RegionPageFactory(
        parent=region_tree["index"], locale=lv, title="Kurzeme", slug="kurzeme"
    )
    liepaja = MunicipalityPageFactory(parent=kurzeme, locale=lv, title="Liepāja", slug="liepaja")
    bauska = MunicipalityPageFactory(
        parent=zemgale, locale=lv, title="Bauskas novads", slug="bauskas-novads"
    )
    return {
        "A": region_tree["municipality"],
        "B": liepaja,
        "C": bauska,
        "zemgale": zemgale,
        "kurzeme": kurzeme,
    }


def user_in(team_page, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw")
    user.groups.add(Team.objects.get(translation_key=team_page.translation_key).group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def edit_data(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "kind": page.kind,
        "intro": rich_text(page.intro),
        "contacts": inline_formset([]),
        "family_services": rich_text(""),
        "housing": rich_text(""),
        "work_and_business": rich_text(""),
        "website": "",
        "merged_on": "",
        "merged_into": "",
    }
    data.update(changes)
    return nested_form_data(data)


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


@pytest.fixture
def contacts(places, lv):
    """A contact person on each municipality page (A, B, C)."""
    made = {}
    for place in ("A", "B", "C"):
        made[place] = ContactFactory(name=f"Kontakts {place}", locale=lv)
        MunicipalityContactFactory(page=places[place], contact=made[place], locale=lv)
    made["coordinator"] = Contact.objects.get(pk=places["zemgale"].coordinators.get().contact_id)
    return made


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
