"""The teams' side of the admin: guarded translation views, the translation review path, page
choosers that hide other teams' drafts, media listings and reports kept to the team, the
contacts each team should check, and two-step verification at sign-in (teams.sign_in). (Who may
change which contact: teams.apps.)"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import PageExplorerMenuItem
from wagtail.admin.widgets import Button
from wagtail.models import Locale
from wagtail.permissions import policy_registry

from regions.models import Contact
from teams import admin_api, admin_views, permissions, reports, sign_in


@hooks.register("register_admin_urls")
def guard_translation_views():
    """Shadow wagtail-localize's submit, update, convert and snippet URLs (ours come first)."""
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
        path("localize/page/<int:page_id>/convert_to_alias/", admin_views.guarded_convert_to_alias),
        path(
            "localize/api/snippets/<slug:app_label>/<slug:model_name>/",
            admin_views.GuardedSnippetAPIViewSet.as_view({"get": "list"}),
        ),
        path(
            "localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/",
            admin_views.GuardedSnippetAPIViewSet.as_view({"get": "retrieve"}),
        ),
    ]


@hooks.register("register_admin_urls")
def register_translation_review_url():
    return [
        path(
            "pages/<int:page_id>/submit-translation/",
            admin_views.SubmitTranslationForReviewView.as_view(),
            name="teams_submit_translation",
        )
    ]


@hooks.register("register_admin_urls")
def register_two_step_urls():
    return [
        path("two-step/", sign_in.setup, name="two_step_setup"),
        path("two-step/verify/", sign_in.verify, name="two_step_verify"),
    ]


@hooks.register("register_account_menu_item")
def two_step_account_item(request):
    return {
        "url": reverse("two_step_setup"),
        "label": _("Two-step verification"),
        "help_text": _("After your password, also ask for a code from an app on your phone."),
    }


class StartPageExplorerMenuItem(MenuItem):
    """Wagtail's "Pages" item, opening at `start_page` instead of where Wagtail would."""

    def __init__(self, item, start_page):
        url = reverse("wagtailadmin_explore", args=[start_page.pk])
        super().__init__(
            item.label, url, item.name, item.classname, item.icon_name, item.attrs, item.order
        )
        self.start_page = start_page

    def render_component(self, request):
        return PageExplorerMenuItem(
            self.name,
            self.label,
            self.url,
            self.start_page.pk,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


@hooks.register("construct_main_menu")
def open_explorer_at_own_page(request, menu_items):
    """Team members' "Pages" opens at their own page, not at the tree root (admin_explorer)."""
    start_page = permissions.explorer_start_page(request.user)
    if start_page is not None:
        menu_items[:] = [
            StartPageExplorerMenuItem(item, start_page) if item.name == "explorer" else item
            for item in menu_items
        ]


@hooks.register("register_page_listing_more_buttons")
@hooks.register("register_page_header_buttons")
def submit_translation_button(page, user, view_name=None, next_url=None):
    """Offered where the page is listed; the translation editor's header shows it too
    (teams.templatetags.review_tags)."""
    if page.locale_id != Locale.get_default().pk and admin_views.can_submit_translation(user, page):
        yield Button(
            _("Submit translation for review"),
            reverse("teams_submit_translation", args=[page.pk]),
            icon_name="resubmit",
            priority=5,
        )


@hooks.register("construct_admin_api", order=1)  # after Wagtail's own, which these replace
def list_only_choosable_media(router):
    router.register_endpoint("images", admin_api.ChoosableImagesAPIViewSet)
    router.register_endpoint("documents", admin_api.ChoosableDocumentsAPIViewSet)


@hooks.register("construct_reports_menu")
def hide_whole_site_reports(request, menu_items):
    """Page types usage is refused to team members (teams.admin_reports): don't offer it."""
    if not permissions.sees_whole_site(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


@hooks.register("construct_page_chooser_queryset")
def hide_other_teams_drafts(pages, request):
    """Editors may link any published page, but not see other teams' unpublished drafts."""
    return permissions.without_other_teams_drafts(request.user, pages)


@hooks.register("construct_contact_chooser_queryset")
def offer_only_linkable_contacts(contacts, request):
    return contacts.filter(pk__in=permissions.linkable_contacts(request.user).values("pk"))


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
