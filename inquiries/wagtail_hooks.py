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
