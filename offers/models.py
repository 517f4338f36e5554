"""The "Find your place" page: municipalities compared by their current offers.

The offers themselves are rows of the municipality page (regions.models.offers).
"""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core.collation import sorted_by_name
from core.models import SectionIndexPage
from offers.forms import OfferFilterForm
from regions.models import (
    BusinessSupport,
    Contact,
    FamilyService,
    HousingOffer,
    JobOffer,
    MunicipalityContact,
    MunicipalityPage,
    RegionCoordinator,
    RegionPage,
    offer_contact,
)

# What each filter of the "Find your place" page asks of a municipality's current offers.
QUESTIONS = {
    "kindergarten": (
        "family_services_offers",
        lambda o: o.category == FamilyService.Category.KINDERGARTEN and o.place_guaranteed,
    ),
    "language_support": (
        "family_services_offers",
        lambda o: o.category == FamilyService.Category.LANGUAGE_SUPPORT,
    ),
    "housing_now": ("housing_offers", lambda o: o.is_available_now),
    "business_grant": ("business_support", lambda o: o.kind == BusinessSupport.Kind.GRANT),
    "jobs": ("jobs", lambda o: True),
}

# Every relation the comparison looks at, for "has this municipality any current offer at all".
OFFER_RELATIONS = tuple(dict.fromkeys(relation for relation, _test in QUESTIONS.values()))


class FindYourPlacePage(SectionIndexPage):
    """Compares municipalities across Latvia by what they offer; filters live in the query string.

    One per language under the home page (`max_count_per_parent`, inherited: the English
    translation is a second instance, so `max_count = 1` would forbid it).
    """

    subpage_types = []

    class Meta:
        verbose_name = _("find your place page")
        verbose_name_plural = _("find your place pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        regions = self.regions()
        form = OfferFilterForm(request.GET, regions)
        filters = form.filters()
        region = next((r for r in regions if r.slug == filters.get("region")), None)
        labels = {key: form[key].label for key in QUESTIONS}
        context.update(
            form=form,
            region=region,
            is_filtered=any(filters.values()),
            columns=labels.values(),
            rows=self.comparison(request, regions, region, filters, labels),
        )
        return context

    @property
    def home_path(self):
        """The tree path of this page's home page: the comparison covers that language's site."""
        return self.path[: -Page.steplen]

    def regions(self):
        """The live regions of this language, each with its current coordinators prefetched."""
        coordinators = RegionCoordinator.objects.filter(
            contact__in=Contact.objects.current()
        ).select_related("contact")
        return list(
            RegionPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id, path__startswith=self.home_path)
            .order_by("path")
            .prefetch_related(Prefetch("coordinators", coordinators))
        )

    def comparison(self, request, regions, region, filters, labels):
        """One row per municipality that has every offer asked for, in a fixed number of queries."""
        today = timezone.localdate()
        municipalities = (
            MunicipalityPage.objects.live()
            .public()
            .filter(
                locale_id=self.locale_id,
                path__startswith=region.path if region else self.home_path,
            )
            .exclude(merged_on__lte=today)
            .prefetch_related(
                Prefetch(
                    "contacts",
                    MunicipalityContact.objects.filter(
                        contact__in=Contact.objects.current(today)
                    ).select_related("contact"),
                ),
                Prefetch("family_services_offers", FamilyService.objects.current(today)),
                Prefetch(
                    "housing_offers",
                    HousingOffer.objects.current(today).select_related("contact"),
                ),
                Prefetch("jobs", JobOffer.objects.current(today)),
                Prefetch("business_support", BusinessSupport.objects.current(today)),
            )
        )
        rows = []
        for municipality in sorted_by_name(municipalities, lambda page: page.title):
            parent = next((r for r in regions if municipality.path.startswith(r.path)), None)
            links = list(municipality.contacts.all()) or (
                list(parent.coordinators.all()) if parent else []
            )
            contact = links[0].contact if links else None
            url = municipality.get_url(request)
            answers = {}
            for key, (relation, test) in QUESTIONS.items():
                matching = [o for o in getattr(municipality, relation).all() if test(o)]
                offer = matching[0] if matching else None
                answers[key] = {
                    "label": labels[key],
                    "offer": offer,
                    "count": len(matching),
                    "url": f"{url}#{offer.anchor}" if offer else None,
                    "contact": offer_contact(offer, contact) if offer else None,
                }
            if all(answers[key]["offer"] for key in QUESTIONS if filters.get(key)):
                rows.append(
                    {
                        "page": municipality,
                        "url": url,
                        "region": parent,
                        "contact": contact,
                        "answers": [answers[key] for key in QUESTIONS],
                        # Phones show only what a municipality has, or one line if it has none.
                        "has_answers": any(answer["offer"] for answer in answers.values()),
                        "has_other_offers": any(
                            getattr(municipality, relation).all() for relation in OFFER_RELATIONS
                        ),
                    }
                )
        return rows
