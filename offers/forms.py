"""The filters of the "Find your place" page, read from the query string so links can be shared."""

from django import forms
from django.utils.translation import gettext_lazy as _

TRUE_VALUES = {"1", "on", "true"}


def is_true(value):
    return value is True or (isinstance(value, str) and value.lower() in TRUE_VALUES)


class FlagInput(forms.CheckboxInput):
    """A checkbox sending "1" that hands the raw value to its field, so odd values can be refused."""

    def __init__(self, attrs=None):
        super().__init__(attrs, check_test=is_true)

    def format_value(self, value):
        return "1"

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class FlagField(forms.Field):
    """A yes/no filter: absent or empty is "no", "1"/"on"/"true" is "yes", anything else an error."""

    widget = FlagInput
    default_error_messages = {"invalid": _("This filter was not understood and has been ignored.")}

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        if value in (None, ""):
            return False
        if is_true(value):
            return True
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class OfferFilterForm(forms.Form):
    """What a reader looks for; each field narrows the municipalities compared.

    Invalid values are reported and ignored (the rest of the filters still apply), never a
    server error. Regions are chosen by slug: readable, shareable URLs.
    """

    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        error_messages={"invalid_choice": _("There is no such region; showing all regions.")},
    )
    kindergarten = FlagField(label=_("Kindergarten place guaranteed"))
    language_support = FlagField(label=_("Latvian language support at school"))
    housing_now = FlagField(label=_("Housing available now"))
    business_grant = FlagField(label=_("Business grant"))
    jobs = FlagField(label=_("Job offers"))

    def __init__(self, data, regions):
        super().__init__(data)
        self.fields["region"].choices = [("", _("All regions"))] + [
            (region.slug, region.title) for region in regions
        ]

    def filters(self):
        """The valid filters: cleaned values of the fields that passed validation."""
        self.is_valid()
        return {
            name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors
        }
