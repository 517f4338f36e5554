"""The bilingual base tree every unit test starts from, built once per test session.

Home → Regions → Zemgale (with a translated coordinator) → Jēkabpils novads, in Latvian and
English, made through wagtail-localize as an editor would. The root conftest builds it when the
test database is set up; tests roll back to it.
"""

from wagtail.models import Collection, Locale, Page, Site, Workflow

from core.translation import translate
from home.models import HomePage
from home.tests.factories import HomePageFactory
from regions.models import Contact
from regions.tests.factories import (
    ContactFactory,
    MunicipalityPageFactory,
    RegionCoordinatorFactory,
    RegionIndexPageFactory,
    RegionPageFactory,
)
from teams.models import Team

# The primary keys of what build() made: tests fetch fresh instances of them.
BASE_TREE = {}


def build():
    """Home → Regions → Zemgale (with a translated coordinator) → Jēkabpils novads, in both languages.

    Records the primary keys of what it made in BASE_TREE.
    """
    lv = Locale.objects.get(language_code="lv")
    en = Locale.objects.get_or_create(language_code="en")[0]
    home = HomePageFactory(parent=Page.get_first_root_node(), locale=lv)
    Site.objects.update(root_page=home, hostname="localhost")
    translate(
        home,
        en,
        {
            "title": "Returning to Latvia",
            "slug": "home-en",
            "intro": "<p>Coordinators help you return.</p>",
        },
    )
    index = RegionIndexPageFactory(parent=home, locale=lv)
    translate(index, en, {"title": "Regions", "slug": "regions", "intro": "<p>Regions.</p>"})
    region = RegionPageFactory(parent=index, locale=lv, title="Zemgale", slug="zemgale")
    coordinator = ContactFactory(
        name="Anete Briņeca",
        role="Reģionālā koordinatore",
        organisation="Zemgales plānošanas reģions",
        phone="+37122338666",
        email="zemgale@paps.lv",
        locale=lv,
    )
    translate(
        coordinator,
        en,
        {
            "name": "Anete Briņeca",
            "role": "Regional coordinator",
            "organisation": "Zemgale Planning Region",
        },
    )
    RegionCoordinatorFactory(page=region, contact=coordinator, locale=lv)
    translate(
        region,
        en,
        {
            "title": "Zemgale",
            "slug": "zemgale",
            "planning_region": "Zemgale Planning Region",
            "intro": "<p>About the region.</p>",
        },
    )
    municipality = MunicipalityPageFactory(
        parent=region, locale=lv, title="Jēkabpils novads", slug="jekabpils-novads"
    )
    translate(
        municipality,
        en,
        {
            "title": "Jēkabpils Municipality",
            "slug": "jekabpils-municipality",
            "intro": "<p>About.</p>",
        },
    )
    BASE_TREE.update(
        {
            "home": home.pk,
            "index": index.pk,
            "region": region.pk,
            "municipality": municipality.pk,
            "coordinator": coordinator.pk,
        }
    )


def remove():
    """Delete the base tree and its teams, for tests that build a whole site of their own."""
    home = HomePage.objects.get(pk=BASE_TREE["home"])
    for page in [*home.get_translations(), home]:
        page.delete()
    Contact.objects.all().delete()
    teams = list(Team.objects.all())
    Team.objects.all().delete()
    for team in teams:
        team.group.delete()
    Workflow.objects.filter(pk__in=[t.workflow_id for t in teams]).delete()
    for collection in Collection.objects.filter(pk__in=[t.collection_id for t in teams]):
        if collection.depth > 1:
            collection.delete()
    # Deleting the home page deleted its Site: back to Wagtail's fresh placeholder site.
    placeholder = Page.objects.get(depth=2, content_type__model="page")
    Site.objects.create(hostname="localhost", root_page=placeholder, is_default_site=True)
