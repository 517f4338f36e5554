"""Site-wide admin views kept to the team: Wagtail's reports, the admin API's media listings and
the bulk actions' confirmations.

Places A, B, C are described in regions.tests.fixtures. Editor B (Liepāja, Kurzeme) has
submitted a draft titled "Liepājas melnraksts" for review; editor A (Jēkabpils novads) must not
learn of it, nor of editor B, from these views, while national editors still see everything.
"""

import pytest
from wagtail.log_actions import log
from wagtail.models import Page

from regions.tests.factories import user_in, user_in_group
from teams.provisioning import provision_national_editors
from teams.tests import test_permissions
from teams.tests.test_permissions import edit_data

pytestmark = pytest.mark.django_db

REFUSED = (302, "/admin/")  # how Wagtail's admin answers a refused request
B_DRAFT = "Liepājas melnraksts"
# Images and documents in A's and B's collections; an unpublished municipality in Kurzeme.
media, draft_in_kurzeme = test_permissions.media, test_permissions.draft_in_kurzeme


def submit_draft(client, page, **changes):
    """`client`, an editor of `page`'s team, submits a change of `page` for review."""
    response = client.post(
        f"/admin/pages/{page.pk}/edit/", edit_data(page, **changes, **{"action-submit": "1"})
    )
    assert response.status_code == 302


@pytest.fixture
def b_draft(client, places):
    client.force_login(user_in(places["B"], "editor-b"))
    submit_draft(client, places["B"], title=B_DRAFT)
    client.logout()


@pytest.fixture
def editor_client(client, places, b_draft):
    """Editor A, who has submitted a change of their own page."""
    client.force_login(user_in(places["A"], "editor-a"))
    submit_draft(client, places["A"])
    return client


@pytest.fixture
def national_client(client, places):
    """The same browser as editor_client's, logged in as a national editor from then on."""
    client.force_login(user_in_group(provision_national_editors(), "national"))
    return client


def html(response):
    assert response.status_code == 200
    return response.content.decode()


def test_page_types_usage_is_neither_offered_nor_shown_to_a_team_member(editor_client):
    """It names the latest draft of each page type, whichever team wrote it."""
    url = "/admin/reports/page-types-usage/"
    assert url not in html(editor_client.get("/admin/"))
    for address in (url, f"{url}results/"):
        response = editor_client.get(address)
        assert (response.status_code, response.get("Location")) == REFUSED


def test_page_types_usage_still_shows_national_editors_the_latest_draft(b_draft, national_client):
    assert "/admin/reports/page-types-usage/" in html(national_client.get("/admin/"))
    assert B_DRAFT in html(national_client.get("/admin/reports/page-types-usage/"))


@pytest.fixture
def region_edited(places):
    """Zemgale's coordinator has edited the region page, above A's municipality."""
    log(places["zemgale"], "wagtail.edit", user=user_in(places["zemgale"], "coordinator-zemgale"))


def test_site_history_shows_a_team_member_only_their_pages_and_who_worked_on_them(
    region_edited, editor_client
):
    for url in ("/admin/reports/site-history/", "/admin/reports/site-history/results/"):
        page = html(editor_client.get(url))
        assert "Jēkabpils novads" in page
        assert "editor-a" in page
        assert "editor-b" not in page
        assert "coordinator-zemgale" not in page


def test_site_history_still_shows_national_editors_everyone(
    region_edited, editor_client, national_client
):
    page = html(national_client.get("/admin/reports/site-history/"))
    for name in ("editor-a", "editor-b", "coordinator-zemgale", "Liepāja"):
        assert name in page


def test_workflow_report_offers_only_those_who_submitted_the_editors_pages(editor_client):
    page = html(editor_client.get("/admin/reports/workflow/"))
    assert "editor-a" in page
    assert "editor-b" not in page
    assert B_DRAFT not in page


def test_workflow_report_still_offers_national_editors_everyone(editor_client, national_client):
    page = html(national_client.get("/admin/reports/workflow/"))
    assert "editor-a" in page
    assert "editor-b" in page


def test_locked_pages_report_names_only_who_locked_pages_in_the_coordinators_region(client, places):
    for region, municipality in (("kurzeme", "B"), ("zemgale", "A")):
        client.force_login(user_in(places[region], f"coordinator-{region}"))
        assert client.post(f"/admin/pages/{places[municipality].pk}/lock/").status_code == 302
    page = html(client.get("/admin/reports/locked/"))
    assert "coordinator-zemgale" in page
    assert "coordinator-kurzeme" not in page
    assert "Liepāja" not in page


@pytest.mark.parametrize("kind", ["image", "document"])
def test_admin_api_lists_only_the_files_the_editor_may_choose(client, places, media, kind):
    client.force_login(user_in(places["A"], "editor-a"))
    url = f"/admin/api/main/{kind}s/"
    listed = {item["title"] for item in client.get(url).json()["items"]}
    assert listed == {media["A", kind].title}
    assert client.get(f"{url}{media['B', kind].pk}/").status_code == 404
    assert client.get(f"{url}{media['A', kind].pk}/").status_code == 200

    client.force_login(user_in_group(provision_national_editors(), "national"))
    listed = {item["title"] for item in client.get(url).json()["items"]}
    assert listed == {media["A", kind].title, media["B", kind].title}


def test_bulk_actions_do_not_name_other_teams_pages_or_files(editor_client, places, media):
    for url, title in (
        (f"/admin/bulk/wagtailcore/page/delete/?id={places['B'].pk}", B_DRAFT),
        (f"/admin/bulk/wagtailcore/page/publish/?id={places['B'].pk}", B_DRAFT),
        (f"/admin/bulk/wagtailimages/image/delete/?id={media['B', 'image'].pk}", "Attēls B"),
        (f"/admin/bulk/wagtaildocs/document/delete/?id={media['B', 'document'].pk}", "Dokuments B"),
    ):
        assert title not in html(editor_client.get(url)), url
    assert Page.objects.get(pk=places["B"].pk).draft_title == B_DRAFT


def test_contacts_to_check_filter_offers_no_other_teams_unpublished_municipality(
    client, places, draft_in_kurzeme
):
    """Like the page chooser, the report's municipality filter leaves out others' drafts."""
    url = "/admin/reports/contacts-to-check/"
    client.force_login(user_in(places["A"], "editor-a"))
    page = html(client.get(url))
    assert "Jēkabpils novads" in page
    assert draft_in_kurzeme.title not in page

    client.force_login(user_in_group(provision_national_editors(), "national"))
    assert draft_in_kurzeme.title in html(client.get(url))


def test_page_listing_user_filters_offer_only_the_people_of_the_teams_pages(
    places, b_draft, editor_client
):
    page = html(editor_client.get(f"/admin/pages/{places['A'].pk}/"))
    assert 'name="edited_by" value' in page
    assert "editor-b" not in page


def test_page_listing_user_filters_still_offer_national_editors_everyone(
    places, b_draft, national_client
):
    assert "editor-b" in html(national_client.get(f"/admin/pages/{places['A'].pk}/"))
