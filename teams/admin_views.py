"""wagtail-localize's submit and update views, guarded by the rights on the object itself.

wagtail-localize checks only the global "submit translation" permission, so anyone allowed to
translate could translate, or overwrite the translations of, any page or contact. These
subclasses also require the right to edit the source object and every existing translation.
"Translate with subpages" is not offered: on these versions it corrupts the page tree. Syncing
offers "Publish immediately" only to those who may publish every translation, or municipality
editors could put English pages live without the region's review; instead they submit the
translation for review. Converting a translation back to an alias overwrites (and publishes) it
with the source, so it is kept to the same people.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import HiddenInput
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail_localize.fields import copy_synchronised_fields
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments.ingest import ingest_segments
from wagtail_localize.views import snippets_api
from wagtail_localize.views.convert import convert_to_alias
from wagtail_localize.views.edit_translation import user_can_edit_instance
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)
from wagtail_localize.views.update_translations import UpdateTranslationsView


def can_edit_all_versions(user, instance):
    """The user may edit `instance` and each of its existing translations."""
    versions = instance.get_translations(inclusive=True)
    if isinstance(instance, Page):
        versions = versions.specific()
    return all(user_can_edit_instance(user, version) for version in versions)


def can_publish_all_versions(user, instance):
    """Pages: the user may publish each translation. Contacts have no drafts to hold back."""
    if not isinstance(instance, Page):
        return True
    versions = instance.get_translations(inclusive=True)
    return all(version.permissions_for_user(user).can_publish() for version in versions)


def switch_off(field):
    """Hide a form option and force its default, whatever the request sends."""
    field.widget, field.disabled, field.initial = HiddenInput(), True, False


class EditableObjectOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_edit_all_versions(request.user, self.get_translated_object()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_translated_object(self):
        return self.get_object()


class GuardedSubmitPageTranslationView(EditableObjectOnlyMixin, SubmitPageTranslationView):
    def get_form(self):
        form = super().get_form()
        switch_off(form.fields["include_subtree"])
        return form


class GuardedSubmitSnippetTranslationView(EditableObjectOnlyMixin, SubmitSnippetTranslationView):
    pass


class GuardedUpdateTranslationsView(EditableObjectOnlyMixin, UpdateTranslationsView):
    def get_translated_object(self):
        source = get_object_or_404(TranslationSource, id=self.kwargs["translation_source_id"])
        return source.get_source_instance()

    def get_form(self):
        form = super().get_form()
        if not can_publish_all_versions(self.request.user, self.get_translated_object()):
            switch_off(form.fields["publish_translations"])
        return form


def guarded_convert_to_alias(request, page_id):
    """Only those who may publish the page in every language may replace it with its source."""
    page = get_object_or_404(Page, pk=page_id)
    if not can_publish_all_versions(request.user, page.specific):
        raise PermissionDenied
    return convert_to_alias(request, page_id)


class GuardedSnippetAPIViewSet(snippets_api.SnippetViewSet):
    """Only the snippets the user may see: wagtail-localize lists every one to any editor."""

    def get_queryset(self):
        policy = policy_registry.get_by_type(self.get_model())
        return policy.instances_user_has_any_permission_for(self.request.user, ["change", "view"])


def pending_translation(page):
    """The wagtail-localize translation that fills `page`, if `page` is a synced translation."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale=page.locale_id, enabled=True
        )
        .select_related("source")
        .first()
    )


def can_submit_translation(user, page):
    """Whether to offer "Submit translation for review" to `user` on `page`."""
    return (
        page.permissions_for_user(user).can_edit()
        and page.get_workflow() is not None
        and not page.workflow_in_progress
        and pending_translation(page) is not None
    )


def save_translation_draft(translation, user):
    """A new revision of the translated page with the translated text; the live page stays.

    wagtail-localize's own "save as draft" also writes the page row, which would put the text
    live before anyone approved it. This does its steps in memory and saves only a revision.
    """
    source, locale = translation.source, translation.target_locale
    original = source.as_instance()
    page = source.get_translated_instance(locale)
    copy_synchronised_fields(original, page)
    segments = source._get_segments_for_translation(locale)
    ingest_segments(original, page, source.locale, locale, segments)
    page.save_revision(user=user)
    return page


class SubmitTranslationForReviewView(TemplateView):
    """Send a page's translation, as translated so far, to the region's review.

    wagtail-localize's translation editor offers only "Publish", so editors who may not publish
    had no way to put their English text before the coordinators. This saves the translation as
    a draft of the page and starts the page's review workflow, like "Submit for moderation".
    """

    template_name = "teams/admin/submit_translation_for_review.html"

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(Page, pk=page_id).specific
        if not can_submit_translation(request.user, self.page):
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def post(self, request, page_id):
        try:
            page = save_translation_draft(pending_translation(self.page), request.user)
        except ValidationError:
            messages.error(
                request,
                _("The translation could not be saved. Open it and check every field."),
            )
            return redirect("wagtailadmin_pages:edit", self.page.pk)
        self.page.get_workflow().start(page, request.user)
        messages.success(
            request,
            _("The translation “%(title)s” was sent for review.") % {"title": page.title},
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "page": self.page}
