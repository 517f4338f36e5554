from django.db.models.signals import post_save
from django.dispatch import receiver

from regions.models import MunicipalityPage, RegionPage
from teams.provisioning import provision_team


@receiver(post_save, sender=RegionPage)
@receiver(post_save, sender=MunicipalityPage)
def provision_team_for_new_page(sender, instance, created, raw=False, **kwargs):
    """A new region or municipality page (or a translation of one) gets its team at once."""
    if created and not raw:
        provision_team(instance)
