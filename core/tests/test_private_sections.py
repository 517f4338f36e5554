"""Private sections (Wagtail's view restrictions) stay private with the portal's own `public()`
and view-restriction check, which read no restriction table of their own."""

import pytest
from wagtail.models import Page, PageViewRestriction

from core.models import all_pages
from home.tests.factories import StandardPageFactory
from regions.tests.factories import MunicipalityPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(home, region_tree, lv):
    """A password-protected page with a child, a login-only municipality, and public siblings
    whose paths sort right next to theirs."""
    private = StandardPageFactory(
        parent=home, locale=lv, title="Iekšējā", slug="iekseja", show_in_menus=True
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    below = StandardPageFactory(parent=private, locale=lv, title="Apakšlapa", slug="apakslapa")
    after = StandardPageFactory(
        parent=home, locale=lv, title="Publiska", slug="publiska", show_in_menus=True
    )
    members = MunicipalityPageFactory(
        parent=region_tree["region"], locale=lv, title="Slēgtais novads", slug="slegtais"
    )
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    return {"private": private, "below": below, "after": after, "members": members}


def test_public_leaves_out_exactly_what_wagtails_public_leaves_out(sections):
    ours = set(all_pages().public().values_list("pk", flat=True))
    wagtails = set(Page.objects.public().values_list("pk", flat=True))
    assert ours == wagtails
    hidden = {sections["private"].pk, sections["below"].pk, sections["members"].pk}
    assert not hidden & ours
    assert sections["after"].pk in ours


def test_public_asks_the_database_once_however_many_sections_are_private(
    sections, django_assert_num_queries
):
    with django_assert_num_queries(1):
        list(all_pages().live().public())


def test_the_menu_and_the_footer_leave_out_a_private_section(client, sections):
    html = client.get("/lv/").content.decode()
    assert "/lv/publiska/" in html
    assert "/lv/iekseja/" not in html


def test_a_page_in_a_private_section_still_asks_for_its_password_or_a_sign_in(client, sections):
    response = client.get("/lv/iekseja/apakslapa/")
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    assert "Apakšlapa" not in response.content.decode()
    response = client.get("/lv/regioni/zemgale/slegtais/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_alias_of_a_private_page_is_private_too(client, sections, home):
    sections["private"].create_alias(parent=home, update_slug="kopija")
    response = client.get("/lv/kopija/")
    assert 'name="password"' in response.content.decode()


def test_every_page_has_the_view_restrictions_wagtail_would_find(sections, home):
    sections["private"].create_alias(parent=home, update_slug="kopija")
    pages = [page for page in Page.objects.specific() if page.depth > 1]
    assert len(pages) > 6
    for page in pages:
        ours = set(page.get_view_restrictions())
        assert ours == set(Page.get_view_restrictions(page)), page.url_path
