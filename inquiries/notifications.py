"""Tell the assigned team that a new inquiry waits, without putting personal data in e-mail.

E-mail crosses servers we do not control, so the message says only that an inquiry waits and
links to it in the admin, where access is checked. One message per recipient, in their admin
language, so that colleagues' addresses are not shown to each other.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.users.models import UserProfile

from inquiries.permissions import assigned_group

logger = logging.getLogger(__name__)


def admin_url(inquiry):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("inquiries:edit", args=[inquiry.pk])


def message_for(user, inquiry, group):
    with translation.override(UserProfile.get_for_user(user).get_preferred_language()):
        subject = gettext("New return inquiry waiting")
        body = gettext(
            "A new inquiry for %(team)s is waiting in the portal's admin:\n\n%(url)s\n\n"
            "The person's details are shown only in the admin."
        ) % {"team": group.name, "url": admin_url(inquiry)}
    return EmailMessage(subject, body, to=[user.email])


def notify_team(inquiry):
    """Send the notifications; a mail failure is logged (without any submitted value) and
    swallowed, because the inquiry is already stored and the person must get their answer."""
    group = assigned_group(inquiry)
    if group is None:
        logger.warning("Inquiry %s has no team to notify.", inquiry.pk)
        return 0
    users = group.user_set.filter(is_active=True).exclude(email="")
    messages = [message_for(user, inquiry, group) for user in users]
    if not messages:
        logger.warning("Nobody in the team of inquiry %s has an e-mail address.", inquiry.pk)
        return 0
    try:
        return get_connection().send_messages(messages) or 0
    except Exception:
        logger.exception("Could not send the notification about inquiry %s.", inquiry.pk)
        return 0
