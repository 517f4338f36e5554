from django import template

from core.templatetags.portal_tags import child_pages, language_home

register = template.Library()


@register.simple_tag(takes_context=True)
def inquiry_page(context):
    """The live inquiry form page in the reader's language, or None (then no link is shown)."""
    return next(iter(child_pages(context, language_home(context), "inquiries.InquiryPage")), None)
