from django.conf import settings
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page

from core import cache
from regions.contacts import pages_showing
from regions.models import Contact, ContactDirectoryPage


@receiver(post_save, sender=Contact)
@receiver(post_delete, sender=Contact)
def contact_changed(sender, instance, **kwargs):
    """Contacts appear on many pages: a changed contact makes every cached page stale, and with
    a front-end cache the pages that show it are purged there: those linking it, the pages
    below them (a region's coordinator is on each of its municipalities), the pages listing
    those, and the contact directories."""
    cache.invalidate()
    if settings.WAGTAILFRONTENDCACHE:
        translations = Contact.objects.filter(translation_key=instance.translation_key)
        shown = Q(pk__in=ContactDirectoryPage.objects.values("pk"))
        for page in pages_showing(translations).live():
            shown |= Q(path__startswith=page.path)  # the page and those below it
        cache.purge(*Page.objects.live().filter(shown))
