"""Editorial teams: who may edit, review and publish which part of the portal.

- Each municipality has an editors' group that may add and edit pages in its municipality's
  subtree, in every language, and use only its own image and document collection. It cannot
  publish: its changes go live after the region's coordinators approve them.
- Each region has a coordinators' group that may edit, approve and publish in the region's
  subtree, and owns the review workflow assigned to the region page in every language. Its
  collection holds the collections of its municipalities.
- National editors may do everything with content, in every language.
- No group here may manage users or groups: that right equals full admin, kept for superusers.

Group, collection and workflow names are data in the portal's primary language (Latvian), like
page titles, so they do not change with the language of whoever triggered the provisioning.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from regions.models import MunicipalityPage, RegionPage
from teams.models import Team

NATIONAL_EDITORS = "Nacionālie redaktori"
ADMIN_ACCESS = ("wagtailadmin", "access_admin")
# Guarded in teams/admin_views.py: only for objects the user may edit in every language.
SUBMIT_TRANSLATION = ("wagtail_localize", "submit_translation")
PAGE_PERMISSIONS = {
    Team.Kind.MUNICIPALITY: ["add_page", "change_page", "lock_page"],
    Team.Kind.REGION: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
NATIONAL_PAGE_PERMISSIONS = PAGE_PERMISSIONS[Team.Kind.REGION] + ["bulk_delete_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def source_page(page):
    """The page in the default language (teams are named after it), or the page itself."""
    return (
        Page.objects.filter(translation_key=page.translation_key, locale=Locale.get_default())
        .specific()
        .first()
        or page.specific
    )


def grant_pages(group, pages, codenames):
    for page in pages:
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=permission("wagtailcore", codename)
            )


def grant_collection(group, collection):
    for app_label, codename in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission(app_label, codename)
        )


def free_group_name(name):
    """`name`, or `name (2)`, … when another team's page has the same title (a copied page)."""
    candidate, n = name, 2
    while Team.objects.filter(group__name=candidate).exists():
        candidate, n = f"{name} ({n})", n + 1
    return candidate


@transaction.atomic
def provision_team(page):
    """Create or complete the team of a region or municipality page. Safe to run again."""
    page = source_page(page)
    if isinstance(page, RegionPage):
        kind, parent_collection = Team.Kind.REGION, Collection.get_first_root_node()
        group_name = f"{page.title}: koordinatori"
    elif isinstance(page, MunicipalityPage):
        kind = Team.Kind.MUNICIPALITY
        parent_collection = provision_team(page.get_parent()).collection
        group_name = f"{page.title}: redaktori"
    else:
        raise TypeError(f"{page!r} is neither a region nor a municipality page")

    team = Team.objects.filter(translation_key=page.translation_key).first()
    if team is None:
        group = Group.objects.get_or_create(name=free_group_name(group_name))[0]
        collection = (
            parent_collection.get_children()
            .filter(name=page.title)
            .exclude(pk__in=Team.objects.values("collection"))
            .first()
        )
        if collection is None:
            collection = parent_collection.add_child(name=page.title)
        team = Team.objects.create(
            kind=kind, translation_key=page.translation_key, group=group, collection=collection
        )
    group = team.group
    group.permissions.add(permission(*ADMIN_ACCESS), permission(*SUBMIT_TRANSLATION))
    translations = list(team.pages)
    grant_pages(group, translations, PAGE_PERMISSIONS[kind])
    grant_collection(group, team.collection)
    if kind == Team.Kind.REGION:
        provision_review_workflow(team, page, translations)
    return team


def provision_review_workflow(team, page, translations):
    """The region's coordinators approve every change in the region before it goes live."""
    if team.workflow is None:
        task = GroupApprovalTask.objects.create(name=f"{page.title}: koordinatoru apstiprinājums")
        task.groups.set([team.group])
        team.workflow = Workflow.objects.create(name=f"{page.title}: reģionālā pārskatīšana")
        WorkflowTask.objects.create(workflow=team.workflow, task=task, sort_order=0)
        team.save(update_fields=["workflow"])
    for translation in translations:
        WorkflowPage.objects.update_or_create(
            page=translation, defaults={"workflow": team.workflow}
        )


@transaction.atomic
def provision_national_editors():
    """National editors: all content in every language, every collection, contacts, and the
    promoted search results."""
    group, _created = Group.objects.get_or_create(name=NATIONAL_EDITORS)
    group.permissions.add(
        permission(*ADMIN_ACCESS),
        permission(*SUBMIT_TRANSLATION),
        *[permission("regions", f"{action}_contact") for action in ("add", "change", "delete")],
        *[
            permission("wagtailsearchpromotions", f"{action}_searchpromotion")
            for action in ("add", "change", "delete")
        ],
    )
    grant_pages(group, [Page.get_first_root_node()], NATIONAL_PAGE_PERMISSIONS)
    grant_collection(group, Collection.get_first_root_node())
    return group


def provision_all():
    """Teams for every region and municipality that exists, and the national editors."""
    default = Locale.get_default()
    teams = [provision_team(p) for p in RegionPage.objects.filter(locale=default)]
    teams += [provision_team(p) for p in MunicipalityPage.objects.filter(locale=default)]
    return provision_national_editors(), teams
