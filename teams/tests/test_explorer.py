"""The page explorer opens where the editor works: a team member's own page, not the tree root.

Places A, B, C are described in regions.tests.fixtures.
"""

import json

import pytest
from wagtail.models import Page

from regions.tests.factories import user_in, user_in_group
from teams.provisioning import provision_national_editors

pytestmark = pytest.mark.django_db

ROOT_NOTICE = "Pages created here will not be accessible"


def pages_menu_item(client):
    """The sidebar's "Pages" item as the admin sends it to the browser: (link, start page id)."""
    html = client.get("/admin/").content.decode()
    props = html.split('id="wagtail-sidebar-props" type="application/json">', 1)[1]
    modules = json.loads(props.split("</script>", 1)[0])["modules"]
    main_menu = next(m for m in modules if m["_type"] == "wagtail.sidebar.MainMenuModule")
    item = next(i for i in main_menu["_args"][0] if i["_args"][0].get("name") == "explorer")
    options, start_page_id = item["_args"]
    return options["url"], start_page_id


def test_municipality_editors_pages_open_at_their_municipality_with_english_a_click_away(
    client, places, en
):
    client.force_login(user_in(places["A"], "editor-a"))
    response = client.get("/admin/pages/", follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/pages/{places['A'].pk}/"
    html = response.content.decode()
    assert ROOT_NOTICE not in html
    assert f'href="/admin/pages/{places["A"].get_translation(en).pk}/"' in html

    assert pages_menu_item(client) == (f"/admin/pages/{places['A'].pk}/", places["A"].pk)


def test_region_coordinators_pages_open_at_their_region(client, places):
    client.force_login(user_in(places["zemgale"], "coordinator-zemgale"))
    assert client.get("/admin/pages/?q=Bauska").url == (
        f"/admin/pages/{places['zemgale'].pk}/?q=Bauska"
    ), "a search at the root goes on in the region"
    assert pages_menu_item(client)[1] == places["zemgale"].pk


def test_national_editors_pages_still_open_at_the_root(client, places):
    client.force_login(user_in_group(provision_national_editors(), "national"))
    response = client.get("/admin/pages/")
    assert response.status_code == 200
    assert ROOT_NOTICE in response.content.decode()
    assert pages_menu_item(client) == ("/admin/pages/", Page.get_first_root_node().pk)
