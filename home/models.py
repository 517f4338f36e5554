"""The home page and the generic pages every section of the portal shares."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core import seo
from core.blocks import BodyBlock
from core.models import BasePage, SharedContentMixin, all_pages
from home.blocks import FaqTopicBlock


class HomePage(SharedContentMixin, BasePage):
    """The root of one language's site: the programme in brief, regions, news and stories."""

    lead = models.TextField(
        verbose_name=_("what the site does for the visitor"),
        max_length=300,
        blank=True,
        help_text=_(
            "One or two sentences, shown first above the next steps: what a person thinking of "
            "returning gets here."
        ),
    )
    intro = RichTextField(
        verbose_name=_("about the programme"),
        editor="sections",
        help_text=_("What the remigration programme is and how the coordinators help."),
    )
    general_contact = models.ForeignKey(
        "regions.Contact",
        verbose_name=_("general contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The national mailbox shown on the home page and in the footer."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel("intro"),
        FieldPanel("general_contact"),
    ]

    search_fields = Page.search_fields + [index.SearchField("lead"), index.SearchField("intro")]

    api_fields = [APIField("lead"), APIField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "regions.RegionIndexPage",
        "regions.ContactDirectoryPage",
        "stories.StoryIndexPage",
        "stories.NewsIndexPage",
        "home.FaqPage",
        "home.StandardPage",
        "inquiries.InquiryPage",
        "offers.FindYourPlacePage",
        "events.EventIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def public_descendants(self):
        return all_pages().descendant_of(self).live().public()

    @cached_property
    def regions(self):
        """The live regions, each with its current coordinators (`current`), for the next steps."""
        from regions.models import RegionPage, with_current_coordinators

        return with_current_coordinators(
            RegionPage.objects.filter(pk__in=self.public_descendants()).order_by("path")
        )

    @cached_property
    def find_your_place(self):
        from offers.models import FindYourPlacePage

        return FindYourPlacePage.objects.child_of(self).live().public().first()

    @cached_property
    def latest_news(self):
        from stories.models import NewsPage

        # Conditions on the item's own page row, not `pk IN (every public page)`: the newest
        # items come from the date index (stories.NewsPage.Meta), read until three are found.
        return list(
            NewsPage.objects.descendant_of(self)
            .live()
            .public()
            .select_related("related_region")
            .order_by("-date", "-pk")[:3]
        )

    @cached_property
    def featured_stories(self):
        from stories.models import StoryPage

        return list(
            StoryPage.objects.filter(pk__in=self.public_descendants(), featured=True)
            .select_related("photo", "municipality")
            .order_by("-first_published_at")[:3]
        )

    def route(self, request, path_components):
        """Find a page below the first level with one query on its slug, not two per level.

        The same page as Wagtail's level-by-level route finds: the one whose URL path is the
        request's. Anything else (a route of a routable page, a missing page) goes the usual way.
        """
        if len(path_components) > 1:
            url_path = self.url_path + "/".join(path_components) + "/"
            found = Page.objects.filter(
                slug=path_components[-1],
                depth=self.depth + len(path_components),
                path__startswith=self.path,
                url_path=url_path,
            ).first()
            if found is not None:
                return found.specific.route(request, [])
        return super().route(request, path_components)


class StandardPage(SharedContentMixin, BasePage):
    """A generic page such as About, Privacy or the accessibility statement."""

    intro = models.TextField(verbose_name=_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    api_fields = [APIField("intro"), APIField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class FaqPage(SharedContentMixin, BasePage):
    """Questions and answers grouped by topic; each question has its own anchor link."""

    intro = RichTextField(verbose_name=_("introduction"), blank=True)
    topics = StreamField([("topic", FaqTopicBlock())], verbose_name=_("topics"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("topics")]

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("topics")]

    api_fields = [APIField("intro"), APIField("topics")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("FAQ page")
        verbose_name_plural = _("FAQ pages")

    def faq_topics(self):
        """The topics with a unique, readable anchor for every topic and question."""
        used = set()

        def anchor(text, fallback):
            base = slugify(text)[:60] or fallback
            candidate, n = base, 2
            while candidate in used:
                candidate, n = f"{base}-{n}", n + 1
            used.add(candidate)
            return candidate

        return [
            {
                "title": topic.value["title"],
                "anchor": anchor(topic.value["title"], "topic"),
                "questions": [
                    {
                        "question": item["question"],
                        "answer": item["answer"],
                        "anchor": anchor(item["question"], "question"),
                    }
                    for item in topic.value["questions"]
                ],
            }
            for topic in self.topics
        ]

    def structured_data(self, meta, context, request):
        """schema.org FAQPage: search engines may show the questions with their answers."""
        return {
            "@context": seo.SCHEMA,
            "@type": "FAQPage",
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": item["question"],
                    "acceptedAnswer": {"@type": "Answer", "text": str(item["answer"])},
                }
                for topic in self.faq_topics()
                for item in topic["questions"]
            ],
        }
