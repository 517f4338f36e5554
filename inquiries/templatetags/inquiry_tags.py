from django import template
from wagtail.models import Locale

from core.templatetags.portal_tags import per_request
from inquiries.models import InquiryPage

register = template.Library()


@register.simple_tag(takes_context=True)
def inquiry_page(context):
    """The live inquiry form page in the reader's language, or None (then no link is shown)."""
    return per_request(
        context,
        "inquiry_page",
        lambda: InquiryPage.objects.live().public().filter(locale=Locale.get_active()).first(),
    )
