"""An event's time, place of joining and registration are facts of every language's version.

wagtail-localize copies them (events.models.SHARED_EVENT_FIELDS) only when a translation is
synced; until then the English page would show the old time. So publishing any version copies
the Latvian (source) version's live values at once to the other versions' live rows (readers
see them) and purges those from the CDN. The source wins whichever version was published: a
translation published from an older sync brings back the old time in its own row only, and is
put right at once, never the other way round.
"""

from django.dispatch import receiver
from wagtail.models import Locale
from wagtail.signals import page_published

from core import cache
from events.models import SHARED_EVENT_FIELDS, EventPage


@receiver(page_published, sender=EventPage, dispatch_uid="events.share_facts")
def share_event_facts(sender, instance, **kwargs):
    source = (
        EventPage.objects.filter(
            translation_key=instance.translation_key, locale=Locale.get_default()
        ).first()
        or instance
    )
    values = {name: getattr(source, name) for name in SHARED_EVENT_FIELDS}
    others = EventPage.objects.filter(translation_key=instance.translation_key).exclude(
        pk=source.pk
    )
    stale = [
        page
        for page in others
        if any(getattr(page, name) != value for name, value in values.items())
    ]
    if stale:
        EventPage.objects.filter(pk__in=[page.pk for page in stale]).update(**values)
        cache.invalidate()
        cache.purge(*[page for page in stale if page.live])
