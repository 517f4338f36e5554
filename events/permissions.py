"""Who sees which event registrations: as for inquiries (inquiries.permissions), personal data
stays with the team that runs the event.

- A region's coordinators see and export the registrations for their region's events only.
- National editors and superusers see all of them; superusers alone may delete.
- Nobody adds or changes registrations in the admin: they come from the form on the page.
  Municipality editors see none, though they may edit pages in the region.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from events.models import EventRegistration
from inquiries.permissions import coordinated_region_keys, sees_all
from teams.models import Team
from teams.provisioning import NATIONAL_EDITORS


def visible_to(user):
    """The registrations `user` may see and export."""
    if not user.is_active:
        return EventRegistration.objects.none()
    if sees_all(user):
        return EventRegistration.objects.all()
    return EventRegistration.objects.filter(
        region__translation_key__in=coordinated_region_keys(user)
    )


class RegistrationPermissionPolicy(BasePermissionPolicy):
    """Per-registration rights from the region of its event; see the module docstring."""

    def __init__(self):
        super().__init__(EventRegistration)

    def user_has_permission(self, user, action):
        if not user.is_active:
            return False
        if action == "delete":
            return user.is_superuser
        if action == "view":
            return (
                sees_all(user)
                or Team.objects.filter(group__user=user, kind=Team.Kind.REGION).exists()
            )
        return False

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if "view" not in actions:
            return users.filter(is_superuser=True) if "delete" in actions else users.none()
        return users.filter(
            Q(is_superuser=True)
            | Q(groups__name=NATIONAL_EDITORS)
            | Q(groups__team__kind=Team.Kind.REGION)
        ).distinct()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if "delete" in actions and user.is_active and user.is_superuser:
            return EventRegistration.objects.all()
        if "view" in actions:
            return visible_to(user)
        return EventRegistration.objects.none()

    def users_with_any_permission_for_instance(self, actions, instance):
        users = self.users_with_any_permission(actions)
        if "view" not in actions:
            return users
        region_key = instance.region.translation_key if instance.region_id else None
        return users.filter(
            Q(is_superuser=True)
            | Q(groups__name=NATIONAL_EDITORS)
            | Q(groups__team__translation_key=region_key, groups__team__kind=Team.Kind.REGION)
        ).distinct()


def may_see_registrations_of(user, event):
    """Whether `user` sees the registrations for `event` (a page in any language)."""
    if not user.is_active:
        return False
    if sees_all(user):
        return True
    region = event.source_event.region
    return (
        region is not None
        and coordinated_region_keys(user).filter(translation_key=region.translation_key).exists()
    )
