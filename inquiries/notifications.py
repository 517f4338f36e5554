"""Tell the assigned team that a new inquiry waits, and give the person a receipt.

E-mail crosses servers we do not control, so the team's message says only that an inquiry waits
and links to it in the admin, where access is checked. One message per recipient, in their
admin language, so that colleagues' addresses are not shown to each other. When nobody in the
team has an address, the national mailbox is told instead: every inquiry reaches a person.

The receipt goes to the person alone, in the language of the form they used: the choices they made
and the public contact who follows them up, nothing about anyone else. Nothing they typed is
repeated (not even the name): anyone can type any address, so the form must not carry a
stranger's text to someone's mailbox; views.receipt_allowed bounds the receipts per address.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.users.models import UserProfile

from inquiries.permissions import assigned_group

logger = logging.getLogger(__name__)

NATIONAL_TEAM = _("the programme's national team")


def admin_url(inquiry):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("inquiries:edit", args=[inquiry.pk])


def team_members(inquiry):
    """The assigned group (or None) and its active members who have an e-mail address."""
    group = assigned_group(inquiry)
    if group is None:
        return None, []
    return group, group.user_set.filter(is_active=True).exclude(email="")


def reaches_someone(inquiry):
    """Whether the team's notification about `inquiry` goes to anybody at all."""
    return bool(settings.REMIGRATION_NATIONAL_MAILBOX) or team_members(inquiry)[1].exists()


def team_message(address, language, inquiry, team, fallback=False):
    with translation.override(language):
        subject = gettext("New return inquiry waiting")
        body = gettext(
            "A new inquiry for %(team)s is waiting in the portal's admin:\n\n%(url)s\n\n"
            "The person's details are shown only in the admin."
        ) % {"team": team, "url": admin_url(inquiry)}
        if fallback:
            body += "\n\n" + gettext(
                "Nobody in this team has an e-mail address in the portal, so this message "
                "went to the national mailbox."
            )
    return EmailMessage(subject, body, to=[address])


def team_messages(inquiry):
    """The notifications to send: to each member of the team, else to the national mailbox.

    Built inside the transaction that stores the inquiry: a database error here stores nothing.
    """
    group, members = team_members(inquiry)
    team = group.name if group else NATIONAL_TEAM
    messages = [
        team_message(
            user.email, UserProfile.get_for_user(user).get_preferred_language(), inquiry, team
        )
        for user in members
    ]
    if messages:
        return messages
    mailbox = settings.REMIGRATION_NATIONAL_MAILBOX
    if not mailbox:
        logger.error(
            "Nobody can be told about inquiry %s: no address in its team, no mailbox.", inquiry.pk
        )
        return []
    logger.warning(
        "Nobody in the team of inquiry %s has an e-mail address; telling the national mailbox.",
        inquiry.pk,
    )
    return [team_message(mailbox, settings.LANGUAGE_CODE, inquiry, team, fallback=True)]


def promise(reached):
    """What the person may expect, truthfully: a coordinator's contact only if one is told."""
    if reached:
        return _(
            "Your inquiry has been sent. A coordinator will contact you, usually within a few "
            "working days."
        )
    return _(
        "Your inquiry has been saved in the programme's list of new inquiries. If nobody has "
        "contacted you within a week, please get in touch with the programme yourself."
    )


def receipt(inquiry, place, contacts, reached):
    """The person's receipt, in the language of the form: their choices and the public
    contacts (`place` and `contacts` are the pages and contacts in that language)."""
    with translation.override(inquiry.language):
        subject = gettext("We received your inquiry")
        body = render_to_string(
            "inquiries/email/receipt.txt",
            {
                "inquiry": inquiry,
                "place": place,
                "contacts": contacts,
                "promise": promise(reached),
                "mailbox": settings.REMIGRATION_NATIONAL_MAILBOX,
            },
        )
    return EmailMessage(subject, body, to=[inquiry.email])


def send(messages, inquiry_pk):
    """Send after the inquiry is committed. A failure is logged by its kind only (an SMTP error
    can quote the visitor's address) and swallowed: the inquiry is stored and listed on the
    team's dashboard, and the person must get their answer."""
    if not messages:
        return 0
    try:
        return get_connection().send_messages(messages) or 0
    except Exception as error:
        logger.error(
            "Could not send the e-mail about inquiry %s (%s).", inquiry_pk, type(error).__name__
        )
        return 0
