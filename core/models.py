"""Base classes of the portal's page types (abstract: no tables of their own)."""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce, Left, Length
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.forms import BasePageForm


def in_private_section():
    """True inside a query of pages for those in a private section: a restricted page's path
    begins their own."""
    return Exists(
        PageViewRestriction.objects.filter(page__path=Left(OuterRef("path"), Length("page__path")))
    )


class PortalPageQuerySet(PageQuerySet):
    def public(self):
        """Pages outside every private section, decided inside the query: Wagtail's own
        `public()` first reads every view restriction, one more query each time a page lists
        pages (the menu, the footer, …)."""
        return self.exclude(in_private_section())


PortalPageManager = PageManager.from_queryset(PortalPageQuerySet)


def all_pages():
    """Pages of every type (as `Page.objects`), with the portal's `public()`."""
    return PortalPageQuerySet(Page).order_by("path")


class SharedContentMixin:
    """A page whose main content is the same for every reader and every query string.

    Its rendered content is kept as a shared fragment (`shared_content_key` in base.html, see
    core.cache), so its templates read what they show from cached properties of the page: the
    queries run only when the fragment is rendered, not on every request.
    """

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["shared_content_key"] = self.pk
        return context


def later(function):
    """A context value computed on first use, for what depends on the request (a listing's
    filters and page) and so cannot be a property of the page."""
    return SimpleLazyObject(function)


class BasePage(Page):
    """Base of every page type of the portal: an editor cannot silently save over a colleague's
    newer version (see core.forms.BasePageForm)."""

    base_form_class = BasePageForm

    objects = PortalPageManager()

    class Meta:
        abstract = True

    @property
    def lineage(self):
        """The paths of this page and of the pages above it, the tree's root left out."""
        return [
            self.path[:end] for end in range(2 * self.steplen, len(self.path) + 1, self.steplen)
        ]

    @cached_property
    def lineage_versions(self):
        """Every language version of this page and of the pages above it (the tree's root left
        out), each marked `private` or not, from one query: the breadcrumbs, their structured
        data and the language switcher take theirs from them."""
        return list(
            all_pages()
            .filter(
                translation_key__in=Page.objects.filter(path__in=self.lineage).values(
                    "translation_key"
                )
            )
            .select_related("locale")
            .annotate(private=in_private_section())
        )

    @cached_property
    def ancestors(self):
        """The pages above this one, the tree's root left out, top down."""
        return [
            page
            for page in self.lineage_versions
            if page.depth < self.depth and self.path.startswith(page.path)
        ]

    def get_view_restrictions(self):
        """Wagtail's (restrictions of the page and its ancestors, an alias's of its source) in
        one query where Wagtail reads the ancestors first: this runs on every request, even
        when the page's content comes from the cache. The tree's root is left out: it is not a
        page anyone can restrict."""
        restricted = Page.objects.filter(path__in=self.lineage).values(
            target=Coalesce("alias_of_id", "id")
        )
        return PageViewRestriction.objects.filter(page_id__in=restricted)


class SectionIndexPage(BasePage):
    """Base of the one-per-language section pages under the home page (regions, news, …)."""

    intro = RichTextField(
        verbose_name=_("introduction"),
        blank=True,
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def live_children(self, model):
        """The live, public child pages of type `model`, as readers may see them."""
        return model.objects.child_of(self).live().public()
