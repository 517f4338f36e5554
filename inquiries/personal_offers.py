"""Personal offers: what a coordinator may choose for an inquiry, sending it, and showing it.

Choices come from the municipalities of the inquiry's region (the inquiry's own municipality
first), or from every municipality for a person who has not decided: their current offers and
contacts, and the region's coordinators. They are listed in Latvian, the coordinators' content
language, and stored by translation key (see `PersonalOfferItem`); the person's page shows each
in the page's language, or in Latvian where it has not been translated.
"""

import datetime
import secrets
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.log_actions import log
from wagtail.models import Locale

from inquiries import notifications
from inquiries.models import (
    Inquiry,
    InquiryNote,
    PersonalOffer,
    PersonalOfferItem,
    hash_token,
)
from regions.models import (
    BusinessSupport,
    Contact,
    FamilyService,
    HousingOffer,
    JobOffer,
    MunicipalityContact,
    MunicipalityPage,
    RegionPage,
    offer_contact,
)

Kind = PersonalOfferItem.Kind

# Each kind of offer: its model and the relation of MunicipalityPage that holds its rows.
OFFER_KINDS = {
    Kind.FAMILY_SERVICE: (FamilyService, "family_services_offers"),
    Kind.HOUSING: (HousingOffer, "housing_offers"),
    Kind.JOB: (JobOffer, "jobs"),
    Kind.BUSINESS_SUPPORT: (BusinessSupport, "business_support"),
}
# The includes the municipality page shows each kind with; the personal offer page reuses them.
OFFER_TEMPLATES = {
    Kind.FAMILY_SERVICE: "offers/includes/family_service.html",
    Kind.HOUSING: "offers/includes/housing_offer.html",
    Kind.JOB: "offers/includes/job_offer.html",
    Kind.BUSINESS_SUPPORT: "offers/includes/business_support.html",
}
# The person's next follow-up after an offer: reminders continue from it.
FOLLOW_UP_DAYS = 7


def new_token():
    """A link token: 32 random bytes, URL-safe base64 (43 characters)."""
    return secrets.token_urlsafe(32)


def offer_path(token, language):
    """The page's path, in `language`: the token alone, nothing about the person."""
    with translation.override(language):
        return reverse("personal_offer", args=[token])


def offer_url(token, language):
    return settings.SITE_URL.rstrip("/") + offer_path(token, language)


def offer_language(inquiry):
    """The language the person asked to be contacted in (that of the form if unset)."""
    languages = dict(settings.LANGUAGES)
    for language in (inquiry.contact_language, inquiry.language):
        if language in languages:
            return language
    return settings.LANGUAGE_CODE


# --- What the coordinator may choose -----------------------------------------------------------


@dataclass
class MunicipalityChoices:
    page: MunicipalityPage
    offers: dict = field(default_factory=dict)  # kind -> current offers (Latvian rows)
    contacts: list = field(default_factory=list)

    def groups(self):
        """(kind, label, offers) for each kind of which the municipality has current offers."""
        return [(kind, Kind(kind).label, offers) for kind, offers in self.offers.items() if offers]


@dataclass
class Choices:
    """Everything a personal offer for one inquiry may contain, in the default language."""

    municipalities: list
    coordinators: list

    def keys(self, kind):
        """The translation keys (as strings) a form may post for `kind`."""
        if kind == Kind.CONTACT:
            contacts = [*self.coordinators, *(c for m in self.municipalities for c in m.contacts)]
            return {str(contact.translation_key) for contact in contacts}
        return {
            str(offer.translation_key)
            for municipality in self.municipalities
            for offer in municipality.offers.get(kind, [])
        }


def regions_of(inquiry):
    """The Latvian region pages whose municipalities an offer for `inquiry` may draw on."""
    regions = RegionPage.objects.filter(locale=Locale.get_default()).live()
    if inquiry.region_id is not None:
        regions = regions.filter(translation_key=inquiry.region.translation_key)
    return list(regions)


def choices_for(inquiry):
    """The current offers and contacts of the municipalities of the inquiry's region (all
    regions for an undecided person), the inquiry's municipality first, and the coordinators."""
    regions = regions_of(inquiry)
    pages = MunicipalityPage.objects.none()
    for region in regions:
        pages |= MunicipalityPage.objects.child_of(region)
    pages = list(pages.live().filter(locale=Locale.get_default()).order_by("title"))
    chosen_key = inquiry.municipality.translation_key if inquiry.municipality_id else None
    pages.sort(key=lambda page: page.translation_key != chosen_key)
    entries = {page.pk: MunicipalityChoices(page=page) for page in pages}
    today = timezone.localdate()
    for kind, (model, _relation) in OFFER_KINDS.items():
        for entry in entries.values():
            entry.offers[kind] = []
        for offer in model.objects.filter(page__in=pages).current(today):
            entries[offer.page_id].offers[kind].append(offer)
    links = MunicipalityContact.objects.filter(page__in=pages).select_related("contact")
    for link in links:
        if link.contact.is_current:
            entries[link.page_id].contacts.append(link.contact)
    municipalities = list(entries.values())
    coordinators = [c for region in regions for c in region.current_coordinators]
    return Choices(municipalities=municipalities, coordinators=coordinators)


# --- Sending ----------------------------------------------------------------------------------


def message(offer, token):
    """The e-mail to the person, in the offer's language: the link and its expiry, nothing
    else about them (not even the name), plain text and HTML."""
    with translation.override(offer.language):
        context = {
            "url": offer_url(token, offer.language),
            "expires_at": offer.expires_at,
            "mailbox": settings.REMIGRATION_NATIONAL_MAILBOX,
        }
        subject = gettext("Your personal offer for returning to Latvia")
        text = render_to_string("inquiries/email/personal_offer.txt", context)
        html = render_to_string("inquiries/email/personal_offer.html", context)
    email = EmailMultiAlternatives(subject, text, to=[offer.inquiry.email])
    email.attach_alternative(html, "text/html")
    return email


def send(inquiry, author, items, note, days):
    """Store a personal offer of `items` ({kind: [translation keys]}) for `inquiry`, note it in
    the inquiry's history, move the follow-up on, then e-mail the link.

    Called outside any transaction (the admin view), so the e-mail leaves only once the offer
    is committed. Returns the offer, or None if the e-mail could not be sent: the token existed
    only in it, so the offer is withdrawn at once, the inquiry's status and follow-up are put
    back, and the coordinator can simply send again.
    """
    before = (inquiry.status, inquiry.next_follow_up)
    offer, email = store(inquiry, author, items, note, days)
    if notifications.send([email], inquiry.pk):
        return offer
    with transaction.atomic():
        offer.revoked_at = timezone.now()
        offer.save(update_fields=["revoked_at"])
        inquiry.status, inquiry.next_follow_up = before
        inquiry.save(update_fields=["status", "next_follow_up", "closed_at"])
        InquiryNote.objects.create(
            inquiry=inquiry,
            author=author,
            text=gettext(
                "Personal offer no. %(number)s could not be e-mailed, so it was withdrawn."
            )
            % {"number": offer.pk},
        )
    return None


@transaction.atomic
def store(inquiry, author, items, note, days):
    """The offer and its e-mail (with the only copy of the token), stored and noted."""
    now = timezone.now()
    token = new_token()
    offer = PersonalOffer.objects.create(
        inquiry=inquiry,
        author=author,
        language=offer_language(inquiry),
        note=note,
        created_at=now,
        sent_at=now,
        expires_at=now + datetime.timedelta(days=days),
        token_hash=hash_token(token),
    )
    PersonalOfferItem.objects.bulk_create(
        PersonalOfferItem(personal_offer=offer, kind=kind, translation_key=key, sort_order=order)
        for kind, keys in items.items()
        for order, key in enumerate(keys)
    )
    expires = timezone.localtime(offer.expires_at).date()
    InquiryNote.objects.create(
        inquiry=inquiry,
        author=author,
        text=gettext("Personal offer no. %(number)s sent by e-mail; its link works until %(day)s.")
        % {"number": offer.pk, "day": expires.isoformat()},
    )
    if inquiry.status not in Inquiry.FINISHED:
        inquiry.status = Inquiry.Status.OFFER_SENT
    inquiry.next_follow_up = timezone.localdate() + datetime.timedelta(days=FOLLOW_UP_DAYS)
    inquiry.save(update_fields=["status", "next_follow_up", "closed_at"])
    log(inquiry, "inquiries.personal_offer.send", user=author, data={"offer": offer.pk})
    return offer, message(offer, token)


def withdraw(offer, user):
    """Stop the offer's link at once and say so in the inquiry's history."""
    with transaction.atomic():
        offer.revoked_at = timezone.now()
        offer.save(update_fields=["revoked_at"])
        InquiryNote.objects.create(
            inquiry=offer.inquiry,
            author=user,
            text=gettext("Personal offer no. %(number)s withdrawn: its link no longer works.")
            % {"number": offer.pk},
        )
        log(offer.inquiry, "inquiries.personal_offer.withdraw", user=user, data={"offer": offer.pk})


# --- Showing ----------------------------------------------------------------------------------


def in_language(model, keys, language, **filters):
    """The rows of `model` with `keys`, each in `language` where it exists, else in the default
    language; in the order of `keys`."""
    rows = model.objects.filter(translation_key__in=keys, **filters).select_related("locale")
    found = {}
    default = settings.LANGUAGE_CODE
    for row in rows:
        code = row.locale.language_code
        current = found.get(row.translation_key)
        if code == language or (code == default and current is None):
            found[row.translation_key] = row
    return [found[key] for key in keys if key in found]


def content(items, language):
    """What the person's page shows, in `language`: the chosen offers that are still current
    and on a live municipality page, by kind, each with whom to ask, and the chosen contacts
    that are still valid. `items` are the offer's items (unsaved ones for a preview)."""
    keys = {}
    for item in items:
        keys.setdefault(item.kind, []).append(uuid.UUID(str(item.translation_key)))
    today = timezone.localdate()
    sections, pages = [], {}
    for kind, (model, _relation) in OFFER_KINDS.items():
        rows = in_language(model, keys.get(kind, []), language, page__live=True)
        rows = [row for row in rows if row.valid_until is None or row.valid_until >= today]
        for row in rows:
            if row.page_id not in pages:
                pages[row.page_id] = MunicipalityPage.objects.get(pk=row.page_id)
            page = pages[row.page_id]
            # Whom to ask, as on the municipality page: its contact, else the region's.
            asked = page.current_contacts or page.region_coordinators or [None]
            row.shown_contact = offer_contact(row, asked[0])
            row.municipality = page
        if rows:
            sections.append(
                {
                    "kind": kind,
                    "label": Kind(kind).label,
                    "offers": rows,
                    "template": OFFER_TEMPLATES[kind],
                }
            )
    contacts = [
        contact
        for contact in in_language(Contact, keys.get(Kind.CONTACT, []), language)
        if contact.is_current
    ]
    return {"sections": sections, "contacts": contacts}


def coordinators_for(inquiry, language):
    """The current coordinators of the inquiry's region in `language`: who to ask when a link
    no longer works. Public contacts only; nothing about the person."""
    if inquiry is None or inquiry.region_id is None:
        return []
    region = (
        RegionPage.objects.live()
        .filter(translation_key=inquiry.region.translation_key, locale__language_code=language)
        .first()
    ) or inquiry.region
    return region.current_coordinators
