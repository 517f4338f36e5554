"""The page explorer's entry for team members: their own page rather than the tree root.

Wagtail's "Pages" item and /admin/pages/ open at the common ancestor of the pages a user has
rights on, the tree root for a team (teams.permissions.explorer_start_page), which says "Pages
created here will not be accessible…". Wagtail mounts /admin/pages/ ahead of the URLs added by
hooks, so this view is mounted ahead of the admin in cms/urls.py and hands everyone else on to
Wagtail's own listing.
"""

from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.viewsets.pages import page_viewset_registry

from core.exports import admin_view
from teams.permissions import explorer_start_page

root_listing = page_viewset_registry.as_view("index", is_base_page=True)


@admin_view
def explore_root(request):
    start_page = explorer_start_page(request.user)
    if start_page is None:
        return root_listing(request)
    listing = reverse("wagtailadmin_explore", args=[start_page.pk])
    query = request.META.get("QUERY_STRING")
    return redirect(f"{listing}?{query}" if query else listing)
