"""The registration form on an event page, built like the inquiry form (inquiries.forms): the
same checks on text, a honeypot and a token that makes a second post of one form harmless."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries

from core.collation import sorted_by_name
from events.models import MAX_PEOPLE, EventRegistration
from inquiries.forms import PublicFormMixin, new_token, reject_control_characters


class RegistrationForm(PublicFormMixin, forms.ModelForm):
    """`website` is a honeypot hidden from people; `submission_token` is a random token rendered
    in each new form."""

    people = forms.IntegerField(
        label=_("How many people will come (including you)"),
        min_value=1,
        max_value=MAX_PEOPLE,
        initial=1,
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    submission_token = forms.CharField(required=False, widget=forms.HiddenInput)

    field_order = ["name", "email", "country", "people"]

    class Meta:
        model = EventRegistration
        fields = ["name", "email", "country", "people"]
        labels = {
            "name": _("Your name"),
            "email": _("E-mail"),
            "country": _("Country where you live now (optional)"),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "country": forms.Select(attrs={"autocomplete": "country"}),
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["submission_token"].initial = new_token()
        self.fields["country"].choices = [
            ("", _("Choose a country")),
            *sorted_by_name(countries, lambda country: country.name),
        ]
        self.fields["name"].validators.append(reject_control_characters)
        self.fields["people"].error_messages["max_value"] = _(
            "One form registers at most %(limit_value)s people; send another form for more."
        )

    def duplicate(self):
        """The registration this same form already stored (same token and e-mail), if any."""
        token = self.cleaned_data["submission_token"]
        if not token:
            return None
        return EventRegistration.objects.filter(
            submission_token=token, email__iexact=self.cleaned_data["email"]
        ).first()

    def check_places(self):
        """Refuse the registration when the event has fewer places left than people to come.
        Called inside the transaction that stores it (events.views.store)."""
        left = self.event.places_left()
        people = self.cleaned_data.get("people") or 1
        if left is not None and people > left:
            if left == 0:
                message = _("The event is full: no places are left.")
            else:
                message = ngettext(
                    "Only %(left)s place is left: register fewer people, or ask the coordinator.",
                    "Only %(left)s places are left: register fewer people, or ask the coordinator.",
                    left,
                ) % {"left": left}
            raise ValidationError(message, code="full")

    def save(self, commit=True):
        registration = super().save(commit=False)
        source = self.event.source_event
        registration.event = source
        registration.region = source.region
        registration.language = self.event.locale.language_code
        token = self.cleaned_data["submission_token"]
        if not token or EventRegistration.objects.filter(submission_token=token).exists():
            token = new_token()
        registration.submission_token = token
        if commit:
            registration.save()
        return registration
