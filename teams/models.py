"""Teams: the people who look after a region or municipality (see teams.provisioning)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class Team(models.Model):
    """The people who look after one region or municipality, in every language.

    A team is a user group with page permissions on the page and all its translations, an image
    and document collection of its own and, for a region, the review workflow of its subtree.
    It is keyed by the page's translation key, so renaming or translating the page keeps it.
    """

    class Kind(models.TextChoices):
        REGION = "region", _("Regional coordinators")
        MUNICIPALITY = "municipality", _("Municipality editors")

    kind = models.CharField(verbose_name=_("kind"), max_length=20, choices=Kind.choices)
    translation_key = models.UUIDField(unique=True, editable=False)
    group = models.OneToOneField(
        "auth.Group", verbose_name=_("group"), on_delete=models.CASCADE, related_name="team"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("collection"),
        on_delete=models.PROTECT,
        related_name="team",
    )
    workflow = models.OneToOneField(
        "wagtailcore.Workflow",
        verbose_name=_("review workflow"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="team",
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self):
        return self.group.name

    @property
    def pages(self):
        """The team's page in every language."""
        return Page.objects.filter(translation_key=self.translation_key)
