"""The benchmark dataset: pages added in bulk form a sound tree that readers and search reach."""

from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Page

from regions.models import Contact, MunicipalityContact, MunicipalityPage
from stories.models import NewsIndexPage, NewsPage, StoryPage


class BenchDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = StringIO()
        call_command(
            "create_bench_data",
            news=12,
            stories=6,
            contacts=40,
            english_every=4,
            stdout=cls.output,
        )

    def setUp(self):
        self.client.defaults["HTTP_HOST"] = "localhost"

    def test_pages_are_added_in_latvian_with_every_nth_in_english(self):
        news = NewsPage.objects.filter(slug__startswith="zina-")
        self.assertEqual(news.count(), 12)
        self.assertEqual(NewsPage.objects.filter(slug__startswith="news-").count(), 3)
        self.assertEqual(StoryPage.objects.filter(slug__startswith="stasts-").count(), 6)
        self.assertEqual(StoryPage.objects.filter(slug__startswith="story-").count(), 1)
        english = NewsPage.objects.get(slug="news-00004")
        self.assertEqual(english.locale.language_code, "en")
        self.assertEqual(english.get_translation(news.first().locale).slug, "zina-00004")
        # Links point at the English versions of the pages the Latvian item links.
        self.assertEqual(english.related_region.locale.language_code, "en")

    def test_the_page_tree_stays_sound(self):
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
        index = NewsIndexPage.objects.get(locale__language_code="lv")
        self.assertEqual(index.numchild, index.get_children().count())
        # Wagtail can still add a page the ordinary way after the bulk insert.
        index.add_child(instance=NewsPage(title="Pēc tam", slug="pec-tam", lead="x", body=[]))

    def test_added_pages_are_served_in_both_languages(self):
        self.assertContains(self.client.get("/lv/aktualitates/zina-00004/"), "Aktualitātes")
        response = self.client.get("/en/news/news-00004/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(self.client.get("/lv/aktualitates/"), "zina-00001")

    def test_contacts_are_shown_in_both_languages_on_municipality_pages(self):
        self.assertEqual(Contact.objects.filter(locale__language_code="lv").count(), 40)
        self.assertEqual(Contact.objects.filter(locale__language_code="en").count(), 40)
        link = MunicipalityContact.objects.filter(
            contact__email__startswith="kontakts", locale__language_code="en"
        ).first()
        self.assertEqual(link.contact.locale.language_code, "en")
        page = MunicipalityPage.objects.get(pk=link.page_id)
        self.assertContains(self.client.get(page.url), link.contact.email)

    def test_added_pages_are_found_by_search(self):
        title = NewsPage.objects.get(slug="zina-00001").title
        response = self.client.get("/lv/search/", {"query": title})
        self.assertContains(response, "zina-00001")

    def test_running_it_again_changes_nothing(self):
        pages = Page.objects.count()
        call_command("create_bench_data", news=12, stories=6, contacts=40, stdout=StringIO())
        self.assertEqual(Page.objects.count(), pages)
