from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core import cache
from regions.contacts import pages_showing
from regions.models import Contact


@receiver(post_save, sender=Contact)
@receiver(post_delete, sender=Contact)
def contact_changed(sender, instance, **kwargs):
    """Contacts appear on many pages: a changed contact makes every cached page stale, and with
    a front-end cache the pages that show it are purged there."""
    cache.invalidate()
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

        translations = Contact.objects.filter(translation_key=instance.translation_key)
        purge_pages_from_cache(pages_showing(translations).live())
