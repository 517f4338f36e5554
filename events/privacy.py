"""Retention of event registrations: kept until EVENT_REGISTRATION_RETENTION_DAYS (30 by
default) after the event ended, long enough to tell people of a follow-up, then deleted."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from events.models import EventRegistration


def expired(now=None):
    """Registrations for events that ended longer ago than the retention period."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.EVENT_REGISTRATION_RETENTION_DAYS)
    return EventRegistration.objects.filter(event__end__lt=cutoff)


@transaction.atomic
def delete(registrations):
    """Delete `registrations` with their admin history; return how many were deleted."""
    pks = list(registrations.values_list("pk", flat=True))
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(EventRegistration),
        object_id__in=[str(pk) for pk in pks],
    ).delete()
    return EventRegistration.objects.filter(pk__in=pks).delete()[0]


def held_about(email):
    return EventRegistration.objects.filter(email__iexact=email.strip())


def export(email):
    """Every registration made with `email`, as JSON-ready data (an access request)."""
    return [
        {
            "number": registration.pk,
            "registered": registration.created_at.isoformat(),
            "event": registration.event.title,
            "event_start": registration.event.start.isoformat(),
            "name": registration.name,
            "email": registration.email,
            "country": registration.country.code,
            "people": registration.people,
            "form_language": registration.language,
        }
        for registration in held_about(email).select_related("event").order_by("created_at")
    ]


def erase(email):
    """Delete every registration made with `email` (an erasure request); return how many."""
    return delete(held_about(email))
