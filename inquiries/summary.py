"""The useful answer shown right after an inquiry: built from the portal's own content.

Everything is looked up in the language of the form the person used: their coordinator, what
the chosen municipality says about the things they need, matching FAQ entries and stories.
"""

from django.utils.translation import gettext_lazy as _

from home.models import FaqPage, HomePage
from inquiries.models import Inquiry
from regions.models import MunicipalityPage, RegionIndexPage
from stories.models import StoryPage

MAX_STORIES = 3
MAX_FAQ_ENTRIES = 6
MAX_OFFERS_PER_NEED = 3

# Which section of a municipality page answers which need: (page field, section anchor).
MUNICIPALITY_SECTIONS = {
    Inquiry.Need.SCHOOL: ("family_services", "families-heading", _("Families with children")),
    Inquiry.Need.HOUSING: ("housing", "housing-heading", _("Housing")),
    Inquiry.Need.WORK: ("work_and_business", "work-heading", _("Work and business")),
    Inquiry.Need.BUSINESS: ("work_and_business", "work-heading", _("Work and business")),
}

# Which structured offers of a municipality (sections of `MunicipalityPage.offers`) answer which need.
OFFER_SECTIONS = {
    Inquiry.Need.SCHOOL: ["family_services"],
    Inquiry.Need.HOUSING: ["housing"],
    Inquiry.Need.WORK: ["jobs", "business_support"],
    Inquiry.Need.BUSINESS: ["jobs", "business_support"],
}

# Word stems that mark an FAQ question as being about a need, per content language. FAQ entries
# are free text, so matching their words is the only link between a need and a question.
FAQ_STEMS = {
    "lv": {
        Inquiry.Need.WORK: ["darb", "nodarbinātīb"],
        Inquiry.Need.HOUSING: ["mājok", "dzīvesviet", "dzīvokl"],
        Inquiry.Need.SCHOOL: ["bērnudārz", "skol"],
        Inquiry.Need.BUSINESS: ["uzņēm"],
    },
    "en": {
        Inquiry.Need.WORK: ["job", "work", "employment"],
        Inquiry.Need.HOUSING: ["housing", "residence", "home"],
        Inquiry.Need.SCHOOL: ["kindergarten", "school"],
        Inquiry.Need.BUSINESS: ["business"],
    },
}


def live_translation(page, locale):
    """`page` in `locale` if that version is live and public, else None."""
    if page is None:
        return None
    translated = (
        type(page)
        .objects.filter(translation_key=page.translation_key, locale=locale)
        .live()
        .public()
    )
    return translated.first()


def offers_for(municipality, needs, request):
    """The current offers of `municipality` (a page in the form's language) that match `needs`,
    a few per need, as {"title", "url", "is_example"} dicts linking each offer on its page.

    Only municipalities publish offers; a person who chose just a region gets the sections.
    """
    if municipality is None:
        return []
    url = municipality.get_url(request)
    found, seen = [], set()
    for need in needs:
        matching = [
            offer
            for section in OFFER_SECTIONS.get(need, [])
            for offer in municipality.offers[section]
            if offer.anchor not in seen
        ]
        for offer in matching[:MAX_OFFERS_PER_NEED]:
            seen.add(offer.anchor)
            found.append(
                {
                    "title": offer.title,
                    "url": f"{url}#{offer.anchor}",
                    "is_example": offer.is_example,
                }
            )
    return found


def place_sections(municipality, needs, request):
    """Links to the sections of the municipality page that answer the person's needs."""
    if municipality is None:
        return []
    url = municipality.get_url(request)
    sections, seen = [], set()
    for need in needs:
        if need not in MUNICIPALITY_SECTIONS:
            continue
        field, anchor, heading = MUNICIPALITY_SECTIONS[need]
        if anchor in seen or not getattr(municipality, field):
            continue
        seen.add(anchor)
        sections.append({"title": heading, "url": f"{url}#{anchor}"})
    return sections


def faq_entries(needs, locale, request):
    """FAQ questions in `locale` whose wording is about one of `needs`."""
    faq = FaqPage.objects.live().public().filter(locale=locale).first()
    stems = FAQ_STEMS.get(locale.language_code, {})
    wanted = [stem for need in needs for stem in stems.get(need, [])]
    if faq is None or not wanted:
        return []
    url = faq.get_url(request)
    entries = []
    for topic in faq.faq_topics():
        for item in topic["questions"]:
            if any(stem in item["question"].lower() for stem in wanted):
                entries.append({"title": item["question"], "url": f"{url}#{item['anchor']}"})
    return entries[:MAX_FAQ_ENTRIES]


def related_stories(inquiry, locale):
    """Stories of people who returned to the chosen municipality, then to its region."""
    stories = StoryPage.objects.live().public().filter(locale=locale)
    if inquiry.region is None:
        return list(stories.order_by("-featured", "-first_published_at")[:MAX_STORIES])
    in_region = MunicipalityPage.objects.descendant_of(inquiry.region).values("translation_key")
    found = []
    if inquiry.municipality is not None:
        found = list(
            stories.filter(
                municipality__translation_key=inquiry.municipality.translation_key
            ).order_by("-first_published_at")[:MAX_STORIES]
        )
    more = (
        stories.filter(municipality__translation_key__in=in_region)
        .exclude(pk__in=[story.pk for story in found])
        .order_by("-first_published_at")
    )
    return (found + list(more[: MAX_STORIES - len(found)]))[:MAX_STORIES]


def public_contacts(region, page):
    """Who follows the person up, as the public pages show them: the coordinators of `region`
    (a page in the form's language), else the site's general contact."""
    if region is not None:
        return region.current_coordinators
    home = page.get_parent().specific
    general = home.general_contact if isinstance(home, HomePage) else None
    return [general.localized] if general else []


def build_summary(inquiry, page, request):
    """Everything the confirmation page shows, in the language of `page` (the form page)."""
    locale = page.locale
    region = live_translation(inquiry.region, locale)
    municipality = live_translation(inquiry.municipality, locale)
    place = municipality or region
    return {
        "region": region,
        "municipality": municipality,
        "contacts": public_contacts(region, page),
        "place_url": place.get_url(request) if place else None,
        "offers": offers_for(municipality, inquiry.needs, request),
        "sections": place_sections(municipality, inquiry.needs, request),
        "faq": faq_entries(inquiry.needs, locale, request),
        "stories": related_stories(inquiry, locale),
        "region_index": RegionIndexPage.objects.live().public().filter(locale=locale).first(),
    }
