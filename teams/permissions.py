"""Who may change a contact: those who look after every page that shows it.

Snippet permissions in Wagtail are per model, so a "change contact" permission would let any
municipality editor change every municipality's contacts and the regional coordinators. This
policy keeps the model-level rights for national editors and superusers, and lets everyone
else act on a contact only if they may edit every page, in every language, that links it: a
municipality editor changes their own municipality's contact people; the region page's
coordinator cards stay with the region's coordinators; a housing offer's contact is linked from
the offer's municipality page. Editors of a region or municipality may add contacts (to link them
from their pages); deleting stays with national editors.
"""

import functools

from django.db.models import Q
from wagtail.models import Locale, Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import page_permission_policy, policy_registry

from regions.contacts import contacts_shown_on, linked_contact_keys
from regions.models import Contact
from teams.models import Team

INSTANCE_ACTIONS = {"change", "view"}


def team_roots(user):
    """The pages (in every language) of the user's regions and municipalities."""
    return Page.objects.filter(
        translation_key__in=Team.objects.filter(group__user=user).values("translation_key")
    )


def team_pages(user):
    """The pages (in every language) in the subtrees of the user's regions and municipalities."""
    subtrees = Q()
    for root in team_roots(user):
        subtrees |= Q(path__startswith=root.path)
    return Page.objects.filter(subtrees) if subtrees else Page.objects.none()


def once_per_request(function):
    """Remember `function(user)` on the user object, which lives as long as the request (as
    Django keeps a user's permissions): the admin's menus, hooks and views each ask again."""
    attribute = f"_teams_{function.__name__}"

    @functools.wraps(function)
    def remembered(user):
        if not hasattr(user, attribute):
            setattr(user, attribute, function(user))
        return getattr(user, attribute)

    return remembered


@once_per_request
def sees_whole_site(user):
    """Superusers and national editors: they may change pages from the root of the tree down.

    Everyone else belongs to a region's or a municipality's team, and Wagtail's site-wide views
    are narrowed for them to what their team looks after.
    """
    return (
        page_permission_policy.instances_user_has_permission_for(user, "change")
        .filter(depth=1)
        .exists()
    )


@once_per_request
def explorer_start_page(user):
    """The page a team member's explorer opens at: their own pages in the default language.

    Wagtail opens it at the first common ancestor of the pages a user has rights on; a team has
    rights on its Latvian and its English page, so that is the tree root, where nothing of theirs
    is. None for those who see the whole site (they keep the root) and for users with no pages.
    """
    if sees_whole_site(user):
        return None
    default_locale = Locale.get_default()
    own = [
        page
        for page in page_permission_policy.instances_with_direct_explore_permission(user)
        if page.locale_id == default_locale.pk
    ]
    try:
        return Page.objects.first_common_ancestor_of(own, include_self=True, strict=True)
    except Page.DoesNotExist:
        return None


def without_other_teams_drafts(user, pages):
    """`pages` that are published or that `user` may change: other teams' drafts stay unseen."""
    editable = page_permission_policy.instances_user_has_permission_for(user, "change")
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))


class ContactPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if super().user_has_permission(user, action):
            return True
        in_a_team = user.is_active and Team.objects.filter(group__user=user).exists()
        return action in INSTANCE_ACTIONS | {"add"} and in_a_team

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if any(super(ContactPermissionPolicy, self).user_has_permission(user, a) for a in actions):
            return Contact.objects.all()
        if not INSTANCE_ACTIONS & set(actions) or not user.is_active:
            return Contact.objects.none()
        own = team_pages(user)
        mine = linked_contact_keys(own)
        shown_elsewhere = linked_contact_keys(Page.objects.exclude(pk__in=own))
        return Contact.objects.filter(translation_key__in=mine - shown_elsewhere)


def linkable_contacts(user):
    """The contacts `user` may pick in the contact chooser.

    Those they may view (their team's own people), and the current contacts already shown on
    their team's pages or on the pages above them, such as the region's coordinators: editors
    link those again when they rearrange a page's contacts. Other teams' people, and contacts
    that have expired or not yet started, stay out of sight. National editors and superusers
    see everyone.
    """
    viewable = policy_registry.get_by_type(Contact).instances_user_has_any_permission_for(
        user, ["change", "view"]
    )
    pages = team_pages(user)
    for root in team_roots(user):
        pages |= Page.objects.ancestor_of(root)
    shown = contacts_shown_on(pages).current()
    return Contact.objects.filter(Q(pk__in=viewable.values("pk")) | Q(pk__in=shown.values("pk")))
