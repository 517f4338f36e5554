"""wagtail-localize's submit and update views, guarded by the rights on the object itself.

wagtail-localize checks only the global "submit translation" permission, so anyone allowed to
translate could translate, or overwrite the translations of, any page or contact. These
subclasses also require the right to edit the source object and every existing translation.
"Translate with subpages" is not offered: on these versions it corrupts the page tree.
"""

from django.core.exceptions import PermissionDenied
from django.forms import HiddenInput
from django.shortcuts import get_object_or_404
from wagtail.models import Page
from wagtail_localize.models import TranslationSource
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
        subtree = form.fields["include_subtree"]
        subtree.widget, subtree.disabled, subtree.initial = HiddenInput(), True, False
        return form


class GuardedSubmitSnippetTranslationView(EditableObjectOnlyMixin, SubmitSnippetTranslationView):
    pass


class GuardedUpdateTranslationsView(EditableObjectOnlyMixin, UpdateTranslationsView):
    def get_translated_object(self):
        source = get_object_or_404(TranslationSource, id=self.kwargs["translation_source_id"])
        return source.get_source_instance()
