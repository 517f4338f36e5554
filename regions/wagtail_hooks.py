from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets import Button
from wagtail.models import Locale
from wagtail.permissions import page_permission_policy, policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from regions import admin_views, reports
from regions.models import Contact
from regions.permissions import ContactPermissionPolicy


class ObjectPermissionMixin:
    """Check the permission on the contact itself: Wagtail's snippet views check only the model."""

    object_action = "change"

    def dispatch(self, request, *args, **kwargs):
        contact = getattr(self, "object", None) or self.get_object()
        if not self.permission_policy.user_has_permission_for_instance(
            request.user, self.object_action, contact
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ContactEditView(ObjectPermissionMixin, snippet_views.EditView):
    pass


class ContactHistoryView(ObjectPermissionMixin, snippet_views.HistoryView):
    object_action = "view"


class ContactUsageView(ObjectPermissionMixin, snippet_views.UsageView):
    object_action = "view"


class ContactViewSet(SnippetViewSet):
    """Contacts for editors: find people fast and see at a glance whose details are old."""

    model = Contact
    icon = "user"
    menu_label = _("Contacts")
    menu_order = 200
    add_to_admin_menu = True
    list_display = [
        "name",
        "role",
        Column("phone", label=_("phone")),
        "email",
        DateColumn("valid_to", label=_("valid to")),
        DateColumn("last_verified", label=_("last verified")),
    ]
    list_filter = ["locale", "valid_to", "last_verified"]
    # No search_fields: SQLite's backend cannot search chosen fields; the model's autocomplete
    # fields (name, role, organisation, e-mail) are searched.
    ordering = ["name"]
    edit_view_class = ContactEditView
    history_view_class = ContactHistoryView
    usage_view_class = ContactUsageView


register_permission_policy(Contact, ContactPermissionPolicy(Contact))
register_snippet(ContactViewSet)


@hooks.register("register_admin_urls")
def guard_translation_views():
    """Shadow wagtail-localize's submit and update URLs (ours are registered first)."""
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            admin_views.GuardedSubmitPageTranslationView.as_view(),
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            admin_views.GuardedSubmitSnippetTranslationView.as_view(),
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            admin_views.GuardedUpdateTranslationsView.as_view(),
        ),
    ]


@hooks.register("register_admin_urls")
def register_translation_review_url():
    return [
        path(
            "pages/<int:page_id>/submit-translation/",
            admin_views.SubmitTranslationForReviewView.as_view(),
            name="regions_submit_translation",
        )
    ]


@hooks.register("register_page_listing_more_buttons")
@hooks.register("register_page_header_buttons")
def submit_translation_button(page, user, view_name=None, next_url=None):
    """Offered where the page is listed: the translation editor has no room for it."""
    if page.locale_id != Locale.get_default().pk and admin_views.can_submit_translation(user, page):
        yield Button(
            _("Submit translation for review"),
            reverse("regions_submit_translation", args=[page.pk]),
            icon_name="resubmit",
            priority=5,
        )


@hooks.register("register_admin_urls")
def register_stale_contacts_report():
    view = reports.StaleContactsReportView
    return [
        path("reports/contacts-to-check/", view.as_view(), name=view.index_url_name),
        path(
            "reports/contacts-to-check/results/",
            view.as_view(results_only=True),
            name=view.index_results_url_name,
        ),
    ]


class StaleContactsMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Contact).user_has_permission(request.user, "change")


@hooks.register("register_reports_menu_item")
def register_stale_contacts_menu_item():
    return StaleContactsMenuItem(
        _("Contacts to check"),
        reverse(reports.StaleContactsReportView.index_url_name),
        name="contacts-to-check",
        icon_name="user",
        order=650,
    )


@hooks.register("construct_homepage_panels")
def add_stale_contacts_panel(request, panels):
    panel = reports.stale_contacts_panel(request.user)
    if panel:
        panels.append(panel)


@hooks.register("construct_page_chooser_queryset")
def hide_other_teams_drafts(pages, request):
    """Editors may link any published page, but not see other teams' unpublished drafts."""
    editable = page_permission_policy.instances_user_has_permission_for(request.user, "change")
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))
