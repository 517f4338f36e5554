"""Region, municipality and contact directory pages: tree rules, admin creation and rendering."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail.users.models import UserProfile

from core.translation import translate
from events.models import EventPage
from home.models import HomePage
from home.tests.factories import HomePageFactory
from offers.tests.factories import no_offers
from regions.models import (
    Contact,
    ContactDirectoryPage,
    MunicipalityPage,
    RegionIndexPage,
    RegionPage,
)
from regions.tests.factories import (
    ContactDirectoryPageFactory,
    ContactFactory,
    MunicipalityContactFactory,
    MunicipalityPageFactory,
    RegionIndexPageFactory,
    RegionPageFactory,
)


class RegionTreeRulesTests(WagtailPageTestCase):
    def test_regions_sit_under_one_index_per_home_page(self):
        self.assertAllowedParentPageTypes(RegionIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(RegionIndexPage, {RegionPage})
        self.assertEqual(RegionIndexPage.max_count_per_parent, 1)

    def test_municipalities_sit_only_under_regions(self):
        self.assertAllowedParentPageTypes(RegionPage, {RegionIndexPage})
        self.assertAllowedSubpageTypes(RegionPage, {MunicipalityPage, EventPage})
        self.assertAllowedParentPageTypes(MunicipalityPage, {RegionPage})
        self.assertAllowedSubpageTypes(MunicipalityPage, set())

    def test_contact_directory_is_a_leaf_under_the_home_page(self):
        self.assertAllowedParentPageTypes(ContactDirectoryPage, {HomePage})
        self.assertAllowedSubpageTypes(ContactDirectoryPage, set())


class RegionAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePageFactory(parent=Page.get_first_root_node(), slug="admin-tests")
        cls.index = RegionIndexPageFactory(parent=cls.home)
        cls.region = RegionPageFactory(parent=cls.index, title="Zemgale")
        cls.contact = ContactFactory(locale=Locale.get_default())
        cls.user = get_user_model().objects.create_superuser("editor", "e@example.com", "pw")
        profile = UserProfile.get_for_user(cls.user)
        profile.preferred_language = "en"
        profile.save()

    def setUp(self):
        self.client.force_login(self.user)

    def test_editor_can_create_a_region_index(self):
        other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="cits")
        self.assertCanCreate(
            other_home,
            RegionIndexPage,
            nested_form_data({"title": "Reģioni", "slug": "regioni", "intro": rich_text("")}),
        )

    def test_editor_can_create_a_region_with_its_coordinator(self):
        self.assertCanCreate(
            self.index,
            RegionPage,
            nested_form_data(
                {
                    "title": "Kurzeme",
                    "slug": "kurzeme",
                    "planning_region": "Kurzemes plānošanas reģions",
                    "intro": rich_text("<p>Kurzeme.</p>"),
                    "coordinators": inline_formset([{"contact": self.contact.pk}]),
                }
            ),
        )
        region = RegionPage.objects.get(slug="kurzeme")
        self.assertEqual([c.contact for c in region.coordinators.all()], [self.contact])

    def test_editor_can_create_a_merged_municipality(self):
        madona = MunicipalityPageFactory(parent=self.region, title="Madonas novads")
        self.assertCanCreate(
            self.region,
            MunicipalityPage,
            nested_form_data(
                {
                    "title": "Varakļānu novads",
                    "slug": "varaklanu-novads",
                    "kind": "novads",
                    "intro": rich_text("<p>Bijušais novads.</p>"),
                    "contacts": inline_formset([{"contact": self.contact.pk}]),
                    "family_services": rich_text(""),
                    "housing": rich_text(""),
                    "work_and_business": rich_text(""),
                    "website": "",
                    "merged_on": "2025-07-01",
                    "merged_into": madona.pk,
                    **no_offers(),
                }
            ),
        )

    def test_merger_needs_both_date_and_municipality(self):
        response = self.client.post(
            f"/admin/pages/add/regions/municipalitypage/{self.region.pk}/",
            nested_form_data(
                {
                    "title": "Novads",
                    "slug": "novads",
                    "kind": "novads",
                    "intro": rich_text("<p>Teksts.</p>"),
                    "contacts": inline_formset([]),
                    "family_services": rich_text(""),
                    "housing": rich_text(""),
                    "work_and_business": rich_text(""),
                    "website": "",
                    "merged_on": "2025-07-01",
                    "merged_into": "",
                    **no_offers(),
                }
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Give both the date of the merger")
        self.assertFalse(MunicipalityPage.objects.filter(slug="novads").exists())

    def test_editor_can_create_a_contact_directory(self):
        self.assertCanCreate(
            self.home,
            ContactDirectoryPage,
            nested_form_data({"title": "Kontakti", "slug": "kontakti", "intro": rich_text("")}),
        )

    def test_contact_with_invalid_phone_is_refused_in_the_admin_and_not_saved(self):
        before = Contact.objects.count()
        response = self.client.post(
            "/admin/snippets/regions/contact/add/?locale=lv",
            {
                "name": "Jānis Bērziņš",
                "role": "Kontaktpersona",
                "organisation": "",
                "phone": "+371 12",
                "email": "janis@@example",
                "note": "",
                "valid_from": "",
                "valid_to": "",
                "last_verified": timezone.localdate().isoformat(),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response, "Enter a valid phone number in international format, e.g. +371 22 338 666."
        )
        self.assertContains(response, "Enter a valid email address.")
        self.assertEqual(Contact.objects.count(), before)

    def test_contact_is_saved_in_e164_from_the_admin(self):
        response = self.client.post(
            "/admin/snippets/regions/contact/add/?locale=lv",
            {
                "name": "Jānis Bērziņš",
                "role": "Kontaktpersona",
                "organisation": "",
                "phone": "29 374 285",
                "email": "janis@example.com",
                "note": "",
                "valid_from": "",
                "valid_to": "",
                "last_verified": timezone.localdate().isoformat(),
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(str(Contact.objects.get(name="Jānis Bērziņš").phone), "+37129374285")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "role"),
    [
        ("/lv/regioni/zemgale/", "Reģionālā koordinatore"),
        ("/en/regions/zemgale/", "Regional coordinator"),
        ("/lv/regioni/zemgale/jekabpils-novads/", "Reģionālā koordinatore"),
        ("/en/regions/zemgale/jekabpils-municipality/", "Regional coordinator"),
    ],
)
def test_region_and_municipality_pages_show_the_coordinator_in_the_page_language(
    client, region_tree, url, role
):
    """The English page links the English contact: the role is English, the facts the same."""
    html = client.get(url).content.decode()
    assert "Anete Briņeca" in html
    assert role in html
    assert 'href="tel:+37122338666">+371 22 338 666</a>' in html
    assert 'href="mailto:zemgale@paps.lv"' in html


@pytest.mark.django_db
def test_expired_contacts_disappear_from_public_pages(client, region_tree, lv):
    municipality = region_tree["municipality"]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    MunicipalityContactFactory(
        page=municipality,
        locale=lv,
        contact=ContactFactory(name="Vecā Kontaktpersona", valid_to=yesterday, locale=lv),
    )
    MunicipalityContactFactory(
        page=municipality, locale=lv, contact=ContactFactory(name="Jaunā Kontaktpersona", locale=lv)
    )
    html = client.get("/lv/regioni/zemgale/jekabpils-novads/").content.decode()
    assert "Jaunā Kontaktpersona" in html
    assert "Vecā Kontaktpersona" not in html


@pytest.mark.django_db
def test_merged_municipality_shows_the_merger_instead_of_its_content(client, merged_municipality):
    html = client.get("/lv/regioni/zemgale/varaklanu-novads/").content.decode()
    assert "Novecojis saturs" not in html
    assert 'href="/lv/regioni/zemgale/madonas-novads/"' in html
    region_html = client.get("/lv/regioni/zemgale/").content.decode()
    assert "Varakļānu novads" in region_html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/lv/regioni/zemgale/varaklanu-novads/", "Reģionālais koordinators"),
        ("/en/regions/zemgale/varaklani/", "Regional coordinator"),
    ],
)
def test_a_merged_municipality_still_shows_the_regions_coordinator(
    client, merged_municipality, en, url, heading
):
    """A reader who lands on a municipality that no longer exists can still reach a person."""
    translate(merged_municipality.merged_into, en, {"title": "Madona", "slug": "madona"})
    translate(merged_municipality, en, {"title": "Varakļāni", "slug": "varaklani"})
    html = client.get(url).content.decode()
    assert '<p class="contact-card__name">Anete Briņeca</p>' in html
    assert 'href="mailto:zemgale@paps.lv"' in html
    assert f'<h2 id="coordinator-heading">{heading}</h2>' in html


@pytest.mark.django_db
def test_contact_directory_groups_current_contacts_by_region(client, region_tree, home, lv):
    ContactDirectoryPageFactory(parent=home, locale=lv)
    municipality = region_tree["municipality"]
    MunicipalityContactFactory(
        page=municipality, locale=lv, contact=ContactFactory(name="Laura Truksāne", locale=lv)
    )
    MunicipalityContactFactory(
        page=municipality,
        locale=lv,
        contact=ContactFactory(
            name="Bijusī Persona", valid_to=datetime.date(2020, 1, 1), locale=lv
        ),
    )
    html = client.get("/lv/kontakti/").content.decode()
    zemgale = html.index('id="region-zemgale"')
    assert html.index("Anete Briņeca") > zemgale
    assert html.index("Laura Truksāne") > zemgale
    assert "Bijusī Persona" not in html


@pytest.mark.django_db
def test_region_index_lists_regions_with_coordinators(client, region_tree):
    html = client.get("/en/regions/").content.decode()
    assert 'href="/en/regions/zemgale/"' in html
    assert "Anete Briņeca" in html


@pytest.mark.django_db
def test_a_region_lists_its_municipalities_in_latvian_alphabetical_order(client, region_tree, lv):
    for title, slug in [("Ādažu novads", "adazu-novads"), ("Augšdaugavas novads", "augsdaugavas")]:
        MunicipalityPageFactory(parent=region_tree["region"], locale=lv, title=title, slug=slug)
    html = client.get("/lv/regioni/zemgale/").content.decode()
    positions = [html.index(f">{title}<") for title in ("Augšdaugavas novads", "Ādažu novads")]
    assert positions == sorted(positions)
    assert html.index(">Ādažu novads<") < html.index(">Jēkabpils novads<")
