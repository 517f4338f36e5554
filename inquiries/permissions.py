"""Who sees which inquiries: personal data stays with the team that follows the person up.

- A region's coordinators see, change and export the inquiries about their region only.
- National editors see every inquiry; they follow up those of people who have not decided.
- Superusers see everything and alone may delete (erasure requests go through the commands).
- Nobody adds inquiries in the admin: they come from the public form.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from inquiries.models import Inquiry
from teams.models import Team
from teams.provisioning import NATIONAL_EDITORS

READ_WRITE = {"view", "change"}


def is_national_editor(user):
    return user.groups.filter(name=NATIONAL_EDITORS).exists()


def coordinated_region_keys(user):
    """Translation keys of the regions whose coordinators' group the user belongs to."""
    return Team.objects.filter(group__user=user, kind=Team.Kind.REGION).values("translation_key")


def sees_all(user):
    return user.is_active and (user.is_superuser or is_national_editor(user))


def records_visible_to(model, user):
    """The rows of `model` (records with personal data, each about a `region`) `user` may see."""
    if not user.is_active:
        return model.objects.none()
    if sees_all(user):
        return model.objects.all()
    return model.objects.filter(region__translation_key__in=coordinated_region_keys(user))


def visible_to(user):
    """The inquiries `user` may open, change and export."""
    return records_visible_to(Inquiry, user)


def assigned_to(user):
    """The inquiries `user`'s teams follow up: their regions', and the undecided for national
    editors. Superusers, who belong to no team, get all of them."""
    if not user.is_active:
        return Inquiry.objects.none()
    if user.is_superuser:
        return Inquiry.objects.all()
    assigned = Q(region__translation_key__in=coordinated_region_keys(user))
    if is_national_editor(user):
        assigned |= Q(region__isnull=True)
    return Inquiry.objects.filter(assigned)


def assigned_group(inquiry):
    """The group that follows `inquiry` up: the region's coordinators, else national editors."""
    if inquiry.region_id is not None:
        team = Team.objects.filter(
            translation_key=inquiry.region.translation_key, kind=Team.Kind.REGION
        ).first()
        if team is not None:
            return team.group
    return Group.objects.filter(name=NATIONAL_EDITORS).first()


class RegionalRecordPolicy(BasePermissionPolicy):
    """Rights on records with personal data about a region (see the module docstring): the
    region's coordinators and national editors may take `actions`, superusers alone delete."""

    actions = READ_WRITE

    def user_has_permission(self, user, action):
        if not user.is_active:
            return False
        if action == "delete":
            return user.is_superuser
        if action in self.actions:
            return (
                sees_all(user)
                or Team.objects.filter(group__user=user, kind=Team.Kind.REGION).exists()
            )
        return False

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not self.actions & set(actions):
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
            return self.model.objects.all()
        if self.actions & set(actions):
            return records_visible_to(self.model, user)
        return self.model.objects.none()

    def users_with_any_permission_for_instance(self, actions, instance):
        users = self.users_with_any_permission(actions)
        if not self.actions & set(actions):
            return users
        region_key = instance.region.translation_key if instance.region_id else None
        return users.filter(
            Q(is_superuser=True)
            | Q(groups__name=NATIONAL_EDITORS)
            | Q(groups__team__translation_key=region_key, groups__team__kind=Team.Kind.REGION)
        ).distinct()


class InquiryPermissionPolicy(RegionalRecordPolicy):
    """Per-inquiry rights from the region an inquiry is about."""

    def __init__(self):
        super().__init__(Inquiry)
