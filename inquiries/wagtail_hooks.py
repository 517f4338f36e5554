from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from inquiries.admin_views import FollowUpsPanel, InquiryViewSet
from inquiries.models import Inquiry

# Rights come from teams (see inquiries/permissions.py), not from Django's model permissions:
# ticking "inquiry" permissions on a group in the admin grants nothing.
register_permission_policy(Inquiry, InquiryViewSet.permission_policy)


@hooks.register("register_admin_viewset")
def register_inquiry_viewset():
    return InquiryViewSet()


@hooks.register("construct_homepage_panels")
def add_follow_ups_panel(request, panels):
    panels.append(FollowUpsPanel(request.user))


@hooks.register("register_log_actions")
def register_personal_offer_actions(actions):
    """Sending and withdrawing a personal offer appear in the inquiry's admin history."""
    actions.register_action(
        "inquiries.personal_offer.send", _("Send personal offer"), _("Personal offer sent")
    )
    actions.register_action(
        "inquiries.personal_offer.withdraw",
        _("Withdraw personal offer"),
        _("Personal offer withdrawn"),
    )
