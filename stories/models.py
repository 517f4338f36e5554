"""Experience stories of people who returned, and the programme's news."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.templatetags.static import static
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from rest_framework.fields import CharField
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core import seo
from core.blocks import BodyBlock
from core.models import BasePage, SectionIndexPage, SharedContentMixin, later
from core.pagination import paginate
from stories.filters import NewsFilterForm, StoryFilterForm

# Listed beside the news feeds on the stories' pages.
STORY_FEEDS = [
    ("application/rss+xml", _("Experience stories (RSS)"), "stories_rss"),
    ("application/atom+xml", _("Experience stories (Atom)"), "stories_atom"),
]

PER_PAGE = 10


class ListingPage(SectionIndexPage):
    """An index of child pages with filters and pagination.

    The first page without filters is the same for every reader, so it is kept as shared
    content and built lazily (see core.models.SharedContentMixin). With a query string the
    listing is built at once, so that a bad page number is a 404 before anything is rendered.
    """

    listing_name = "items"

    class Meta:
        abstract = True

    def listing(self, request):
        """(filter form, page of items) for the request."""
        raise NotImplementedError

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if request.GET:
            filters, items = self.listing(request)
        else:
            context["shared_content_key"] = self.pk
            both = later(lambda: self.listing(request))
            filters, items = later(lambda: both[0]), later(lambda: both[1])
        context["filters"] = filters
        context[self.listing_name] = items
        return context


class StoryIndexPage(ListingPage):
    """The list of experience stories."""

    subpage_types = ["stories.StoryPage"]
    listing_name = "stories"
    feeds = STORY_FEEDS

    class Meta:
        verbose_name = _("story index page")
        verbose_name_plural = _("story index pages")

    def listing(self, request):
        stories = self.live_children(StoryPage)
        filters = StoryFilterForm(request.GET, self.locale, stories)
        stories = (
            filters.filter(stories)
            .select_related("photo", "municipality")
            .order_by("-year", "-first_published_at")
        )
        return filters, paginate(request, stories, PER_PAGE)


class StoryPage(SharedContentMixin, BasePage):
    """One person's or family's experience of returning to Latvia."""

    person = models.CharField(
        verbose_name=_("who"), max_length=255, help_text=_("E.g. a first name and an initial.")
    )
    returned_from = CountryField(verbose_name=_("returned from"))
    municipality = models.ForeignKey(
        "regions.MunicipalityPage",
        verbose_name=_("returned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(
        verbose_name=_("year of return"),
        validators=[MinValueValidator(1991), MaxValueValidator(2100)],
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    quote = models.TextField(verbose_name=_("quote"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("story"))
    featured = models.BooleanField(verbose_name=_("show on the home page"), default=False)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("person"), FieldPanel("year")]),
        FieldRowPanel([FieldPanel("returned_from"), FieldPanel("municipality")]),
        FieldPanel("photo"),
        FieldPanel("quote"),
        FieldPanel("body"),
        FieldPanel("featured"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("person"),
        index.SearchField("quote"),
        index.SearchField("body"),
    ]

    api_fields = [
        APIField("person"),
        APIField("returned_from", serializer=CharField()),
        APIField("municipality"),
        APIField("year"),
        APIField("quote"),
        APIField("body"),
    ]

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []
    og_type = "article"
    feeds = STORY_FEEDS

    class Meta:
        verbose_name = _("story page")
        verbose_name_plural = _("story pages")

    def clean(self):
        super().clean()
        if self.year and self.year > timezone.localdate().year:
            raise ValidationError({"year": _("The year of return cannot be in the future.")})

    @cached_property
    def municipality_page(self):
        """The municipality the person returned to, in the reader's language."""
        return self.municipality.localized if self.municipality_id else None

    @property
    def published_time(self):
        return self.first_published_at


class NewsIndexPage(ListingPage):
    """The programme's news, newest first, paginated."""

    subpage_types = ["stories.NewsPage"]
    listing_name = "news"

    class Meta:
        verbose_name = _("news index page")
        verbose_name_plural = _("news index pages")

    def listing(self, request):
        news = self.live_children(NewsPage)
        filters = NewsFilterForm(request.GET, self.locale, news)
        news = filters.filter(news).select_related("related_region").order_by("-date", "-pk")
        return filters, paginate(request, news, PER_PAGE)


class NewsPage(SharedContentMixin, BasePage):
    """A news item, optionally about one region."""

    date = models.DateField(verbose_name=_("date"), default=timezone.localdate)
    lead = models.TextField(
        verbose_name=_("lead"), help_text=_("One or two sentences shown in lists.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"))
    related_region = models.ForeignKey(
        "regions.RegionPage",
        verbose_name=_("related region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("related_region")]),
        FieldPanel("lead"),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [index.SearchField("lead"), index.SearchField("body")]

    api_fields = [APIField("date"), APIField("lead"), APIField("body"), APIField("related_region")]

    parent_page_types = ["stories.NewsIndexPage"]
    subpage_types = []
    og_type = "article"

    class Meta:
        verbose_name = _("news page")
        verbose_name_plural = _("news pages")
        # Lists are newest first: a page of them, the latest three and the first and last
        # year are read from this index, not by sorting every item.
        indexes = [models.Index(fields=["-date", "-page_ptr"], name="stories_news_date_idx")]

    @cached_property
    def region_page(self):
        """The region the news is about, in the reader's language."""
        return self.related_region.localized if self.related_region_id else None

    @property
    def published_time(self):
        return self.date

    def structured_data(self, meta, context, request):
        """schema.org NewsArticle, published by the programme."""
        modified = self.last_published_at or self.latest_revision_created_at
        default_image = request.build_absolute_uri(static(seo.SHARE_IMAGE["path"]))
        organisation = seo.publisher(context, request, default_image)
        data = {
            "@context": seo.SCHEMA,
            "@type": "NewsArticle",
            "headline": Truncator(self.title).chars(seo.HEADLINE_LENGTH),
            "description": meta["description"],
            "datePublished": self.date.isoformat(),
            "inLanguage": meta["language"],
            "url": meta["canonical"],
            "mainEntityOfPage": meta["canonical"],
            "image": [meta["image"]["url"]],
            "author": organisation,
            "publisher": organisation,
        }
        if modified:
            data["dateModified"] = modified.isoformat()
        return data
