"""Base classes of the portal's page types (abstract: no tables of their own)."""

from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.forms import BasePageForm


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

    class Meta:
        abstract = True

    @cached_property
    def ancestors(self):
        """The pages above this one, the tree's root left out, top down: the breadcrumbs,
        their structured data and the language switcher all show them, from one query."""
        return list(self.get_ancestors().filter(depth__gt=1))


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
