from django import template
from wagtail.models import Locale

from inquiries.models import InquiryPage

register = template.Library()


@register.simple_tag
def inquiry_page():
    """The live inquiry form page in the reader's language, or None (then no link is shown)."""
    return InquiryPage.objects.live().public().filter(locale=Locale.get_active()).first()
