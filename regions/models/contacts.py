"""Contact people: a translatable snippet, and the links pages make to it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
)
from wagtail.images import get_image_model
from wagtail.models import Orderable, TranslatableMixin
from wagtail.permissions import policy_registry
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin
from wagtail_localize.fields import SynchronizedField

# Facts about a person that are the same in every language; copied to all translations on save.
SHARED_CONTACT_FIELDS = [
    "phone",
    "email",
    "photo",
    "valid_from",
    "valid_to",
    "last_verified",
    "notice_page",
]


def year_before(day):
    """The same day a year earlier: details not confirmed since then may be out of date."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


PHONE_INVALID = _("Enter a valid phone number in international format, e.g. +371 22 338 666.")


class ContactForm(WagtailAdminModelForm):
    """Admin form for contacts, with a phone error message that editors can act on."""

    # Inherits Wagtail's Meta so the photo gets the image chooser, not a list of every image.
    class Meta(WagtailAdminModelForm.Meta):
        error_messages = {"phone": {"invalid": PHONE_INVALID}}

    def clean_photo(self):
        """A new photo must come from a collection the editor may choose from.

        The chooser offers only those, but a crafted request could name any image. A photo the
        contact already has stays, so editors can save details someone else illustrated.
        """
        photo = self.cleaned_data.get("photo")
        if photo is None or self.for_user is None or photo.pk == self.instance.photo_id:
            return photo
        images = policy_registry.get_by_type(get_image_model())
        choosable = images.instances_user_has_any_permission_for(self.for_user, ["choose"])
        if not choosable.filter(pk=photo.pk).exists():
            raise ValidationError(
                _("Choose a photo from your own collection: this one is not available to you.")
            )
        return photo


class ContactQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def current(self, day=None):
        """Contacts whose validity period includes `day` (today by default)."""
        day = day or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )


class Contact(TranslatableMixin, index.Indexed, models.Model):
    """A person or mailbox remigrants can contact, translated so that roles read in English.

    Pages link to contacts through translatable orderables (not many-to-many), so the English
    page shows the English contact. Phone, e-mail, photo and dates are facts, not text: they are
    synchronised, and saving any language's version copies them to the others.
    """

    name = models.CharField(
        verbose_name=_("name"),
        max_length=255,
        help_text=_("A person's full name, or the name of a shared mailbox."),
    )
    role = models.CharField(verbose_name=_("role"), max_length=255)
    organisation = models.CharField(verbose_name=_("organisation"), max_length=255, blank=True)
    phone = PhoneNumberField(
        verbose_name=_("phone"),
        blank=True,
        error_messages={"invalid": PHONE_INVALID},
        help_text=_(
            "International format, e.g. +371 22 338 666. Numbers without +371 are read as Latvian."
        ),
    )
    email = models.EmailField(verbose_name=_("e-mail"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(
        verbose_name=_("note"),
        blank=True,
        help_text=_("Shown to readers, e.g. which former municipality this person covers."),
    )
    valid_from = models.DateField(verbose_name=_("valid from"), null=True, blank=True)
    valid_to = models.DateField(
        verbose_name=_("valid to"),
        null=True,
        blank=True,
        help_text=_("After this day the contact disappears from the public pages by itself."),
    )
    last_verified = models.DateField(
        verbose_name=_("last verified"),
        default=timezone.localdate,
        help_text=_("The day someone last confirmed that these details are correct."),
    )
    notice_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A page readers should see with this contact, e.g. news that the person has changed."
        ),
    )

    objects = ContactQuerySet.as_manager()

    base_form_class = ContactForm

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")], heading=_("How to reach them")),
        FieldPanel("photo"),
        FieldPanel("note"),
        FieldPanel("notice_page"),
        FieldRowPanel(
            [FieldPanel("valid_from"), FieldPanel("valid_to"), FieldPanel("last_verified")],
            heading=_("Validity"),
        ),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("role"),
        index.SearchField("organisation"),
        index.SearchField("email"),
        index.SearchField("note"),
        # What editors find a contact by in the admin, as they type.
        index.AutocompleteField("name"),
        index.AutocompleteField("role"),
        index.AutocompleteField("organisation"),
        index.AutocompleteField("email"),
        index.FilterField("locale"),
        # The admin narrows contacts to those a user may see by primary key (see wagtail_hooks).
        index.FilterField("id"),
    ]

    override_translatable_fields = [
        SynchronizedField(name, overridable=False) for name in SHARED_CONTACT_FIELDS
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.role})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        shared = {}
        for name in SHARED_CONTACT_FIELDS:
            attname = self._meta.get_field(name).attname
            shared[attname] = getattr(self, attname)
        Contact.objects.filter(translation_key=self.translation_key).exclude(pk=self.pk).update(
            **shared
        )

    def clean(self):
        super().clean()
        errors = {}
        if not self.phone and not self.email:
            errors["email"] = _(
                "Give a phone number or an e-mail address, so people can reach this contact."
            )
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("The end of validity cannot be before its start.")
        if self.last_verified and self.last_verified > timezone.localdate():
            errors["last_verified"] = _("The date of the last check cannot be in the future.")
        if errors:
            raise ValidationError(errors)

    @property
    def may_be_out_of_date(self):
        """Nobody has confirmed these details for a year, so readers are told to check them.

        Readers are sent to the national mailbox to check, so that mailbox is never flagged.
        """
        if self.email and self.email == settings.REMIGRATION_NATIONAL_MAILBOX:
            return False
        return self.last_verified < year_before(timezone.localdate())

    @property
    def is_current(self):
        today = timezone.localdate()
        return (self.valid_from is None or self.valid_from <= today) and (
            self.valid_to is None or self.valid_to >= today
        )


class ContactLink(TranslatableMixin, Orderable):
    """A page's link to a contact; translatable, so a translated page links the translated contact."""

    contact = models.ForeignKey(
        Contact, verbose_name=_("contact"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("contact")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order"]

    def __str__(self):
        return str(self.contact)


def current_contacts(links):
    """The contacts of `links` (a page's contact links) that are valid today, in editor order."""
    return [link.contact for link in links if link.contact.is_current]
