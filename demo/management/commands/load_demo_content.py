"""Load the portal's demo content: Latvian pages with published English translations."""

import datetime
import json
import re
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from core.translation import TranslationShapeError, sync_translation, translate, update_translation
from events.models import EventIndexPage, EventPage
from home.models import FaqPage, HomePage, StandardPage
from inquiries.models import InquiryPage
from offers.models import FindYourPlacePage
from regions.models import (
    BusinessSupport,
    Contact,
    ContactDirectoryPage,
    FamilyService,
    HousingOffer,
    JobOffer,
    MunicipalityContact,
    MunicipalityPage,
    RegionCoordinator,
    RegionIndexPage,
    RegionPage,
)
from stories.models import NewsIndexPage, NewsPage, StoryIndexPage, StoryPage

CONTENT_FILE = Path(__file__).resolve().parents[2] / "content.json"
LANGUAGES = ("lv", "en")
# Demo offers by their key in content.json.
OFFER_MODELS = {
    "family_services": FamilyService,
    "housing": HousingOffer,
    "jobs": JobOffer,
    "business_support": BusinessSupport,
}


def split(value):
    """{"lv": x, "en": y} → (x, y); a plain value is the same in both languages."""
    if isinstance(value, dict) and set(value) == set(LANGUAGES):
        return value["lv"], value["en"]
    return value, value


def bilingual(**fields):
    """Turn keyword fields of {"lv", "en"} values into a Latvian and an English field dict."""
    lv, en = {}, {}
    for name, value in fields.items():
        lv[name], en[name] = split(value)
    return lv, en


def body_stream(html):
    """Rich text with <h2> headings → BodyBlock stream data (heading and paragraph blocks)."""
    blocks = []
    for i, part in enumerate(re.split(r"<h2>(.*?)</h2>", html or "")):
        if i % 2:
            blocks.append({"type": "heading", "value": part})
        elif part.strip():
            blocks.append({"type": "paragraph", "value": part.strip()})
    return blocks


def faq_stream(topics, language):
    return [
        {
            "type": "topic",
            "value": {
                "title": topic["title"][language],
                # ListBlock items need ids: wagtail-localize locates their segments by id.
                "questions": [
                    {
                        "type": "item",
                        "id": str(uuid.uuid4()),
                        "value": {
                            "question": q["question"][language],
                            "answer": q["answer"][language],
                        },
                    }
                    for q in topic["questions"]
                ],
            },
        }
        for topic in topics
    ]


def date(value):
    return datetime.date.fromisoformat(value) if value else None


class Command(BaseCommand):
    help = (
        "Load Latvia's regions, municipalities, contacts, FAQ, stories and news in Latvian, "
        "with English translations made through wagtail-localize. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        data = json.loads(CONTENT_FILE.read_text(encoding="utf-8"))
        self.created = 0
        self.lv = Locale.objects.get(language_code="lv")
        self.en, _ = Locale.objects.get_or_create(language_code="en")
        self.load(data)
        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready ({self.created} objects created).")
            if self.created
            else "Demo content already loaded; nothing changed."
        )

    # Building blocks -----------------------------------------------------------------------

    def translate(self, obj, english):
        if not obj.has_translation(self.en):
            self.created += 1
        try:
            return translate(obj, self.en, english)
        except TranslationShapeError as error:
            raise CommandError(str(error)) from error

    @transaction.atomic
    def page(self, parent, model, lv, en, **shared):
        """The Latvian child page of `parent` with slug lv["slug"], created and translated once."""
        existing = model.objects.child_of(parent).filter(slug=lv["slug"]).first()
        if existing is None:
            existing = parent.add_child(instance=model(locale=self.lv, **lv, **shared))
            existing.save_revision().publish()
            self.created += 1
        self.translate(existing, en)
        return existing

    @transaction.atomic
    def contact(self, lv, en, **shared):
        existing = Contact.objects.filter(locale=self.lv, email=shared["email"]).first()
        if existing is None:
            existing = Contact(locale=self.lv, **lv, **shared)
            existing.full_clean()
            existing.save()
            self.created += 1
        self.translate(existing, en)
        return existing

    @transaction.atomic
    def link_contact(self, link_model, page, contact):
        """Attach `contact` to `page` (and its English translation) once."""
        if not link_model.objects.filter(page=page, contact=contact).exists():
            link_model.objects.create(page=page, contact=contact, locale=self.lv)
            self.created += 1
            # The English page takes its links from a sync of the Latvian one.
            sync_translation(page, self.en)

    def notice(self, contact, page):
        """Show `page` with `contact`; saving copies the link to the contact's translations."""
        if contact.notice_page_id != page.pk:
            contact.notice_page = page
            contact.save()
            self.created += 1

    @transaction.atomic
    def offers(self, page, item):
        """Add a municipality's example offers once, then publish the page in both languages."""
        today = timezone.localdate()
        strings = {}
        added = 0
        for relation, model in OFFER_MODELS.items():
            for order, offer in enumerate(item.get(relation, [])):
                lv = bilingual(**offer)[0]
                if model.objects.filter(page=page, title=lv["title"]).exists():
                    continue
                for name in [n for n in lv if n.endswith("_days")]:  # dates relative to today
                    days = lv.pop(name)
                    lv[name.removesuffix("_days")] = (
                        None if days is None else today + datetime.timedelta(days=days)
                    )
                if "contact" in lv:
                    lv["contact"] = lv["contact"] and Contact.objects.get(
                        locale=self.lv, email=lv["contact"]
                    )
                instance = model(page=page, sort_order=order, is_example=True, **lv)
                instance.full_clean(exclude=["locale"])
                instance.save()
                added += 1
                strings.update(
                    (text["lv"], text["en"])
                    for text in offer.values()
                    if isinstance(text, dict) and text["lv"]
                )
        if added:
            self.created += added
            page = MunicipalityPage.objects.get(pk=page.pk)
            page.save_revision().publish()
            try:
                update_translation(page, self.en, strings)
            except TranslationShapeError as error:
                raise CommandError(str(error)) from error

    # The content --------------------------------------------------------------------------

    def load(self, data):
        home = self.home(data)
        general = data["general_contact"]
        mailbox = self.contact(
            *bilingual(
                name=general["name"], role=general["role"], organisation=general["organisation"]
            ),
            email=general["email"],
            last_verified=date(general["last_verified"]),
        )
        if home.general_contact_id != mailbox.pk:
            with transaction.atomic():
                home.general_contact = mailbox
                home.save_revision().publish()
                sync_translation(home, self.en)

        index = self.page(
            home, RegionIndexPage, *self.fields(data["region_index"], "intro"), show_in_menus=True
        )
        municipalities = {}
        notices = []  # (contact, slug of the news item shown with it)
        for region_data in data["regions"]:
            region = self.page(
                index, RegionPage, *self.fields(region_data, "intro", "planning_region")
            )
            person = region_data["coordinator"]
            coordinator = self.contact(
                *bilingual(
                    name=person["name"], role=person["role"], organisation=person["organisation"]
                ),
                phone=person["phone"],
                email=person["email"],
                last_verified=date(person["last_verified"]),
            )
            self.link_contact(RegionCoordinator, region, coordinator)
            if person.get("notice"):
                notices.append((coordinator, person["notice"]))
            for item in region_data["municipalities"]:
                lv, en = self.fields(
                    item, "intro", "family_services", "housing", "work_and_business"
                )
                merged_into = municipalities.get(item["merged_into"])
                municipalities[item["slug"]["lv"]] = self.page(
                    region,
                    MunicipalityPage,
                    lv,
                    en,
                    kind=item["kind"],
                    website=item["website"] or "",
                    merged_on=date(item["merged_on"]),
                    merged_into=merged_into,
                )

        for person in data["municipal_contacts"]:
            contact = self.contact(
                *bilingual(
                    name=person["name"],
                    role=person["role"],
                    organisation=person["organisation"],
                    note=person["note"],
                ),
                phone=person["phone"] or "",
                email=person["email"],
                last_verified=date(person["last_verified"]),
            )
            self.link_contact(MunicipalityContact, municipalities[person["municipality"]], contact)

        for item in data["offers"]:
            self.offers(municipalities[item["municipality"]], item)
        self.page(
            home,
            FindYourPlacePage,
            *self.fields(data["find_your_place_page"], "intro"),
            show_in_menus=True,
        )

        self.page(
            home,
            ContactDirectoryPage,
            *self.fields(data["contacts_page"], "intro"),
            show_in_menus=True,
        )
        faq = data["faq_page"]
        lv, en = self.fields(faq, "intro")
        lv["topics"], en["topics"] = (
            faq_stream(faq["topics"], "lv"),
            faq_stream(faq["topics"], "en"),
        )
        self.page(home, FaqPage, lv, en, show_in_menus=True)

        stories = self.page(
            home, StoryIndexPage, *self.fields(data["story_index"], "intro"), show_in_menus=True
        )
        for story in data["stories"]:
            lv, en = self.fields(story, "quote", body=body_stream)
            self.page(
                stories,
                StoryPage,
                lv,
                en,
                person=story["person"],
                returned_from=story["returned_from"],
                municipality=municipalities[story["municipality"]],
                year=story["year"],
                featured=story["featured"],
            )

        regions = {r.slug: r for r in RegionPage.objects.child_of(index)}
        news = self.page(
            home, NewsIndexPage, *self.fields(data["news_index"], "intro"), show_in_menus=True
        )
        news_pages = {}
        for item in data["news"]:
            lv, en = self.fields(item, "lead", body=body_stream)
            news_pages[lv["slug"]] = self.page(
                news,
                NewsPage,
                lv,
                en,
                date=date(item["date"]),
                related_region=regions.get(item["region"]),
            )
        for contact, slug in notices:
            self.notice(contact, news_pages[slug])

        for item in data["standard_pages"]:
            self.page(home, StandardPage, *self.fields(item, body=body_stream))

        self.page(home, InquiryPage, *self.fields(data["inquiry_page"], "intro", "privacy_notice"))

        # Not in the main menu, which fills one line at 1280 px already: the home page and each
        # region page link the events page from their next events.
        self.page(home, EventIndexPage, *self.fields(data["event_index"], "intro"))
        for item in data["events"]:
            self.event(regions[item["region"]], item)

    def event(self, region, item):
        """An example event of `region`, `in_days` days after the day it is loaded at `time` in
        Riga, so that it is upcoming; marked as an example in both languages."""
        day = timezone.localdate() + datetime.timedelta(days=item["in_days"])
        hour, minute = (int(part) for part in item["time"].split(":"))
        start = datetime.datetime(
            day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo("Europe/Riga")
        )
        texts = [name for name in ("intro", "venue_name", "address") if item.get(name)]
        return self.page(
            region,
            EventPage,
            *self.fields(item, *texts),
            start=start,
            end=start + datetime.timedelta(minutes=item["minutes"]),
            format=item["format"],
            online_link=item.get("online_link", ""),
            audience_country=item.get("audience_country", ""),
            registration=item["registration"],
            capacity=item.get("capacity"),
            is_example=True,
        )

    @staticmethod
    def fields(item, *names, **converted):
        """Title, slug and the named fields of a content item as Latvian and English field dicts."""
        lv, en = bilingual(
            title=item["title"], slug=item["slug"], **{n: item[n] or "" for n in names}
        )
        for name, convert in converted.items():
            lv[name], en[name] = convert(item[name]["lv"]), convert(item[name]["en"])
        return lv, en

    @transaction.atomic
    def home(self, data):
        """The Latvian home page as the site root, replacing Wagtail's placeholder page."""
        home = HomePage.objects.filter(locale=self.lv).first()
        if home is None:
            lv, en = self.fields(data["home"], "lead", "intro")
            root = Page.get_first_root_node()
            home = root.add_child(instance=HomePage(locale=self.lv, **lv))
            home.save_revision().publish()
            self.created += 1
        else:
            en = self.fields(data["home"], "lead", "intro")[1]
        site = Site.objects.filter(is_default_site=True).first() or Site(
            hostname="localhost", port=80, is_default_site=True
        )
        if site.root_page_id != home.pk:
            placeholder = site.root_page if site.pk else None
            site.root_page = home
            site.site_name = "Remigrācija"
            site.save()
            if (
                placeholder
                and placeholder.specific_class is Page
                and not placeholder.get_children().exists()
            ):
                placeholder.delete()
        self.translate(home, en)
        return home
