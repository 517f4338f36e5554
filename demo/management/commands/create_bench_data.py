"""Fill a database with the large dataset that `make bench` measures.

The demo content gives every region and municipality in both languages; on top of it come
thousands of news items and stories and hundreds of contacts, so that the benchmark shows
whether pages stay fast when the content grows (list pages paginate, page queries are fixed).
"""

import datetime
import itertools
import json
import time
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from core.cache import invalidate as invalidate_page_cache
from demo.management.commands.load_demo_content import CONTENT_FILE, body_stream
from regions.models import Contact, MunicipalityContact, MunicipalityPage, RegionPage
from stories.models import NewsIndexPage, NewsPage, StoryIndexPage, StoryPage

NEWS_TOPICS = [
    ("informatīvā diena atgriezējiem", "information day for returning families"),
    ("jauni īres dzīvokļi ģimenēm", "new rental flats for families"),
    ("atbalsts uzņēmējdarbības uzsākšanai", "support for starting a business"),
    ("vietas bērnudārzos un skolās", "places in kindergartens and schools"),
    ("tikšanās ar remigrācijas koordinatori", "meeting with the remigration coordinator"),
    ("darba iespējas novadā", "jobs in the municipality"),
    ("latviešu valodas kursi bērniem", "Latvian classes for children"),
]
NAMES = [
    "Anna Bērziņa",
    "Jānis Kalniņš",
    "Līga Ozola",
    "Mārtiņš Liepiņš",
    "Ilze Krūmiņa",
    "Kārlis Vītols",
    "Zane Zariņa",
    "Edgars Eglītis",
    "Sanita Kļaviņa",
]
COUNTRIES = ["IE", "GB", "DE", "NO", "SE", "NL", "FI", "US"]
CONTACT_ROLES = [
    ("Remigrācijas kontaktpersona", "Remigration contact person"),
    ("Sociālā dienesta speciāliste", "Social services specialist"),
    ("Uzņēmējdarbības konsultants", "Business adviser"),
    ("Izglītības pārvaldes speciāliste", "Education board specialist"),
]


class Command(BaseCommand):
    help = (
        "Add a large benchmark dataset to the demo content: news items, stories and contacts "
        "(every tenth news item and story also in English, every contact in both languages). "
        "For benchmark databases only; running it again adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--news", type=int, default=5000)
        parser.add_argument("--stories", type=int, default=1000)
        parser.add_argument("--contacts", type=int, default=500, help="Contacts in total.")
        parser.add_argument(
            "--english-every",
            type=int,
            default=10,
            help="Translate every n-th news item and story into English.",
        )

    def handle(self, *args, **options):
        if connection.vendor == "postgresql":
            # The demo content is hundreds of small transactions; a crash would only lose
            # benchmark data, so do not wait for each commit to reach the disk.
            with connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit TO off")
        started = time.monotonic()
        call_command("load_demo_content", stdout=self.stdout)
        self.lv = Locale.objects.get(language_code="lv")
        self.en = Locale.objects.get(language_code="en")
        if NewsPage.objects.filter(slug="zina-00001").exists():
            self.stdout.write("Benchmark data already loaded; nothing changed.")
            return
        self.demo = json.loads(CONTENT_FILE.read_text(encoding="utf-8"))
        self.municipalities = list(
            MunicipalityPage.objects.filter(locale=self.lv, merged_on__isnull=True).order_by("pk")
        )
        # Latvian page → its English translation, for English titles and links.
        english = {
            page.translation_key: page
            for model in (MunicipalityPage, RegionPage)
            for page in model.objects.filter(locale=self.en)
        }
        self.english = {
            page.pk: english[page.translation_key]
            for model in (MunicipalityPage, RegionPage)
            for page in model.objects.filter(locale=self.lv)
            if page.translation_key in english
        }
        self.every = options["english_every"]
        for step, count in [
            (self.contacts, options["contacts"]),
            (self.news, options["news"]),
            (self.stories, options["stories"]),
        ]:
            step_started = time.monotonic()
            self.stdout.write(f"{step(count)} ({time.monotonic() - step_started:.0f} s)")
        # Added in bulk, without the signals that would have done it: no cached page may still
        # show the lists as they were.
        invalidate_page_cache()
        if connection.vendor == "postgresql":
            # Fresh planner statistics, as after any bulk import (autovacuum would get there later).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Benchmark data ready in {time.monotonic() - started:.0f} s: "
                f"{NewsPage.objects.count()} news pages, {StoryPage.objects.count()} story "
                f"pages, {MunicipalityPage.objects.count()} municipality pages and "
                f"{Contact.objects.count()} contacts (all languages)."
            )
        )

    def english_place(self, municipality):
        return self.english[municipality.pk].title

    def add_pages(self, model, parent, items):
        """Add `items` ((number, Latvian fields, English fields, shared fields), …) under `parent`.

        Every n-th item also gets its English translation under the parent's translation: the
        same translation key, linking the English versions of the pages the Latvian one links.
        """
        english = []
        latvian = []
        for number, lv, en, shared in items:
            page = model(locale=self.lv, **lv, **shared)
            latvian.append(page)
            if number % self.every == 0:
                english_shared = {
                    name: self.english.get(value.pk, value) if hasattr(value, "pk") else value
                    for name, value in shared.items()
                }
                english.append(
                    model(
                        locale=self.en,
                        translation_key=page.translation_key,
                        **en,
                        **english_shared,
                    )
                )
        insert_pages(parent, latvian)
        insert_pages(parent.get_translation(self.en), english)

    @transaction.atomic
    def contacts(self, total):
        """Contacts in both languages, shown on the municipality pages round-robin."""
        first = Contact.objects.filter(locale=self.lv).count() + 1
        latvian, english, links = [], [], []
        for n in range(first, total + 1):
            municipality = self.municipalities[n % len(self.municipalities)]
            role_lv, role_en = CONTACT_ROLES[n % len(CONTACT_ROLES)]
            contact = Contact(
                locale=self.lv,
                name=NAMES[n % len(NAMES)],
                role=role_lv,
                organisation=municipality.title,
                phone=f"+3712{n:07d}",
                email=f"kontakts{n}@{municipality.slug}.lv",
            )
            latvian.append(contact)
            english.append(
                Contact(
                    locale=self.en,
                    translation_key=contact.translation_key,
                    name=contact.name,
                    role=role_en,
                    organisation=self.english_place(municipality),
                    phone=contact.phone,
                    email=contact.email,
                )
            )
            links.append((municipality, contact, english[-1]))
        Contact.objects.bulk_create(latvian + english)
        get_search_backend().add_bulk(Contact, latvian + english)

        # Each municipality page lists its new contacts after those it had, in both languages.
        order = defaultdict(int)
        rows = []
        for municipality, contact, english_contact in links:
            order[municipality] += 1
            link = MunicipalityContact(
                page=municipality,
                contact=contact,
                locale=self.lv,
                sort_order=100 + order[municipality],
            )
            rows += [
                link,
                MunicipalityContact(
                    page=self.english[municipality.pk],
                    contact=english_contact,
                    locale=self.en,
                    translation_key=link.translation_key,
                    sort_order=link.sort_order,
                ),
            ]
        # Straight into the live pages, as readers see them; the pages' revisions (what the
        # editor opens) do not list them: publishing 86 pages would take longer than the rest.
        MunicipalityContact.objects.bulk_create(rows)
        return f"{len(latvian)} contacts added in both languages"

    @transaction.atomic
    def news(self, count):
        regions = list(RegionPage.objects.filter(locale=self.lv).order_by("pk"))
        demo = itertools.cycle(self.demo["news"])
        today = timezone.localdate()
        items = []
        for n in range(1, count + 1):
            municipality = self.municipalities[n % len(self.municipalities)]
            topic_lv, topic_en = NEWS_TOPICS[n % len(NEWS_TOPICS)]
            item = next(demo)
            items.append(
                (
                    n,
                    {
                        "title": f"{municipality.title}: {topic_lv}",
                        "slug": f"zina-{n:05d}",
                        "lead": item["lead"]["lv"],
                        "body": body_stream(item["body"]["lv"]),
                    },
                    {
                        "title": f"{self.english_place(municipality)}: {topic_en}",
                        "slug": f"news-{n:05d}",
                        "lead": item["lead"]["en"],
                        "body": body_stream(item["body"]["en"]),
                    },
                    {
                        "date": today - datetime.timedelta(days=n * 2 // 5),
                        "related_region": regions[n % len(regions)],
                    },
                )
            )
        self.add_pages(NewsPage, NewsIndexPage.objects.get(locale=self.lv), items)
        return f"{count} news items added, {count // self.every} also in English"

    @transaction.atomic
    def stories(self, count):
        demo = itertools.cycle(self.demo["stories"])
        items = []
        for n in range(1, count + 1):
            municipality = self.municipalities[n % len(self.municipalities)]
            item = next(demo)
            first_name, surname = NAMES[n % len(NAMES)].split()
            person = f"{first_name} {surname[0]}."
            items.append(
                (
                    n,
                    {
                        "title": f"{person}: atpakaļ uz {municipality.title}",
                        "slug": f"stasts-{n:05d}",
                        "quote": item["quote"]["lv"],
                        "body": body_stream(item["body"]["lv"]),
                    },
                    {
                        "title": f"{person}: back to {self.english_place(municipality)}",
                        "slug": f"story-{n:05d}",
                        "quote": item["quote"]["en"],
                        "body": body_stream(item["body"]["en"]),
                    },
                    {
                        "person": person,
                        "returned_from": COUNTRIES[n % len(COUNTRIES)],
                        "municipality": municipality,
                        "year": 2015 + n % 11,
                    },
                )
            )
        self.add_pages(StoryPage, StoryIndexPage.objects.get(locale=self.lv), items)
        return f"{count} stories added, {count // self.every} also in English"


def insert_pages(parent, pages):
    """Insert live `pages` (unsaved, all of one type) as the last children of `parent`, in bulk.

    `parent.add_child()` costs some thirty queries a page (validation, search index, reference
    index, log entry, tree bookkeeping): minutes for thousands of pages. This does the tree
    bookkeeping (path, depth, URL path, numchild) and the search index in bulk and leaves out
    the rest, as a data import would: no revisions, log entries or reference index rows.
    """
    if not pages:
        return
    parent = Page.objects.get(pk=parent.pk)
    last = parent.get_last_child()
    first_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    published = timezone.now()
    content_type = ContentType.objects.get_for_model(type(pages[0]))
    for step, page in enumerate(pages, start=first_step):
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, step)
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.draft_title = page.title
        page.content_type = content_type
        page.live = True
        page.first_published_at = page.last_published_at = published
    page_fields = [field.attname for field in Page._meta.concrete_fields if not field.primary_key]
    bases = Page.objects.bulk_create(
        [Page(**{name: getattr(page, name) for name in page_fields}) for page in pages]
    )
    for page, base in zip(pages, bases, strict=True):
        page.id = page.page_ptr_id = base.pk
    # The page type's own rows. bulk_create() refuses multi-table models, so this is the insert
    # it makes for one table, in batches.
    model = type(pages[0])
    for start in range(0, len(pages), 500):
        model._base_manager._insert(
            pages[start : start + 500], fields=model._meta.local_concrete_fields
        )
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    get_search_backend().add_bulk(model, pages)
