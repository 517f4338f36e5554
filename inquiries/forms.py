"""The public inquiry form: what a person abroad tells the coordinators about their return."""

import re
import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from phonenumber_field.formfields import PhoneNumberField
from phonenumber_field.phonenumber import to_python as phone_number

from core.collation import sorted_by_name
from inquiries.models import MESSAGE_MAX_LENGTH, Inquiry
from regions.models import PHONE_INVALID, MunicipalityPage, RegionPage
from teams.provisioning import source_page

UNDECIDED = "undecided"
MAX_CHILDREN = 20
MAX_ADULTS = 20
# C0 control characters and DEL, except tab and line breaks (which a textarea legitimately sends).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TEXT_FIELDS = ("name", "message")
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


def new_token():
    return secrets.token_urlsafe(32)


def reject_control_characters(value):
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            _("Remove the invisible control characters from this field."), code="control"
        )


def place_choices(locale):
    """Regions with their current municipalities, live in `locale`, as grouped select options."""
    choices = [(UNDECIDED, _("Not decided yet"))]
    regions = RegionPage.objects.live().public().filter(locale=locale).order_by("path")
    today = timezone.localdate()
    for region in regions:
        municipalities = sorted_by_name(
            MunicipalityPage.objects.child_of(region)
            .live()
            .public()
            .filter(Q(merged_on__isnull=True) | Q(merged_on__gt=today)),
            lambda page: page.title,
        )
        options = [(f"region:{region.pk}", _("Anywhere in %(region)s") % {"region": region.title})]
        options += [(f"municipality:{m.pk}", m.title) for m in municipalities]
        choices.append((region.title, options))
    return choices


class ChildrenAgesField(forms.CharField):
    """Children's ages as one text field ("3, 7"): simpler to fill in and to read aloud than a
    set of repeating fields, and accessible without scripts."""

    default_error_messages = {
        "invalid": _(
            "Give each child's age as a whole number from 0 to 17, separated by commas, e.g. 3, 7."
        ),
        "too_many": _("Give the ages of at most %(max)s children."),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return []
        parts = [part.strip() for part in re.split(r"[,;\s]+", value) if part.strip()]
        if not all(re.fullmatch(r"\d{1,2}", part) for part in parts):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        ages = [int(part) for part in parts]
        if any(age > 17 for age in ages):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if len(ages) > MAX_CHILDREN:
            raise ValidationError(
                self.error_messages["too_many"], code="too_many", params={"max": MAX_CHILDREN}
            )
        return ages

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(str(age) for age in value)
        return value


class PublicFormMixin:
    """What a form for the public needs besides its fields: spam caught by a hidden field
    ("website") and a one-time token that makes a second post of the same form harmless."""

    @property
    def is_spam(self):
        return bool(self.data.get("website"))

    def clean_submission_token(self):
        """A token that is not one of ours is ignored: the record gets a fresh one."""
        token = self.cleaned_data["submission_token"]
        return token if TOKEN.fullmatch(token) else ""


class InquiryForm(PublicFormMixin, forms.ModelForm):
    """Built for the language of the page: the places offered are that language's live pages.

    `website` is a honeypot, hidden from people; a bot that fills it is answered as if the
    inquiry had been sent (see views.form_view). `submission_token` is a random token rendered
    in each new form, so that the same form posted twice stores one inquiry.
    """

    adults = forms.IntegerField(
        label=_("Adults moving (including you)"),
        min_value=1,
        max_value=MAX_ADULTS,
        initial=1,
    )
    phone = PhoneNumberField(
        label=_("Phone (optional)"),
        required=False,
        error_messages={"invalid": PHONE_INVALID},
        help_text=_("With the country code, e.g. +44 20 7946 0958."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    children_ages = ChildrenAgesField(
        label=_("Ages of children under 18 (optional)"),
        required=False,
        max_length=200,
        help_text=_("Separated by commas, e.g. 3, 7. Leave empty if no children move with you."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    place = forms.ChoiceField(
        label=_("Where in Latvia would you like to live?"),
        error_messages={"invalid_choice": _("Choose a region or municipality from the list.")},
    )
    needs = forms.MultipleChoiceField(
        label=_("What do you need help with?"),
        choices=Inquiry.Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose from the options given.")},
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    submission_token = forms.CharField(required=False, widget=forms.HiddenInput)

    # The order of the page, so that the error summary lists problems in reading order.
    field_order = [
        "name",
        "email",
        "phone",
        "country",
        "contact_language",
        "adults",
        "children_ages",
        "place",
        "needs",
        "return_plan",
        "message",
    ]

    class Meta:
        model = Inquiry
        fields = [
            "name",
            "email",
            "phone",
            "country",
            "adults",
            "children_ages",
            "needs",
            "return_plan",
            "message",
            "contact_language",
        ]
        labels = {
            "name": _("Your name"),
            "email": _("E-mail"),
            "country": _("Country where you live now"),
            "return_plan": _("When do you plan to return?"),
            "message": _("Anything else the coordinator should know? (optional)"),
            "contact_language": _("Language in which we should contact you"),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "country": forms.Select(attrs={"autocomplete": "country"}),
            "return_plan": forms.RadioSelect,
            "contact_language": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale = locale
        self.fields["place"].choices = place_choices(locale)
        self.fields["submission_token"].initial = new_token()
        self.fields["contact_language"].initial = get_language()
        self.fields["contact_language"].choices = settings.LANGUAGES
        self.fields["return_plan"].choices = Inquiry.ReturnPlan.choices
        self.fields["country"].choices = [
            ("", _("Choose a country")),
            *sorted_by_name(countries, lambda country: country.name),
        ]
        self.fields["message"].help_text = _("At most %(max)s characters.") % {
            "max": MESSAGE_MAX_LENGTH
        }
        for name in TEXT_FIELDS:
            self.fields[name].validators.append(reject_control_characters)

    def duplicate(self):
        """The inquiry this same form already stored, if any. The e-mail must match too, so that
        a token alone never leads to someone else's inquiry."""
        token = self.cleaned_data["submission_token"]
        if not token:
            return None
        return Inquiry.objects.filter(
            submission_token=token, email__iexact=self.cleaned_data["email"]
        ).first()

    def clean_place(self):
        """The chosen page, as the Latvian page the teams are keyed to; None when undecided."""
        value = self.cleaned_data["place"]
        if value == UNDECIDED:
            return None
        kind, _sep, pk = value.partition(":")
        model = {"region": RegionPage, "municipality": MunicipalityPage}[kind]
        return source_page(model.objects.get(pk=pk, locale=self.locale))

    def clean(self):
        """A number written as dialled in the chosen country ("07911 123456" in GB) is read in
        that country's numbering plan. The field alone knows only Latvia's (it is cleaned before
        the country), so it refused such a number; any other invalid number keeps its error."""
        cleaned_data = super().clean()
        country = cleaned_data.get("country")
        if "phone" in self.errors and country:
            number = phone_number(self.data.get("phone", ""), region=str(country))
            if number.is_valid():
                del self.errors["phone"]
                cleaned_data["phone"] = number
        return cleaned_data

    def save(self, commit=True):
        inquiry = super().save(commit=False)
        place = self.cleaned_data["place"]
        if isinstance(place, MunicipalityPage):
            inquiry.municipality = place
            inquiry.region = source_page(place.get_parent())
        else:
            inquiry.region = place
        inquiry.language = self.locale.language_code
        token = self.cleaned_data["submission_token"]
        if not token or Inquiry.objects.filter(submission_token=token).exists():
            token = new_token()  # another person's token: never joined to their inquiry
        inquiry.submission_token = token
        if commit:
            inquiry.save()
        return inquiry
