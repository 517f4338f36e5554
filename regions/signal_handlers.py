from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core import cache
from regions.models import Contact, MunicipalityPage, RegionPage
from regions.permissions import pages_showing
from regions.teams import provision_team


@receiver(post_save, sender=RegionPage)
@receiver(post_save, sender=MunicipalityPage)
def provision_team_for_new_page(sender, instance, created, raw=False, **kwargs):
    """A new region or municipality page (or a translation of one) gets its team at once."""
    if created and not raw:
        provision_team(instance)


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
