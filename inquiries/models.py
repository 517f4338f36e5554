"""Return-needs inquiries: the form page, the stored inquiry, the coordinators' notes on it and
the personal offers sent to the person."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.models import BasePage, all_pages

NAME_MAX_LENGTH = 200
MESSAGE_MAX_LENGTH = 2000
PRIVACY_SLUGS = ("privatuma-politika", "privacy", "privacy-policy")


class InquiryPage(RoutablePageMixin, BasePage):
    """The "ask for a personal offer" form, one per language under the home page.

    The form posts to the page itself; a valid post redirects to the `done` route, which finds
    the inquiry through the session, so no personal data ever appears in a URL.
    """

    intro = RichTextField(
        verbose_name=_("introduction"),
        help_text=_("What happens after someone sends the form, in a few sentences."),
    )
    privacy_notice = RichTextField(
        verbose_name=_("privacy notice: more details"),
        blank=True,
        help_text=_(
            "Shown beside the submit button after the standard statement of purpose, legal basis, "
            "recipients and retention: e.g. the data controller and a link to the privacy page."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("privacy_notice")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("inquiry form page")
        verbose_name_plural = _("inquiry form pages")

    def privacy_page(self):
        """The privacy policy the notice links to: a live page beside this one whose slug says
        so (the Latvian and English slugs of the demo's page), if the site has one."""
        return all_pages().sibling_of(self).live().public().filter(slug__in=PRIVACY_SLUGS).first()

    @path("")
    def form(self, request):
        from inquiries.views import form_view

        return form_view(request, self)

    @path("done/", name="done")
    def done(self, request):
        from inquiries.views import done_view

        return done_view(request, self)


class InquiryQuerySet(models.QuerySet):
    def due(self, day=None):
        """Open inquiries whose next follow-up is `day` (today by default) or earlier."""
        day = day or timezone.localdate()
        return self.filter(next_follow_up__lte=day).exclude(status__in=Inquiry.FINISHED)

    def untouched(self):
        """New inquiries nobody has worked on yet: no note, no follow-up date, status unchanged."""
        return self.filter(
            status=Inquiry.Status.NEW, next_follow_up__isnull=True, notes__isnull=True
        )


class Inquiry(ClusterableModel):
    """One person's return needs, as sent through the form, and where the follow-up stands.

    `region` and `municipality` point at the Latvian pages (teams are keyed to them); no
    region means the person has not decided yet and the national team follows up.
    """

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_CONTACT = "in_contact", _("In contact")
        OFFER_SENT = "offer_sent", _("Offer sent")
        RETURNED = "returned", _("Returned")
        NOT_RETURNING = "not_returning", _("Not returning")
        CLOSED = "closed", _("Closed")

    class Need(models.TextChoices):
        WORK = "work", _("Work")
        HOUSING = "housing", _("Housing")
        SCHOOL = "school", _("Kindergarten or school")
        BUSINESS = "business", _("Starting a business")
        OTHER = "other", _("Something else")

    class ReturnPlan(models.TextChoices):
        SOON = "6_months", _("Within six months")
        YEAR = "1_year", _("Within a year")
        LATER = "1_3_years", _("In one to three years")
        UNSURE = "unsure", _("Not sure yet")

    FINISHED = (Status.RETURNED, Status.NOT_RETURNING, Status.CLOSED)

    name = models.CharField(verbose_name=_("name"), max_length=NAME_MAX_LENGTH)
    email = models.EmailField(verbose_name=_("e-mail"))
    phone = PhoneNumberField(verbose_name=_("phone"), blank=True)
    country = CountryField(verbose_name=_("country of residence"))
    adults = models.PositiveSmallIntegerField(verbose_name=_("adults"), default=1)
    children_ages = models.JSONField(verbose_name=_("ages of children"), default=list, blank=True)
    region = models.ForeignKey(
        "regions.RegionPage",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    municipality = models.ForeignKey(
        "regions.MunicipalityPage",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    needs = models.JSONField(verbose_name=_("needs"), default=list, blank=True)
    return_plan = models.CharField(
        verbose_name=_("plans to return"), max_length=20, choices=ReturnPlan.choices
    )
    message = models.TextField(verbose_name=_("message"), max_length=MESSAGE_MAX_LENGTH, blank=True)
    contact_language = models.CharField(
        verbose_name=_("language of contact"), max_length=2, choices=settings.LANGUAGES
    )
    language = models.CharField(
        verbose_name=_("form language"), max_length=2, choices=settings.LANGUAGES
    )
    created_at = models.DateTimeField(verbose_name=_("received"), default=timezone.now)
    status = models.CharField(
        verbose_name=_("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    next_follow_up = models.DateField(verbose_name=_("next follow-up"), null=True, blank=True)
    closed_at = models.DateTimeField(verbose_name=_("closed at"), null=True, blank=True)
    # The random token of the form the person filled in: a second post of the same form (a
    # double click, a retry after an error) finds this inquiry instead of storing another.
    submission_token = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )

    objects = InquiryQuerySet.as_manager()

    class Meta:
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["email"]), models.Index(fields=["status", "closed_at"])]

    def __str__(self):
        # No personal data: this label is written to the admin's history log.
        return _("Inquiry no. %(number)s") % {"number": self.pk}

    def save(self, *args, **kwargs):
        """Remember when the inquiry was closed: the retention period counts from then."""
        if self.status == self.Status.CLOSED and self.closed_at is None:
            self.closed_at = timezone.now()
        elif self.status != self.Status.CLOSED:
            self.closed_at = None
        super().save(*args, **kwargs)

    @property
    def children(self):
        return len(self.children_ages)

    def get_needs_display(self):
        labels = dict(self.Need.choices)
        return [labels[need] for need in self.needs if need in labels]

    @property
    def place(self):
        """The municipality or region the person considers, or None if undecided."""
        return self.municipality or self.region


class InquiryNote(models.Model):
    """A dated note about one contact with the person: a call, an e-mail, an offer sent."""

    inquiry = ParentalKey(Inquiry, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    date = models.DateField(verbose_name=_("date"), default=timezone.localdate)
    text = models.TextField(verbose_name=_("note"), max_length=MESSAGE_MAX_LENGTH)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("author", read_only=True)]),
        FieldPanel("text"),
    ]

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date}"


# How long a personal offer's link works: the coordinator chooses, within these bounds.
OFFER_DEFAULT_DAYS = 30
OFFER_MAX_DAYS = 90


def hash_token(token):
    """The SHA-256 of a link token, the only form in which it is stored.

    The link is found by looking its hash up (an index lookup, not a comparison of secrets in
    Python), so no constant-time comparison is needed: timing reveals nothing about the hash
    of a token nobody has, and the database never holds a token that would open the page.
    """
    return hashlib.sha256(token.encode()).hexdigest()


class PersonalOffer(models.Model):
    """What a coordinator chose for one person from the municipalities' current offers, with
    contacts and a personal note, shown on a private page behind an expiring link.

    Part of the inquiry's history: it is deleted with the inquiry (CASCADE) under the retention
    rules. The link's token is random (`secrets.token_urlsafe(32)`) and only its SHA-256 is kept,
    so the database, its backups and the admin cannot open the page: the token exists only in
    the e-mail sent to the person.
    """

    inquiry = models.ForeignKey(
        Inquiry,
        verbose_name=_("inquiry"),
        on_delete=models.CASCADE,
        related_name="personal_offers",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(
        verbose_name=_("language"), max_length=2, choices=settings.LANGUAGES
    )
    note = models.TextField(
        verbose_name=_("personal note"), max_length=MESSAGE_MAX_LENGTH, blank=True
    )
    created_at = models.DateTimeField(verbose_name=_("created"), default=timezone.now)
    sent_at = models.DateTimeField(verbose_name=_("sent"), null=True, blank=True)
    expires_at = models.DateTimeField(verbose_name=_("link expires"))
    revoked_at = models.DateTimeField(verbose_name=_("withdrawn"), null=True, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    first_opened_at = models.DateTimeField(verbose_name=_("first opened"), null=True, blank=True)
    last_opened_at = models.DateTimeField(verbose_name=_("last opened"), null=True, blank=True)
    open_count = models.PositiveIntegerField(verbose_name=_("times opened"), default=0)

    class Meta:
        verbose_name = _("personal offer")
        verbose_name_plural = _("personal offers")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        # No personal data, like the inquiry's own label.
        return _("Personal offer no. %(number)s") % {"number": self.pk}

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self):
        """Whether the link opens the page: sent, not withdrawn, not expired, and of an inquiry
        that is not closed (closing starts the retention period, so the link stops then)."""
        return (
            self.sent_at is not None
            and self.revoked_at is None
            and not self.is_expired
            and self.inquiry.status != Inquiry.Status.CLOSED
        )

    def record_opening(self):
        """Count one opening of the page, in one UPDATE (two readers at once both count)."""
        now = timezone.now()
        PersonalOffer.objects.filter(pk=self.pk).update(
            open_count=models.F("open_count") + 1,
            last_opened_at=now,
            first_opened_at=Coalesce("first_opened_at", Value(now)),
        )


class PersonalOfferItem(models.Model):
    """One municipality offer or contact chosen for a personal offer.

    Kept by the kind and `translation_key` of the offer (or contact), not a foreign key to one
    row: the page shows the version in the reader's language (falling back to the Latvian one),
    as it is when the page is opened, and only while it is current. An offer the municipality
    removed or that has expired simply drops out of the page, as it does on the public pages;
    wagtail-localize may recreate translated rows, but their translation key stays.
    """

    class Kind(models.TextChoices):
        FAMILY_SERVICE = "family_service", _("Family services")
        HOUSING = "housing", _("Housing")
        JOB = "job", _("Jobs")
        BUSINESS_SUPPORT = "business_support", _("Business support")
        CONTACT = "contact", _("Contacts")

    personal_offer = models.ForeignKey(
        PersonalOffer, on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    translation_key = models.UUIDField()
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["personal_offer", "kind", "translation_key"],
                name="unique_personal_offer_item",
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.translation_key}"
