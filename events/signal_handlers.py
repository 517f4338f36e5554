"""An event's time, place of joining and registration are facts of every language's version.

wagtail-localize copies them (events.models.SHARED_EVENT_FIELDS) only when a translation is
synced; until then the English page would show the old time. So publishing any version copies
them at once to the other versions' live rows (readers see them) and purges those from the
CDN. Their own revisions still hold the old values, but the translation editor takes
synchronised fields from the source when it next publishes, so nothing brings them back.
"""

from django.dispatch import receiver
from wagtail.signals import page_published

from core import cache
from events.models import SHARED_EVENT_FIELDS, EventPage


@receiver(page_published, sender=EventPage, dispatch_uid="events.share_facts")
def share_event_facts(sender, instance, **kwargs):
    values = {name: getattr(instance, name) for name in SHARED_EVENT_FIELDS}
    others = EventPage.objects.filter(translation_key=instance.translation_key).exclude(
        pk=instance.pk
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
