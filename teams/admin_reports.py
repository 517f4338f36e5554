"""Wagtail's own reports, narrowed to what the user's team looks after.

Wagtail fills their filters from every row in the database: the site history's and the workflow
report's user filters named every editor of every team, the locked pages report everyone who
ever locked a page, and the page types usage report showed the title of the latest draft of each
type, whoever's it was. Here the choices come from the rows the user may see, the site history
shows a team member only the pages they may change, and the page types usage report, of no use
to a team, is kept for those who see the whole site (teams.permissions.sees_whole_site).

Wagtail mounts its report URLs ahead of those added by hooks, so these views are mounted ahead of
the admin in cms/urls.py, on Wagtail's own paths. The page listings' "Owner" and "Edited by"
filters (explorer, search by type, form pages) come from one filter set that no URL or hook
reaches; `narrow_page_listing_filters` (called in TeamsConfig.ready) narrows their choices.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import path
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.views.reports.locked_pages import LockedPagesReportFilterSet, LockedPagesView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import WorkflowReportFilterSet, WorkflowView
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import Page, PageLogEntry
from wagtail.permissions import page_permission_policy

from core.exports import SiteHistoryView, admin_view
from teams.permissions import sees_whole_site


def users_in(rows, field):
    """The users named in `field` of `rows`, for a filter's choices."""
    User = get_user_model()
    return User.objects.filter(pk__in=rows.values(field)).order_by(User.USERNAME_FIELD)


def within_team(user, log_entries):
    """Page log entries of the pages `user` may change, unless they see the whole site."""
    if log_entries.model is not PageLogEntry or sees_whole_site(user):
        return log_entries
    pages = page_permission_policy.instances_user_has_permission_for(user, "change")
    return log_entries.filter(page__in=pages.values("pk"))


def team_page_people(user):
    """Who owns or edited the pages `user` may change."""
    pages = page_permission_policy.instances_user_has_permission_for(user, "change").values("pk")
    return Q(pk__in=Page.objects.filter(pk__in=pages).values("owner_id")) | Q(
        pk__in=PageLogEntry.objects.filter(page__in=pages).values("user_id")
    )


def narrowed_to_team(users_for):
    def users(request):
        if sees_whole_site(request.user):
            return users_for(request)
        return users_for(request).filter(team_page_people(request.user))

    return users


def narrow_page_listing_filters():
    """The "Owner" and "Edited by" choices of Wagtail's page listings name everyone who owns
    or edited any page; a team member is offered those of their team's pages."""
    for name in ("owner", "edited_by"):
        user_filter = PageFilterSet.base_filters[name]
        user_filter.queryset = narrowed_to_team(user_filter.queryset)


class TeamSiteHistoryFilterSet(SiteHistoryView.filterset_class):
    def get_users_queryset(self):
        """Those who acted on what the user may see (Wagtail names everyone in the log)."""
        user, ids = self.request.user, set()
        for log_model in log_action_registry.get_log_entry_models():
            ids.update(within_team(user, log_model.objects.viewable_by_user(user)).get_user_ids())
        User = get_user_model()
        return User.objects.filter(pk__in=ids).order_by(User.USERNAME_FIELD)


class TeamSiteHistoryView(SiteHistoryView):
    filterset_class = TeamSiteHistoryFilterSet

    def filter_queryset(self, queryset):
        return super().filter_queryset(within_team(self.request.user, queryset))


class TeamWorkflowReportFilterSet(WorkflowReportFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["requested_by"].queryset = users_in(self.queryset, "requested_by")


class TeamWorkflowView(WorkflowView):
    filterset_class = TeamWorkflowReportFilterSet

    def get_filterset_kwargs(self):
        """Wagtail's get_queryset() gives the rows the user may see, unfiltered."""
        return {**super().get_filterset_kwargs(), "queryset": self.get_queryset()}


class TeamLockedPagesFilterSet(LockedPagesReportFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["locked_by"].queryset = users_in(self.queryset, "locked_by")


class TeamLockedPagesView(LockedPagesView):
    filterset_class = TeamLockedPagesFilterSet

    def get_filterset_kwargs(self):
        """Wagtail's get_queryset() keeps the rows the user may see before it filters them."""
        return {**super().get_filterset_kwargs(), "queryset": self.queryset}


class WholeSitePageTypesUsageView(PageTypesUsageReportView):
    def dispatch(self, request, *args, **kwargs):
        if not sees_whole_site(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def report_urls(prefix, view):
    return [
        path(f"{prefix}/", admin_view(view.as_view())),
        path(f"{prefix}/results/", admin_view(view.as_view(results_only=True))),
    ]


# Wagtail's own report paths, mounted ahead of the admin's URLs so these views answer them.
urlpatterns = [
    *report_urls("site-history", TeamSiteHistoryView),
    *report_urls("workflow", TeamWorkflowView),
    *report_urls("locked", TeamLockedPagesView),
    *report_urls("page-types-usage", WholeSitePageTypesUsageView),
]
