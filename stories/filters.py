"""Filters for the story and news lists: plain GET forms, so a filtered list is a shareable URL.

Choices are the live regions and municipalities of the reader's language, addressed by slug.
Stories and news point at the Latvian region or municipality (page links are not translated), so
a choice is matched through its translation key. An unknown value is reported and ignored.
"""

import operator
from functools import reduce
from urllib.parse import urlencode

from django import forms
from django.db.models import Q, Subquery
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from wagtail.models import Page

from core.collation import sorted_by_name
from regions.models import MunicipalityPage, RegionPage

UNKNOWN = _("This choice is not available, so it was ignored.")


class ListFilterForm(forms.Form):
    """A filter form whose invalid fields are ignored, not fatal."""

    def __init__(self, data, locale, items):
        super().__init__(data)
        self.locale = locale
        self.set_choices(items)
        for field in self.fields.values():
            field.required = False
            field.error_messages["invalid_choice"] = UNKNOWN
        self.is_valid()

    def active(self):
        """The valid, non-empty filters, as in the query string."""
        return {name: value for name, value in self.cleaned_data.items() if value}

    def query_string(self):
        return urlencode(self.active())

    def region_choices(self):
        regions = RegionPage.objects.live().public().filter(locale=self.locale).order_by("path")
        self.regions = {region.slug: region for region in regions}
        return [("", _("All regions"))] + [(slug, r.title) for slug, r in self.regions.items()]

    def region_paths(self, slug):
        """Paths of the chosen region in every language (content may point at any of them)."""
        key = self.regions[slug].translation_key
        return Page.objects.filter(translation_key=key).values_list("path", flat=True)


class StoryFilterForm(ListFilterForm):
    region = forms.ChoiceField(label=_("Region"))
    municipality = forms.ChoiceField(label=_("Municipality"))
    country = forms.ChoiceField(label=_("Returned from"))

    def set_choices(self, stories):
        self.fields["region"].choices = self.region_choices()
        municipalities = sorted_by_name(
            MunicipalityPage.objects.live().public().filter(locale=self.locale),
            lambda page: page.title,
        )
        self.municipalities = {m.slug: m for m in municipalities}
        self.fields["municipality"].choices = [("", _("All municipalities"))] + [
            (slug, m.title) for slug, m in self.municipalities.items()
        ]
        codes = set(stories.values_list("returned_from", flat=True).distinct())
        self.fields["country"].choices = [("", _("All countries"))] + [
            (code, name)
            for code, name in sorted_by_name(countries, lambda country: country.name)
            if code in codes
        ]

    def filter(self, stories):
        active = self.active()
        if "region" in active:
            paths = Q()
            for path in self.region_paths(active["region"]):
                paths |= Q(municipality__path__startswith=path)
            stories = stories.filter(paths)
        if "municipality" in active:
            key = self.municipalities[active["municipality"]].translation_key
            stories = stories.filter(municipality__translation_key=key)
        if "country" in active:
            stories = stories.filter(returned_from=active["country"])
        return stories


def news_years(news):
    """The years of `news`, newest first, in two queries that each read a few index entries.

    `dates(…, "year")` reads every item to find the distinct years. Here the first and the
    last item come from the two ends of the date index (stories.NewsPage.Meta), then the first
    item of each year in between, if there is one (a gap year has none).
    """

    def dates_of(items):
        firsts = [Q(pk=Subquery(item.values("pk")[:1])) for item in items]
        found = news.model.objects.filter(reduce(operator.or_, firsts))
        return found.order_by().values_list("date", flat=True)

    ends = dates_of([news.order_by("date", "pk"), news.order_by("-date", "-pk")])
    if not ends:
        return []
    first, last = min(ends).year, max(ends).year
    years = range(last, first - 1, -1)
    found = dates_of(news.filter(date__year=year).order_by("date", "pk") for year in years)
    return sorted({day.year for day in found}, reverse=True)


class NewsFilterForm(ListFilterForm):
    region = forms.ChoiceField(label=_("Region"))
    year = forms.ChoiceField(label=_("Year"))

    def set_choices(self, news):
        self.fields["region"].choices = self.region_choices()
        years = [str(year) for year in news_years(news)]
        self.fields["year"].choices = [("", _("All years"))] + [(y, y) for y in years]

    def filter(self, news):
        active = self.active()
        if "region" in active:
            key = self.regions[active["region"]].translation_key
            news = news.filter(related_region__translation_key=key)
        if "year" in active:
            news = news.filter(date__year=int(active["year"]))
        return news
