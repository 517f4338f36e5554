"""The demo content: complete, bilingual, idempotent, and every page answers in both languages."""

import re
from io import StringIO
from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Page, Revision
from wagtail_localize.models import StringTranslation

from home.tests import base_tree
from regions.models import (
    BusinessSupport,
    Contact,
    FamilyService,
    HousingOffer,
    JobOffer,
    MunicipalityPage,
    RegionPage,
)


def snapshot():
    """Everything the command writes, in a comparable form."""
    return {
        "pages": sorted(
            Page.objects.values_list(
                "translation_key", "locale__language_code", "title", "url_path", "live"
            )
        ),
        "contacts": sorted(
            Contact.objects.values_list(
                "translation_key", "locale__language_code", "name", "role", "phone"
            )
        ),
        "revisions": Revision.objects.count(),
        "strings": StringTranslation.objects.count(),
    }


def latvian_interface_strings():
    """Latvian interface texts long enough to be unmistakable on an English page."""
    with (Path(settings.BASE_DIR) / "locale/lv/LC_MESSAGES/django.po").open("rb") as f:
        catalog = read_po(f)
    texts = set()
    for message in catalog:
        for text in message.string if isinstance(message.string, tuple) else [message.string]:
            plain = re.split(r"%\(\w+\)s", text)
            texts.update(part.strip() for part in plain if len(part.strip()) > 12)
    return texts


class DemoContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        base_tree.remove()
        call_command("load_demo_content", stdout=StringIO())

    def setUp(self):
        self.client.defaults["HTTP_HOST"] = "localhost"

    def test_every_region_and_municipality_exists_in_both_languages(self):
        for language in ("lv", "en"):
            self.assertEqual(
                RegionPage.objects.live().filter(locale__language_code=language).count(), 5
            )
            self.assertEqual(
                MunicipalityPage.objects.live().filter(locale__language_code=language).count(), 43
            )
        self.assertEqual(Page.objects.filter(locale__language_code="en", live=False).count(), 0)

    def test_running_it_again_changes_nothing(self):
        before = snapshot()
        out = StringIO()
        call_command("load_demo_content", stdout=out)
        self.assertEqual(snapshot(), before)
        self.assertIn("nothing changed", out.getvalue())

    def test_every_live_page_answers_in_both_languages_without_latvian_interface_text_in_english(
        self,
    ):
        latvian = latvian_interface_strings()
        pages = Page.objects.live().filter(depth__gt=1).select_related("locale")
        self.assertGreater(pages.count(), 130)
        for page in pages:
            response = self.client.get(page.url)
            self.assertEqual(response.status_code, 200, page.url)
            if page.locale.language_code == "en":
                html = response.content.decode()
                leaked = [text for text in latvian if text in html]
                self.assertEqual(leaked, [], page.url)

    def test_every_live_page_served_from_the_shared_fragments_is_as_rendered_afresh(self):
        def page_html(url):
            html = self.client.get(url).content.decode()
            # Each render of a form gets tokens of its own (CSRF, the inquiry's submission token).
            return re.sub(r'name="(csrfmiddlewaretoken|submission_token)" value="[^"]+"', "", html)

        urls = [page.url for page in Page.objects.live().filter(depth__gt=1)]
        fresh = {url: page_html(url) for url in urls}
        with self.settings(FRAGMENT_CACHE_SECONDS=300):
            for url in urls:
                page_html(url)  # fills the fragments of this page and those all pages share
            for url in urls:
                self.assertEqual(page_html(url), fresh[url], url)

    def test_region_pages_show_the_coordinator_from_the_seed(self):
        expected = {
            "kurzeme": ("Agnese Berģe", "+37120478252", "+371 20 478 252", "kurzeme@paps.lv"),
            "latgale": ("Astrīda Leščinska", "+37120349136", "+371 20 349 136", "latgale@paps.lv"),
            "riga": ("Daina Šulca", "+37126614179", "+371 26 614 179", "riga@paps.lv"),
            "vidzeme": ("Inga Madžule", "+37129374285", "+371 29 374 285", "vidzeme@paps.lv"),
            "zemgale": ("Anete Briņeca", "+37122338666", "+371 22 338 666", "zemgale@paps.lv"),
        }
        for region in RegionPage.objects.live():
            name, e164, grouped, email = expected[region.slug]
            html = self.client.get(region.url).content.decode()
            self.assertIn(name, html)
            self.assertIn(f'href="tel:{e164}">{grouped}</a>', html)
            self.assertIn(f'href="mailto:{email}"', html)

    def test_english_region_page_shows_the_english_role(self):
        html = self.client.get("/en/regions/zemgale/").content.decode()
        self.assertIn("Regional remigration coordinator", html)
        self.assertNotIn("Reģionālā remigrācijas koordinatore", html)

    def test_varaklani_is_shown_as_merged_into_madona(self):
        html = self.client.get("/en/regions/vidzeme/varaklani-municipality/").content.decode()
        self.assertIn("This municipality no longer exists", html)
        self.assertIn('href="/en/regions/vidzeme/madona-municipality/"', html)

    def test_coordinators_reported_as_changed_warn_readers_and_link_the_news_of_the_change(self):
        """The 2022 coordinators of Zemgale and Latgale are not shown as if nothing had changed."""
        news = {
            "lv": ("/lv/aktualitates/koordinatores-zemgale-un-latgale/", "Izmaiņas koordinatoru"),
            "en": ("/en/news/coordinators-in-zemgale-and-latgale/", "Coordinator changes"),
        }
        for language, region, changed in (
            ("lv", "zemgale", True),
            ("en", "latgale", True),
            ("en", "kurzeme", False),
        ):
            url, title = news[language]
            page = RegionPage.objects.get(slug=region, locale__language_code=language)
            html = self.client.get(page.url).content.decode()
            self.assertIn('<p class="contact-card__stale" role="note">', html, page.url)
            self.assertIn('href="mailto:remigracija@paps.lv"', html)
            self.assertEqual(f'<a href="{url}">{title}' in html, changed, page.url)
            self.assertEqual(self.client.get(url).status_code, 200)

    def test_example_offers_send_no_reader_to_a_real_person_or_an_official_site(self):
        offers = [
            offer
            for model in (FamilyService, HousingOffer, JobOffer, BusinessSupport)
            for offer in model.objects.select_related("page")
        ]
        self.assertGreater(len(offers), 40)
        for offer in offers:
            self.assertTrue(offer.is_example, offer)
            self.assertEqual(getattr(offer, "link", ""), "", offer)
            self.assertIsNone(getattr(offer, "contact", None), offer)
        real_addresses = set(Contact.objects.values_list("email", flat=True))
        for page in {offer.page for offer in offers}:
            html = self.client.get(page.url).content.decode()
            articles = re.findall(r'<article class="offer".*?</article>', html, re.S)
            self.assertTrue(articles, page.url)
            for article in articles:
                self.assertIn("badge--example", article)
                self.assertNotIn('rel="external"', article, page.url)
                self.assertNotIn("tel:", article, page.url)
                self.assertFalse([a for a in real_addresses if a in article], page.url)

    def test_seed_contacts_belong_to_the_municipalities_of_today(self):
        html = self.client.get("/lv/regioni/zemgale/jekabpils-novads/").content.decode()
        self.assertIn("Laura Truksāne", html)
        self.assertIn("Līga Kriškiņe", html)
        bauska = self.client.get("/lv/regioni/zemgale/bauskas-novads/").content.decode()
        self.assertIn("Santa Švāgere", bauska)
        self.assertIn("Rundāle", bauska)

    def test_home_page_shows_the_general_mailbox(self):
        for url in ("/lv/", "/en/"):
            self.assertContains(self.client.get(url), 'href="mailto:remigracija@paps.lv"')

    def test_the_faq_answers_how_to_find_housing_one_of_the_programmes_three_themes(self):
        for url, question in (
            ("/lv/buj/", "Kā atrast mājokli?"),
            ("/en/faq/", "How do I find a place to live?"),
        ):
            self.assertContains(self.client.get(url), question)

    def test_admin_opens_the_editor_of_every_page_type_in_both_languages(self):
        """Latvian pages open the page editor; English ones open wagtail-localize's translation editor."""
        user = get_user_model().objects.create_superuser("editor", "e@example.com", "pw")
        self.client.force_login(user)
        seen = set()
        for page in Page.objects.filter(depth__gt=1).select_related("content_type", "locale"):
            key = (page.content_type_id, page.locale.language_code)
            if key in seen:
                continue
            seen.add(key)
            response = self.client.get(f"/admin/pages/{page.pk}/edit/")
            self.assertEqual(response.status_code, 200, page.url)
        self.assertEqual(len(seen), 2 * 15)

    def test_searching_jekabpils_finds_the_municipality_and_its_contacts_in_both_languages(self):
        for language, url in (
            ("lv", "/lv/regioni/zemgale/jekabpils-novads/"),
            ("en", "/en/regions/zemgale/jekabpils-municipality/"),
        ):
            response = self.client.get(f"/{language}/search/", {"query": "jekabpils"})
            self.assertContains(response, f'href="{url}"')
            self.assertContains(response, "Laura Truksāne")
            self.assertContains(response, "Līga Kriškiņe")

    def test_the_api_gives_the_five_current_coordinators_in_english(self):
        response = self.client.get("/api/v2/contacts/", {"locale": "en", "kind": "coordinator"})
        roles = {contact["role"] for contact in response.json()["items"]}
        self.assertEqual(response.json()["meta"]["total_count"], 5)
        self.assertEqual(roles, {"Regional remigration coordinator"})

    def test_example_offers_answer_which_zemgale_places_have_kindergarten_and_housing_now(self):
        """Example offers in every region; the comparison answers in both languages with links."""
        municipalities = {
            offer.page
            for model in (FamilyService, HousingOffer, JobOffer, BusinessSupport)
            for offer in model.objects.filter(locale__language_code="lv").select_related("page")
        }
        self.assertGreaterEqual(len(municipalities), 10)
        self.assertEqual(len({page.get_parent().pk for page in municipalities}), 5)
        self.assertFalse(HousingOffer.objects.filter(is_example=False).exists())
        query = "?region=zemgale&kindergarten=1&housing_now=1"
        for url, expected, municipality_url in (
            (
                "/lv/atrodi-savu-vietu/",
                ["Bauskas novads", "Jēkabpils novads"],
                "/lv/regioni/zemgale/",
            ),
            (
                "/en/find-your-place/",
                ["Bauska Municipality", "Jēkabpils Municipality"],
                "/en/regions/zemgale/",
            ),
        ):
            html = self.client.get(url + query).content.decode()
            names = re.findall(r'<th scope="row"><a href="[^"]*">([^<]+)</a>', html)
            self.assertEqual(names, expected)
            self.assertEqual(len(re.findall(rf'href="{municipality_url}[^"#]+#housing-', html)), 2)
            self.assertIn('href="mailto:santa.svagere@rundale.lv"', html)

    def test_example_events_are_upcoming_and_marked_as_examples_in_both_languages(self):
        from events.models import EventPage

        for language in ("lv", "en"):
            events = EventPage.objects.live().filter(locale__language_code=language)
            self.assertEqual(events.count(), 3)
            self.assertEqual(events.upcoming().count(), 3)
            self.assertTrue(all(event.is_example for event in events))
        ireland = EventPage.objects.get(slug="information-day-ireland")
        self.assertEqual(ireland.get_parent().slug, "zemgale")
        self.assertEqual(ireland.audience_country.code, "IE")
        html = self.client.get(ireland.url).content.decode()
        self.assertIn("It is not a real event.", html)
        self.assertIn("Zemgale Planning Region", html)
        home = self.client.get("/en/").content.decode()
        self.assertIn("Online information day for Latvians in Ireland", home)
