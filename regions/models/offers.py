"""What municipalities offer remigrants: family services, housing, jobs and business support.

Offers are translatable rows of the municipality page (not snippets), so the page's team
permissions, the region's review workflow and wagtail-localize's page translation apply to them
unchanged: text is translated, numbers, dates, links, choices and photos are copied, and the
English page links the English contact.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Orderable, TranslatableMixin

from regions.models.contacts import Contact

NOT_NEGATIVE = MinValueValidator(Decimal(0), message=_("This cannot be negative."))


def money_field(verbose_name, help_text=""):
    """An optional amount in euros that cannot be negative."""
    return models.DecimalField(
        verbose_name=verbose_name,
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[NOT_NEGATIVE],
        help_text=help_text,
    )


def valid_until_field(verbose_name):
    """The last day an offer is shown (for a job, its application deadline)."""
    return models.DateField(
        verbose_name=verbose_name,
        null=True,
        blank=True,
        help_text=_("After this day the offer disappears from the public pages by itself."),
    )


class OfferQuerySet(models.QuerySet):
    def current(self, day=None):
        """Offers still valid on `day` (today by default): expired offers never show."""
        day = day or timezone.localdate()
        return self.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))


class Offer(TranslatableMixin, Orderable):
    """Fields and behaviour every kind of offer shares."""

    anchor_prefix = "offer"

    title = models.CharField(verbose_name=_("title"), max_length=255)
    valid_until = valid_until_field(_("valid until"))
    is_example = models.BooleanField(
        verbose_name=_("example"),
        default=False,
        help_text=_("Demonstration content, not a real offer. Readers see it marked “Example”."),
    )

    objects = OfferQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order"]

    def __str__(self):
        return self.title

    @property
    def anchor(self):
        """An id for links to this offer, the same in every language and revision."""
        return f"{self.anchor_prefix}-{str(self.translation_key)[:8]}"

    @property
    def is_current(self):
        return self.valid_until is None or self.valid_until >= timezone.localdate()


class FamilyService(Offer):
    """A service for families with children: kindergarten, school, benefits, health, leisure."""

    class Category(models.TextChoices):
        KINDERGARTEN = "kindergarten", _("Kindergarten")
        SCHOOL = "school", _("School")
        LANGUAGE_SUPPORT = "language_support", _("Latvian language support for returning children")
        BENEFIT = "benefit", _("Family benefit")
        HEALTHCARE = "healthcare", _("Healthcare")
        LEISURE = "leisure", _("Leisure")

    anchor_prefix = "family"

    page = ParentalKey(
        "regions.MunicipalityPage", on_delete=models.CASCADE, related_name="family_services_offers"
    )
    category = models.CharField(verbose_name=_("category"), max_length=30, choices=Category.choices)
    description = models.TextField(verbose_name=_("description"), blank=True)
    amount = money_field(_("amount (EUR)"), _("Only if the service is a payment, e.g. a benefit."))
    conditions = models.TextField(
        verbose_name=_("conditions"),
        blank=True,
        help_text=_(
            "Who may receive it and what to do, e.g. declared residence in the municipality."
        ),
    )
    link = models.URLField(verbose_name=_("official link"), blank=True)
    place_guaranteed = models.BooleanField(
        verbose_name=_("place guaranteed"),
        default=False,
        help_text=_(
            "Kindergarten only: a child of a returning family gets a place without waiting."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("category"), FieldPanel("place_guaranteed")]),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("conditions"),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("valid_until")]),
        FieldPanel("link"),
        FieldPanel("is_example"),
    ]

    class Meta(Offer.Meta):
        verbose_name = _("family service")
        verbose_name_plural = _("family services")

    def clean(self):
        super().clean()
        if self.place_guaranteed and self.category != self.Category.KINDERGARTEN:
            raise ValidationError(
                {"place_guaranteed": _("Only a kindergarten place can be marked as guaranteed.")}
            )


class HousingOffer(Offer):
    """A flat, house or plot a remigrant family could rent or buy, with whom to ask about it."""

    class Kind(models.TextChoices):
        MUNICIPAL_RENTAL = "municipal_rental", _("Municipal rental")
        PRIVATE_RENTAL = "private_rental", _("Private rental")
        SALE = "sale", _("For sale")
        LAND = "land", _("Land")

    RENTALS = {Kind.MUNICIPAL_RENTAL, Kind.PRIVATE_RENTAL}
    anchor_prefix = "housing"

    page = ParentalKey(
        "regions.MunicipalityPage", on_delete=models.CASCADE, related_name="housing_offers"
    )
    kind = models.CharField(verbose_name=_("kind"), max_length=30, choices=Kind.choices)
    description = models.TextField(verbose_name=_("description"), blank=True)
    location = models.CharField(
        verbose_name=_("location"),
        max_length=255,
        help_text=_("Settlement or parish, e.g. Sala, Salas pagasts."),
    )
    rooms = models.PositiveSmallIntegerField(verbose_name=_("rooms"), null=True, blank=True)
    area = models.DecimalField(
        verbose_name=_("area (m²)"),
        max_digits=9,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[NOT_NEGATIVE],
    )
    price = money_field(
        _("price (EUR)"), _("Monthly rent for rentals; the full price for sales and land.")
    )
    available_from = models.DateField(
        verbose_name=_("available from"),
        null=True,
        blank=True,
        help_text=_("Leave empty if it is available now."),
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Who to ask about this offer; without one, readers see the municipality's contacts."
        ),
    )
    photos = StreamField(
        [("photo", ImageBlock(label=_("Photo")))],
        verbose_name=_("photos"),
        blank=True,
        max_num=6,
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("location")]),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("rooms"), FieldPanel("area"), FieldPanel("price")]),
        FieldRowPanel([FieldPanel("available_from"), FieldPanel("valid_until")]),
        FieldPanel("contact"),
        FieldPanel("photos"),
        FieldPanel("is_example"),
    ]

    class Meta(Offer.Meta):
        verbose_name = _("housing offer")
        verbose_name_plural = _("housing offers")

    def clean(self):
        super().clean()
        if self.available_from and self.valid_until and self.valid_until < self.available_from:
            raise ValidationError(
                {"valid_until": _("The offer cannot end before the housing becomes available.")}
            )

    @property
    def is_rental(self):
        return self.kind in self.RENTALS

    @property
    def is_available_now(self):
        return self.available_from is None or self.available_from <= timezone.localdate()


class JobOffer(Offer):
    """A vacancy at a local employer."""

    anchor_prefix = "job"

    page = ParentalKey("regions.MunicipalityPage", on_delete=models.CASCADE, related_name="jobs")
    employer = models.CharField(verbose_name=_("employer"), max_length=255)
    valid_until = valid_until_field(_("application deadline"))
    salary_min = money_field(_("salary from (EUR)"), _("Gross monthly salary."))
    salary_max = money_field(_("salary to (EUR)"), _("Gross monthly salary."))
    how_to_apply = models.TextField(
        verbose_name=_("how to apply"), help_text=_("Documents to send, to whom, and by when.")
    )
    link = models.URLField(verbose_name=_("link to the vacancy"), blank=True)

    panels = [
        FieldPanel("employer"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("salary_min"), FieldPanel("salary_max")]),
        FieldPanel("how_to_apply"),
        FieldRowPanel([FieldPanel("valid_until"), FieldPanel("link")]),
        FieldPanel("is_example"),
    ]

    class Meta(Offer.Meta):
        verbose_name = _("job offer")
        verbose_name_plural = _("job offers")

    def clean(self):
        super().clean()
        if (
            self.salary_min is not None
            and self.salary_max is not None
            and self.salary_max < self.salary_min
        ):
            raise ValidationError(
                {"salary_max": _("The upper end of the salary cannot be below the lower end.")}
            )


class BusinessSupport(Offer):
    """Support for starting or moving a business: grants, advice, premises."""

    class Kind(models.TextChoices):
        GRANT = "grant", _("Grant")
        ADVICE = "advice", _("Advisory services")
        PREMISES = "premises", _("Premises")

    anchor_prefix = "business"

    page = ParentalKey(
        "regions.MunicipalityPage", on_delete=models.CASCADE, related_name="business_support"
    )
    kind = models.CharField(verbose_name=_("kind"), max_length=30, choices=Kind.choices)
    description = models.TextField(verbose_name=_("description"), blank=True)
    amount = money_field(_("amount (EUR)"), _("The largest amount, for a grant."))
    link = models.URLField(verbose_name=_("official link"), blank=True)

    panels = [
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("valid_until")]),
        FieldPanel("link"),
        FieldPanel("is_example"),
    ]

    class Meta(Offer.Meta):
        verbose_name = _("business support")
        verbose_name_plural = _("business support")


def offer_contact(offer, fallback):
    """Who to ask about `offer`: its own contact if it has a current one, else `fallback`.

    An example offer is invented: it never sends readers to a real person by falling back.
    """
    own = getattr(offer, "contact", None)
    if own is not None and own.is_current:
        return own
    return None if offer.is_example else fallback


def current_offers(page, fallback_contact):
    """The municipality's valid offers by section, each with the contact to ask.

    Filters in Python so that previews, whose unsaved offers live only in memory, show them too.
    """
    sections = {
        "family_services": page.family_services_offers.all(),
        "housing": page.housing_offers.select_related("contact"),
        "jobs": page.jobs.all(),
        "business_support": page.business_support.all(),
    }
    offers = {}
    for name, rows in sections.items():
        offers[name] = [offer for offer in rows if offer.is_current]
        for offer in offers[name]:
            offer.shown_contact = offer_contact(offer, fallback_contact)
    return offers
