"""Planning regions, municipalities and the people remigrants can contact there."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin
from wagtail_localize.fields import SynchronizedField

from core import seo
from core.models import SectionIndexPage, SharedContentMixin, later
from regions.serializers import ContactSerializer

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]

# Facts about a person that are the same in every language; copied to all translations on save.
SHARED_CONTACT_FIELDS = [
    "phone",
    "email",
    "photo",
    "valid_from",
    "valid_to",
    "last_verified",
]


PHONE_INVALID = _("Enter a valid phone number in international format, e.g. +371 22 338 666.")


class ContactForm(WagtailAdminModelForm):
    """Admin form for contacts, with a phone error message that editors can act on."""

    class Meta:
        error_messages = {"phone": {"invalid": PHONE_INVALID}}


class ContactQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def current(self, day=None):
        """Contacts whose validity period includes `day` (today by default)."""
        day = day or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )


class Contact(TranslatableMixin, index.Indexed, models.Model):
    """A person or mailbox remigrants can contact, translated so that roles read in English.

    Pages link to contacts through translatable orderables (not many-to-many), so the English
    page shows the English contact. Phone, e-mail, photo and dates are facts, not text: they are
    synchronised, and saving any language's version copies them to the others.
    """

    name = models.CharField(
        verbose_name=_("name"),
        max_length=255,
        help_text=_("A person's full name, or the name of a shared mailbox."),
    )
    role = models.CharField(verbose_name=_("role"), max_length=255)
    organisation = models.CharField(verbose_name=_("organisation"), max_length=255, blank=True)
    phone = PhoneNumberField(
        verbose_name=_("phone"),
        blank=True,
        error_messages={"invalid": PHONE_INVALID},
        help_text=_(
            "International format, e.g. +371 22 338 666. Numbers without +371 are read as Latvian."
        ),
    )
    email = models.EmailField(verbose_name=_("e-mail"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(
        verbose_name=_("note"),
        blank=True,
        help_text=_("Shown to readers, e.g. which former municipality this person covers."),
    )
    valid_from = models.DateField(verbose_name=_("valid from"), null=True, blank=True)
    valid_to = models.DateField(
        verbose_name=_("valid to"),
        null=True,
        blank=True,
        help_text=_("After this day the contact disappears from the public pages by itself."),
    )
    last_verified = models.DateField(
        verbose_name=_("last verified"),
        default=timezone.localdate,
        help_text=_("The day someone last confirmed that these details are correct."),
    )

    objects = ContactQuerySet.as_manager()

    base_form_class = ContactForm

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")], heading=_("How to reach them")),
        FieldPanel("photo"),
        FieldPanel("note"),
        FieldRowPanel(
            [FieldPanel("valid_from"), FieldPanel("valid_to"), FieldPanel("last_verified")],
            heading=_("Validity"),
        ),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("role"),
        index.SearchField("organisation"),
        index.SearchField("email"),
        index.SearchField("note"),
        # What editors find a contact by in the admin, as they type.
        index.AutocompleteField("name"),
        index.AutocompleteField("role"),
        index.AutocompleteField("organisation"),
        index.AutocompleteField("email"),
        index.FilterField("locale"),
    ]

    override_translatable_fields = [
        SynchronizedField(name, overridable=False) for name in SHARED_CONTACT_FIELDS
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.role})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        shared = {}
        for name in SHARED_CONTACT_FIELDS:
            attname = self._meta.get_field(name).attname
            shared[attname] = getattr(self, attname)
        Contact.objects.filter(translation_key=self.translation_key).exclude(pk=self.pk).update(
            **shared
        )

    def clean(self):
        super().clean()
        errors = {}
        if not self.phone and not self.email:
            errors["email"] = _(
                "Give a phone number or an e-mail address, so people can reach this contact."
            )
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("The end of validity cannot be before its start.")
        if self.last_verified and self.last_verified > timezone.localdate():
            errors["last_verified"] = _("The date of the last check cannot be in the future.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_current(self):
        today = timezone.localdate()
        return (self.valid_from is None or self.valid_from <= today) and (
            self.valid_to is None or self.valid_to >= today
        )


class ContactLink(TranslatableMixin, Orderable):
    """A page's link to a contact; translatable, so a translated page links the translated contact."""

    contact = models.ForeignKey(
        Contact, verbose_name=_("contact"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("contact")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order"]

    def __str__(self):
        return str(self.contact)


def current_contacts(links):
    """The contacts of `links` (a page's contact links) that are valid today, in editor order."""
    return [link.contact for link in links if link.contact.is_current]


class RegionIndexPage(SharedContentMixin, SectionIndexPage):
    """The list of Latvia's five planning regions."""

    subpage_types = ["regions.RegionPage"]

    class Meta:
        verbose_name = _("region index page")
        verbose_name_plural = _("region index pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["regions"] = later(self.regions_with_coordinators)
        return context

    def regions_with_coordinators(self):
        regions = list(
            self.live_children(RegionPage).prefetch_related(
                Prefetch("coordinators", RegionCoordinator.objects.select_related("contact__photo"))
            )
        )
        for region in regions:
            region.current = current_contacts(region.coordinators.all())
        return regions


class RegionPage(SharedContentMixin, Page):
    """A planning region: its coordinator and its municipalities."""

    planning_region = models.CharField(
        verbose_name=_("planning region"),
        max_length=255,
        help_text=_("The official name of the planning region, e.g. Zemgales plānošanas reģions."),
    )
    intro = RichTextField(verbose_name=_("introduction"), features=RICH_TEXT_FEATURES)

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
    subpage_types = ["regions.MunicipalityPage"]

    class Meta:
        verbose_name = _("region page")
        verbose_name_plural = _("region pages")

    def current_coordinators(self):
        return current_contacts(self.coordinators.select_related("contact__photo"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["coordinators"] = later(self.current_coordinators)
        context["municipalities"] = later(
            lambda: list(MunicipalityPage.objects.child_of(self).live().public())
        )
        return context

    def structured_data(self, meta, context, request):
        """schema.org GovernmentOrganization: the planning region and how to reach its
        coordinators."""
        coordinators = context.get("coordinators")
        if coordinators is None:
            coordinators = self.current_coordinators()
        data = {
            "@context": seo.SCHEMA,
            "@type": "GovernmentOrganization",
            "name": self.planning_region,
            "url": meta["canonical"],
            "areaServed": {"@type": "AdministrativeArea", "name": self.title},
            "contactPoint": [seo.contact_point(contact) for contact in coordinators],
        }
        if meta["description"]:
            data["description"] = meta["description"]
        return data


class RegionCoordinator(ContactLink):
    """The coordinator(s) of a region, shown on the region and on each of its municipalities."""

    page = ParentalKey(RegionPage, on_delete=models.CASCADE, related_name="coordinators")


# The offers (offers.models) a municipality is found by in the search, with the fields read.
OFFER_SEARCH_FIELDS = {
    "family_services_offers": ["title", "description"],
    "housing_offers": ["title", "description", "location"],
    "jobs": ["title", "employer"],
    "business_support": ["title", "description"],
}


class MunicipalityPage(SharedContentMixin, Page):
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
    intro = RichTextField(verbose_name=_("introduction"), features=RICH_TEXT_FEATURES)
    family_services = RichTextField(
        verbose_name=_("services for families with children"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Kindergartens, schools, support for returning children."),
    )
    housing = RichTextField(
        verbose_name=_("housing"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Municipal and private housing that can be offered."),
    )
    work_and_business = RichTextField(
        verbose_name=_("work and business"), blank=True, features=RICH_TEXT_FEATURES
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
        merged_into = context.get("merged_into")
        values = {"day": date_format(self.merged_on, "DATE_FORMAT"), "name": self.title}
        if merged_into is None:
            return gettext("On %(day)s, %(name)s became part of another municipality.") % values
        values.update(other=merged_into.title, url=merged_into.url)
        return seo.plain_text(
            gettext('On %(day)s, %(name)s merged into <a href="%(url)s">%(other)s</a>.') % values
        )

    def get_context(self, request, *args, **kwargs):
        # Imported here: the offers app builds on this module.
        from offers.models import current_offers

        context = super().get_context(request, *args, **kwargs)
        region = context["region"] = later(lambda: self.get_parent().specific)
        coordinators = context["coordinators"] = later(lambda: region.current_coordinators())
        contacts = context["contacts"] = later(self.current_contacts)
        context["offers"] = later(
            lambda: current_offers(self, (list(contacts) or list(coordinators) or [None])[0])
        )
        merged_into = context["merged_into"] = later(
            lambda: self.merged_into.localized if self.merged_into_id else None
        )
        context["merged_into_url"] = later(
            lambda: merged_into.get_url(request) if merged_into else None
        )
        return context


class MunicipalityContact(ContactLink):
    """A contact person of a municipality."""

    page = ParentalKey(MunicipalityPage, on_delete=models.CASCADE, related_name="contacts")


class ContactDirectoryPage(SharedContentMixin, SectionIndexPage):
    """Every current contact, grouped by region, with the national mailbox first."""

    subpage_types = []

    class Meta:
        verbose_name = _("contact directory page")
        verbose_name_plural = _("contact directory pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["regions"] = later(self.directory)
        context["general_contact"] = later(lambda: self.get_parent().specific.general_contact)
        return context

    def directory(self):
        """The live regions, each with its current coordinators and municipal contacts."""
        today = timezone.localdate()
        current = Q(contact__in=Contact.objects.current(today))
        live_pages = Page.objects.live().public().filter(locale_id=self.locale_id)
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


class Team(models.Model):
    """The people who look after one region or municipality, in every language.

    A team is a user group with page permissions on the page and all its translations, an image
    and document collection of its own and, for a region, the review workflow of its subtree.
    It is keyed by the page's translation key, so renaming or translating the page keeps it.
    """

    class Kind(models.TextChoices):
        REGION = "region", _("Regional coordinators")
        MUNICIPALITY = "municipality", _("Municipality editors")

    kind = models.CharField(verbose_name=_("kind"), max_length=20, choices=Kind.choices)
    translation_key = models.UUIDField(unique=True, editable=False)
    group = models.OneToOneField(
        "auth.Group", verbose_name=_("group"), on_delete=models.CASCADE, related_name="team"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("collection"),
        on_delete=models.PROTECT,
        related_name="team",
    )
    workflow = models.OneToOneField(
        "wagtailcore.Workflow",
        verbose_name=_("review workflow"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="team",
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self):
        return self.group.name

    @property
    def pages(self):
        """The team's page in every language."""
        return Page.objects.filter(translation_key=self.translation_key)
