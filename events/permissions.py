"""Who sees which event registrations: as for inquiries (inquiries.permissions), personal data
stays with the team that runs the event.

- A region's coordinators see and export the registrations for their region's events only.
- National editors and superusers see all of them; superusers alone may delete.
- Nobody adds or changes registrations in the admin: they come from the form on the page.
  Municipality editors see none, though they may edit pages in the region.
"""

from events.models import EventRegistration
from inquiries.permissions import (
    RegionalRecordPolicy,
    coordinated_region_keys,
    records_visible_to,
    sees_all,
)


def visible_to(user):
    """The registrations `user` may see and export."""
    return records_visible_to(EventRegistration, user)


class RegistrationPermissionPolicy(RegionalRecordPolicy):
    """Per-registration rights from the region of its event: seen and exported, never changed."""

    actions = {"view"}

    def __init__(self):
        super().__init__(EventRegistration)


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
