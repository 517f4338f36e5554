"""Privacy operations on inquiries: retention, access and erasure requests.

Other apps that keep personal data found by e-mail address (events: registrations) join the
access and erasure commands through the `PERSONAL_DATA_HOOK` Wagtail hook: a function returning
(name, export(email) → JSON-ready list, erase(email) → number deleted).
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail import hooks
from wagtail.models import ModelLogEntry

from inquiries.models import Inquiry, InquiryNote

PERSONAL_DATA_HOOK = "personal_data_by_email"


def other_holders():
    """(name, export, erase) of each app's personal data besides inquiries."""
    return [holder() for holder in hooks.get_hooks(PERSONAL_DATA_HOOK)]


def expired(now=None):
    """Inquiries closed longer ago than INQUIRY_RETENTION_DAYS."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.INQUIRY_RETENTION_DAYS)
    return Inquiry.objects.filter(status=Inquiry.Status.CLOSED, closed_at__lt=cutoff)


def held_about(email):
    """Every inquiry sent with `email` (compared without regard to case)."""
    return Inquiry.objects.filter(email__iexact=email.strip())


def log_entries(inquiries):
    content_type = ContentType.objects.get_for_model(Inquiry)
    return ModelLogEntry.objects.filter(
        content_type=content_type,
        object_id__in=[str(pk) for pk in inquiries.values_list("pk", flat=True)],
    )


def counts(inquiries):
    return {
        "inquiries": inquiries.count(),
        "notes": InquiryNote.objects.filter(inquiry__in=inquiries).count(),
        "history": log_entries(inquiries).count(),
    }


@transaction.atomic
def delete(inquiries):
    """Delete `inquiries` with their notes, personal offers (CASCADE) and admin history; return
    what was deleted."""
    inquiries = Inquiry.objects.filter(pk__in=list(inquiries.values_list("pk", flat=True)))
    deleted = counts(inquiries)
    log_entries(inquiries).delete()
    inquiries.delete()
    return deleted


def export(inquiries):
    """Everything held in `inquiries`, as JSON-ready data (an answer to an access request)."""
    return [
        {
            "number": inquiry.pk,
            "received": inquiry.created_at.isoformat(),
            "name": inquiry.name,
            "email": inquiry.email,
            "phone": str(inquiry.phone) if inquiry.phone else "",
            "country": inquiry.country.code,
            "adults": inquiry.adults,
            "children_ages": inquiry.children_ages,
            "region": inquiry.region.title if inquiry.region else None,
            "municipality": inquiry.municipality.title if inquiry.municipality else None,
            "needs": inquiry.needs,
            "return_plan": inquiry.return_plan,
            "message": inquiry.message,
            "contact_language": inquiry.contact_language,
            "form_language": inquiry.language,
            "status": inquiry.status,
            "next_follow_up": inquiry.next_follow_up.isoformat()
            if inquiry.next_follow_up
            else None,
            "closed_at": inquiry.closed_at.isoformat() if inquiry.closed_at else None,
            "notes": [
                {
                    "date": note.date.isoformat(),
                    "author": note.author.get_full_name() or note.author.get_username()
                    if note.author
                    else None,
                    "text": note.text,
                }
                for note in inquiry.notes.select_related("author").order_by("date", "pk")
            ],
            # What was sent and when it was opened; the link's token is not held.
            "personal_offers": [
                {
                    "number": offer.pk,
                    "language": offer.language,
                    "note": offer.note,
                    "sent": offer.sent_at.isoformat() if offer.sent_at else None,
                    "expires": offer.expires_at.isoformat(),
                    "withdrawn": offer.revoked_at.isoformat() if offer.revoked_at else None,
                    "first_opened": offer.first_opened_at.isoformat()
                    if offer.first_opened_at
                    else None,
                    "last_opened": offer.last_opened_at.isoformat()
                    if offer.last_opened_at
                    else None,
                    "open_count": offer.open_count,
                    "items": [
                        {"kind": item.kind, "translation_key": str(item.translation_key)}
                        for item in offer.items.all()
                    ],
                }
                for offer in inquiry.personal_offers.order_by("created_at", "pk")
            ],
        }
        for inquiry in inquiries.select_related("region", "municipality").order_by("created_at")
    ]
