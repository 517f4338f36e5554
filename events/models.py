"""Events of the regional coordinators: information days, webinars, meetings abroad and at home.

An event page is a child of its region's page, so the region's team edits and publishes it with
the rights it has on the region (teams.provisioning), and its review workflow applies. One
events page per language, under the home page, lists the upcoming events of every region.

Times are stored in UTC and shown in Latvian time (events.times). An event drops from every
listing once it has ended, at request time (`EventQuerySet.upcoming`), with no job to run; what
the caches keep of a listing is at most PAGE_CACHE_SECONDS / FRAGMENT_CACHE_SECONDS plus
CDN_CACHE_SECONDS old (five minutes each by default, core.cache), so an event can be listed at
most that long after its end, never for hours. That bound is chosen over a cache lifetime cut to
the next event's end: listings show an event until it *ends*, so a few minutes after the end
harm nobody, and the whole-page cache has one lifetime for every page.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Sum
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core import seo
from core.blocks import BodyBlock
from core.models import BasePage, PortalPageQuerySet, SectionIndexPage
from events.panels import RegistrationsPanel
from events.times import LATVIA, time_range, zoned
from inquiries.models import PRIVACY_SLUGS
from regions.models import RegionPage
from teams.provisioning import source_page

# Listed beside the news feeds on the events' pages.
EVENT_FEEDS = [
    ("application/rss+xml", _("Events (RSS)"), "events_rss"),
    ("application/atom+xml", _("Events (Atom)"), "events_atom"),
]
NAME_MAX_LENGTH = 200
MAX_PEOPLE = 10
# Facts of an event that are the same in every language: copied to the translations, never
# offered to translators.
SHARED_EVENT_FIELDS = (
    "start",
    "end",
    "format",
    "online_link",
    "audience_country",
    "registration",
    "registration_url",
    "capacity",
    "is_example",
)


class EventQuerySet(PortalPageQuerySet):
    def upcoming(self, now=None):
        """Events that have not ended yet, the soonest first."""
        return self.filter(end__gte=now or timezone.now()).order_by("start", "pk")


EventPageManager = PageManager.from_queryset(EventQuerySet)


def with_regions(events):
    """`events` as a list, each with its region page as `region_page`, in one more query."""
    events = list(events)
    if events:
        steplen = events[0].steplen
        regions = {
            region.path: region
            for region in RegionPage.objects.filter(
                path__in={event.path[:-steplen] for event in events}
            )
        }
        for event in events:
            event.__dict__["region"] = regions.get(event.path[:-steplen])
    return events


class EventIndexPage(SectionIndexPage):
    """The upcoming events of every region, one page per language under the home page.

    Not kept as shared content: what it lists changes with the clock (see the module docstring).
    """

    subpage_types = []
    feeds = EVENT_FEEDS

    class Meta:
        verbose_name = _("events page")
        verbose_name_plural = _("events pages")

    @cached_property
    def upcoming_events(self):
        return with_regions(
            EventPage.objects.live().public().filter(locale_id=self.locale_id).upcoming()
        )


class EventPage(RoutablePageMixin, BasePage):
    """An event run by a region's coordinators: online, in person or both.

    A child of the region's page (its team edits it). Registration is either not needed, on
    another website, or through the form on this page: registrations are stored like inquiries
    and seen only by the region's coordinators and national editors (events.permissions).
    """

    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("In person and online")

    class Registration(models.TextChoices):
        NONE = "none", _("No registration needed")
        LINK = "link", _("On another website")
        FORM = "form", _("With the form on this page")

    start = models.DateTimeField(
        verbose_name=_("starts"),
        help_text=_("In Latvian time; readers abroad also see their own time for online events."),
    )
    end = models.DateTimeField(verbose_name=_("ends"))
    format = models.CharField(
        verbose_name=_("format"), max_length=20, choices=Format.choices, default=Format.ONLINE
    )
    intro = models.TextField(
        verbose_name=_("summary"),
        max_length=300,
        help_text=_("One or two sentences, shown in lists of events, feeds and calendars."),
    )
    venue_name = models.CharField(verbose_name=_("venue"), max_length=255, blank=True)
    address = models.TextField(verbose_name=_("address"), max_length=500, blank=True)
    online_link = models.URLField(
        verbose_name=_("link to join online"),
        blank=True,
        help_text=_("Shown on the page and in calendar files."),
    )
    audience_country = CountryField(
        verbose_name=_("for people living in"),
        blank=True,
        help_text=_("Only if the event is meant for people in one country, e.g. Ireland."),
    )
    registration = models.CharField(
        verbose_name=_("registration"),
        max_length=10,
        choices=Registration.choices,
        default=Registration.NONE,
    )
    registration_url = models.URLField(verbose_name=_("registration link"), blank=True)
    capacity = models.PositiveIntegerField(
        verbose_name=_("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text=_("How many people the form accepts; empty for no limit."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    is_example = models.BooleanField(
        verbose_name=_("example"),
        default=False,
        help_text=_("Demonstration content, not a real event. Readers see it marked “Example”."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("is_example"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("When")),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldPanel("venue_name"),
                FieldPanel("address"),
                FieldPanel("online_link"),
                FieldPanel("audience_country"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration"),
                FieldPanel("registration_url"),
                FieldPanel("capacity"),
                RegistrationsPanel(),
            ],
            heading=_("Registration"),
        ),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("venue_name"),
        index.SearchField("address"),
        index.SearchField("body"),
        index.FilterField("end"),
    ]

    api_fields = [
        APIField("start"),
        APIField("end"),
        APIField("format"),
        APIField("intro"),
        APIField("venue_name"),
        APIField("address"),
        APIField("online_link"),
        APIField("registration"),
        APIField("registration_url"),
        APIField("is_example"),
    ]

    override_translatable_fields = [
        SynchronizedField(name, overridable=False) for name in SHARED_EVENT_FIELDS
    ]

    parent_page_types = ["regions.RegionPage"]
    subpage_types = []

    objects = EventPageManager()

    og_type = "website"
    feeds = EVENT_FEEDS

    class Meta:
        verbose_name = _("event page")
        verbose_name_plural = _("event pages")
        indexes = [models.Index(fields=["end", "start"])]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The event must end after it starts.")
        if self.is_in_person and not (self.venue_name or self.address):
            errors["address"] = _("Give the venue or the address of an event held in person.")
        if self.registration == self.Registration.LINK and not self.registration_url:
            errors["registration_url"] = _("Give the link where people register.")
        elif self.registration != self.Registration.LINK and self.registration_url:
            errors["registration_url"] = _(
                "Choose “On another website” as the registration to use this link, or remove it."
            )
        if self.capacity and self.registration != self.Registration.FORM:
            errors["capacity"] = _(
                "Places are counted only when people register with the form on this page."
            )
        if errors:
            raise ValidationError(errors)

    # Where and when

    @property
    def is_online(self):
        return self.format in (self.Format.ONLINE, self.Format.HYBRID)

    @property
    def is_in_person(self):
        return self.format in (self.Format.IN_PERSON, self.Format.HYBRID)

    @property
    def starts(self):
        return zoned(self.start, LATVIA)

    @property
    def ends(self):
        return zoned(self.end, LATVIA)

    @property
    def is_one_day(self):
        """Whether the event starts and ends on the same day in Latvia."""
        return self.starts.moment.date() == self.ends.moment.date()

    @property
    def when(self):
        """The time in Latvian time, as one line of text (feeds, calendars, listings)."""
        return time_range(self.start, self.end, LATVIA)

    @property
    def has_ended(self):
        return self.end < timezone.now()

    @cached_property
    def region(self):
        """The region page above the event (its parent), in one query."""
        return RegionPage.objects.filter(path=self.path[: -self.steplen]).first()

    # Registration

    @cached_property
    def source_event(self):
        """The event in the default language: registrations are kept against it, so that both
        languages' forms fill the same places."""
        return source_page(self)

    def places_taken(self):
        return (
            EventRegistration.objects.filter(event=self.source_event).aggregate(
                people=Sum("people")
            )["people"]
            or 0
        )

    def places_left(self):
        """Places left, or None when there is no limit."""
        if not self.capacity:
            return None
        return max(self.capacity - self.places_taken(), 0)

    @property
    def has_form(self):
        return self.registration == self.Registration.FORM

    @property
    def registration_open(self):
        """The form takes registrations until the event starts."""
        return self.has_form and self.start > timezone.now()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Without a form, the page is the same for every reader (see core.models).
        if not self.has_form:
            context["shared_content_key"] = self.pk
        return context

    @path("")
    def event(self, request):
        from events.views import event_view

        return event_view(request, self)

    @path("registered/", name="registered")
    def registered(self, request):
        from events.views import registered_view

        return registered_view(request, self)

    @path("ics/", name="ics")
    def ics(self, request):
        """The event as an iCalendar file. Wagtail serves pages only at paths of words and
        slashes, so the file is at …/event-slug/ics/, named by Content-Disposition."""
        from events.calendar import event_calendar_response

        return event_calendar_response(request, [self], filename=self.slug)

    @property
    def ics_path(self):
        """The calendar file's path below the page's URL."""
        return self.reverse_subpage("ics")

    def privacy_page(self):
        """The privacy policy the form's notice links to, as the inquiry form's does."""
        home = Page.objects.ancestor_of(self).filter(depth=2).first()
        if home is None:
            return None
        return Page.objects.child_of(home).live().public().filter(slug__in=PRIVACY_SLUGS).first()

    # What search engines read

    @property
    def published_time(self):
        return self.first_published_at

    def structured_data(self, meta, context, request):
        """schema.org Event: when (with Riga's offset), how one attends, where, and who runs it."""
        return event_structured_data(self, meta, request)


def event_structured_data(event, meta, request):
    attendance = {
        EventPage.Format.ONLINE: "OnlineEventAttendanceMode",
        EventPage.Format.IN_PERSON: "OfflineEventAttendanceMode",
        EventPage.Format.HYBRID: "MixedEventAttendanceMode",
    }[event.format]
    locations = []
    if event.is_in_person:
        place = {"@type": "Place", "name": event.venue_name or event.address}
        if event.address:
            place["address"] = " ".join(event.address.split())
        locations.append(place)
    if event.is_online:
        locations.append(
            {"@type": "VirtualLocation", "url": event.online_link or meta["canonical"]}
        )
    data = {
        "@context": seo.SCHEMA,
        "@type": "Event",
        "name": event.title,
        "description": meta.get("description") or event.intro,
        "startDate": event.starts.iso,
        "endDate": event.ends.iso,
        "eventAttendanceMode": f"{seo.SCHEMA}/{attendance}",
        "eventStatus": f"{seo.SCHEMA}/EventScheduled",
        "location": locations[0] if len(locations) == 1 else locations,
        "url": meta["canonical"],
        "inLanguage": event.locale.language_code,
        "isAccessibleForFree": True,
    }
    region = event.region
    if region is not None:
        data["organizer"] = {
            "@type": "GovernmentOrganization",
            "name": region.planning_region,
            "url": region.get_full_url(request),
        }
    if event.registration == EventPage.Registration.LINK:
        data["offers"] = {"@type": "Offer", "url": event.registration_url, "price": "0"}
    return data


class EventRegistration(models.Model):
    """One person's registration for an event through the form on its page.

    `event` and `region` point at the Latvian pages (teams are keyed to them), whichever
    language the form was in. Deleted EVENT_REGISTRATION_RETENTION_DAYS after the event ended
    (`manage.py purge_event_registrations`).
    """

    event = models.ForeignKey(
        EventPage,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    region = models.ForeignKey(
        "regions.RegionPage",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(verbose_name=_("name"), max_length=NAME_MAX_LENGTH)
    email = models.EmailField(verbose_name=_("e-mail"))
    country = CountryField(verbose_name=_("country of residence"), blank=True)
    people = models.PositiveSmallIntegerField(
        verbose_name=_("people"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PEOPLE)],
    )
    language = models.CharField(
        verbose_name=_("form language"), max_length=2, choices=settings.LANGUAGES
    )
    created_at = models.DateTimeField(verbose_name=_("registered"), default=timezone.now)
    # The random token of the form filled in: posting it again finds this registration.
    submission_token = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["email"])]

    def __str__(self):
        # No personal data: this label is written to the admin's history log.
        return _("Registration no. %(number)s") % {"number": self.pk}
