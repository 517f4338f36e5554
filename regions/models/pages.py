"""Planning regions, municipalities and the contact directory."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core import seo
from core.collation import sorted_by_name
from core.grammar import date_in_case
from core.models import BasePage, SectionIndexPage, SharedContentMixin, all_pages
from regions.models.contacts import Contact, ContactLink, current_contacts
from regions.models.offers import current_offers
from regions.serializers import ContactSerializer

# What a coordinator's contact card shows besides the contact: their photo and notice page.
COORDINATOR_CONTACT = ("contact__photo", "contact__notice_page")


class RegionIndexPage(SharedContentMixin, SectionIndexPage):
    """The list of Latvia's five planning regions."""

    subpage_types = ["regions.RegionPage"]

    class Meta:
        verbose_name = _("region index page")
        verbose_name_plural = _("region index pages")

    @cached_property
    def regions(self):
        """The live regions, each with its current coordinators."""
        return with_current_coordinators(self.live_children(RegionPage))


class RegionPage(SharedContentMixin, BasePage):
    """A planning region: its coordinator and its municipalities."""

    planning_region = models.CharField(
        verbose_name=_("planning region"),
        max_length=255,
        help_text=_("The official name of the planning region, e.g. Zemgales plānošanas reģions."),
    )
    intro = RichTextField(verbose_name=_("introduction"), editor="body")

    content_panels = Page.content_panels + [
        FieldPanel("planning_region"),
        FieldPanel("intro"),
        InlinePanel("coordinators", heading=_("Regional coordinators"), label=_("Coordinator")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("planning_region"),
        index.SearchField("intro"),
    ]

    api_fields = [
        APIField("planning_region"),
        APIField("intro"),
        APIField("current_coordinators", serializer=ContactSerializer(many=True)),
    ]

    parent_page_types = ["regions.RegionIndexPage"]
    subpage_types = ["regions.MunicipalityPage", "events.EventPage"]

    class Meta:
        verbose_name = _("region page")
        verbose_name_plural = _("region pages")

    @cached_property
    def current_coordinators(self):
        return current_contacts(self.coordinators.select_related(*COORDINATOR_CONTACT))

    @cached_property
    def municipalities(self):
        return sorted_by_name(
            MunicipalityPage.objects.child_of(self).live().public(), lambda page: page.title
        )

    def structured_data(self, meta, context, request):
        """schema.org GovernmentOrganization: the planning region and how to reach its
        coordinators."""
        data = {
            "@context": seo.SCHEMA,
            "@type": "GovernmentOrganization",
            "name": self.planning_region,
            "url": meta["canonical"],
            "areaServed": {"@type": "AdministrativeArea", "name": self.title},
            "contactPoint": [seo.contact_point(c) for c in self.current_coordinators],
        }
        if meta["description"]:
            data["description"] = meta["description"]
        return data


class RegionCoordinator(ContactLink):
    """The coordinator(s) of a region, shown on the region and on each of its municipalities."""

    page = ParentalKey(RegionPage, on_delete=models.CASCADE, related_name="coordinators")


def with_current_coordinators(regions):
    """The regions of a queryset, each with its current coordinators as `current`, in two queries."""
    regions = list(
        regions.prefetch_related(
            Prefetch(
                "coordinators",
                RegionCoordinator.objects.select_related(*COORDINATOR_CONTACT),
            )
        )
    )
    for region in regions:
        region.current = current_contacts(region.coordinators.all())
    return regions


# The offers (regions.models.offers) a municipality is found by in the search, with the fields read.
OFFER_SEARCH_FIELDS = {
    "family_services_offers": ["title", "description"],
    "housing_offers": ["title", "description", "location"],
    "jobs": ["title", "employer"],
    "business_support": ["title", "description"],
}


class MunicipalityPage(SharedContentMixin, BasePage):
    """A municipality: who to contact there and what it offers to families, for housing and work.

    A municipality that merged into another keeps its page, and readers see the merger instead of
    outdated content.
    """

    class Kind(models.TextChoices):
        STATE_CITY = "state_city", _("State city")
        NOVADS = "novads", _("Municipality (novads)")

    kind = models.CharField(
        verbose_name=_("kind"), max_length=20, choices=Kind.choices, default=Kind.NOVADS
    )
    intro = RichTextField(verbose_name=_("introduction"), editor="body")
    family_services = RichTextField(
        verbose_name=_("services for families with children"),
        blank=True,
        editor="body",
        help_text=_("Kindergartens, schools, support for returning children."),
    )
    housing = RichTextField(
        verbose_name=_("housing"),
        blank=True,
        editor="body",
        help_text=_("Municipal and private housing that can be offered."),
    )
    work_and_business = RichTextField(
        verbose_name=_("work and business"), blank=True, editor="body"
    )
    website = models.URLField(verbose_name=_("official website"), blank=True)
    merged_on = models.DateField(
        verbose_name=_("merged on"),
        null=True,
        blank=True,
        help_text=_("The day the municipality ceased to exist as a separate municipality."),
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("intro"),
        InlinePanel("contacts", heading=_("Contact people"), label=_("Contact person")),
        FieldPanel("family_services"),
        FieldPanel("housing"),
        FieldPanel("work_and_business"),
        FieldPanel("website"),
        MultiFieldPanel(
            [FieldPanel("merged_on"), FieldPanel("merged_into")],
            heading=_("Merger"),
            help_text=_("Only for a municipality that no longer exists."),
        ),
    ]
    # Structured offers (offers app) get a tab each; the free text above introduces each section.
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(
                [InlinePanel("family_services_offers", label=_("Family service"))],
                heading=_("Family services"),
            ),
            ObjectList(
                [InlinePanel("housing_offers", label=_("Housing offer"))], heading=_("Housing")
            ),
            ObjectList(
                [
                    InlinePanel("jobs", heading=_("Job offers"), label=_("Job offer")),
                    InlinePanel(
                        "business_support", heading=_("Business support"), label=_("Support")
                    ),
                ],
                heading=_("Work and business"),
            ),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("family_services"),
        index.SearchField("housing"),
        index.SearchField("work_and_business"),
        *(
            index.RelatedFields(relation, [index.SearchField(name) for name in fields])
            for relation, fields in OFFER_SEARCH_FIELDS.items()
        ),
    ]

    api_fields = [
        APIField("kind"),
        APIField("intro"),
        APIField("website"),
        APIField("merged_on"),
        APIField("merged_into"),
        APIField("current_contacts", serializer=ContactSerializer(many=True)),
    ]

    parent_page_types = ["regions.RegionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("municipality page")
        verbose_name_plural = _("municipality pages")

    def clean(self):
        super().clean()
        if bool(self.merged_on) != bool(self.merged_into_id):
            raise ValidationError(
                {
                    "merged_into": _(
                        "Give both the date of the merger and the municipality it merged into."
                    )
                }
            )
        if self.merged_into_id and self.merged_into_id == self.pk:
            raise ValidationError({"merged_into": _("A municipality cannot merge into itself.")})

    @cached_property
    def current_contacts(self):
        return current_contacts(self.contacts.select_related("contact__photo"))

    @property
    def has_merged(self):
        return self.merged_on is not None and self.merged_on <= timezone.localdate()

    def seo_description(self, context):
        """A merged municipality is described by its merger, as readers see it, never by the
        content it hides."""
        if not self.has_merged:
            return ""
        merged_into = self.merged_into_page
        values = {"day": date_in_case(self.merged_on, "locative"), "name": self.title}
        if merged_into is None:
            return gettext("On %(day)s, %(name)s became part of another municipality.") % values
        values.update(other=merged_into.title, url=merged_into.url)
        return seo.plain_text(
            gettext('On %(day)s, %(name)s merged into <a href="%(url)s">%(other)s</a>.') % values
        )

    @cached_property
    def region(self):
        """The parent region as a plain page (its title and URL are shown), from the ancestors
        the page reads anyway."""
        return self.ancestors[-1]

    @cached_property
    def region_coordinators(self):
        """The region's current coordinators, read without the region page itself."""
        return current_contacts(
            RegionCoordinator.objects.filter(page_id=self.region.pk).select_related(
                *COORDINATOR_CONTACT
            )
        )

    @cached_property
    def offers(self):
        """The current offers by section, each with whom to ask (see current_offers)."""
        asked = self.current_contacts or self.region_coordinators or [None]
        return current_offers(self, asked[0])

    @cached_property
    def merged_into_page(self):
        """The municipality this one merged into, in the reader's language."""
        return self.merged_into.localized if self.merged_into_id else None


class MunicipalityContact(ContactLink):
    """A contact person of a municipality."""

    page = ParentalKey(MunicipalityPage, on_delete=models.CASCADE, related_name="contacts")


class ContactDirectoryPage(SharedContentMixin, SectionIndexPage):
    """Every current contact, grouped by region, with the national mailbox first."""

    subpage_types = []

    class Meta:
        verbose_name = _("contact directory page")
        verbose_name_plural = _("contact directory pages")

    @cached_property
    def general_contact(self):
        return self.get_parent().specific.general_contact

    @cached_property
    def directory(self):
        """The live regions, each with its current coordinators and municipal contacts."""
        today = timezone.localdate()
        current = Q(contact__in=Contact.objects.current(today))
        live_pages = all_pages().live().public().filter(locale_id=self.locale_id)
        coordinators = RegionCoordinator.objects.filter(
            current, page__in=live_pages
        ).select_related("contact__photo")
        municipal = (
            MunicipalityContact.objects.filter(current, page__in=live_pages)
            .select_related("contact__photo", "page")
            .order_by("page__path", "sort_order")
        )
        regions = list(RegionPage.objects.filter(pk__in=live_pages).order_by("path"))
        for region in regions:
            region.directory_coordinators = [
                link.contact for link in coordinators if link.page_id == region.pk
            ]
            region.directory_municipal = [
                (link.page, link.contact)
                for link in municipal
                if link.page.path.startswith(region.path)
            ]
        return regions
