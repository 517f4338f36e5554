from wagtail import hooks
from wagtail.permissions import register_permission_policy

from core.cache import PAGES_LISTING_HOOK
from events import privacy
from events.admin_views import RegistrationViewSet
from events.models import EventIndexPage, EventPage, EventRegistration
from inquiries.privacy import PERSONAL_DATA_HOOK

# Rights come from teams (see events/permissions.py), not from Django's model permissions.
register_permission_policy(EventRegistration, RegistrationViewSet.permission_policy)


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return RegistrationViewSet()


@hooks.register(PAGES_LISTING_HOOK)
def pages_listing_event(page):
    """An event is also listed on the events page of its language (purged from the CDN with it);
    its region and the home page, its ancestors, are purged anyway (core.cache.pages_listing)."""
    if not isinstance(page.specific_deferred, EventPage):
        return []
    return list(EventIndexPage.objects.live().filter(locale_id=page.locale_id))


@hooks.register(PERSONAL_DATA_HOOK)
def event_registrations_by_email():
    """Access and erasure requests (inquiries' commands) cover event registrations too."""
    return ("event_registrations", privacy.export, privacy.erase)
