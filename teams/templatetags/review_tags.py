"""wagtail-localize's translation editor for editors who may not publish: its way forward is the
region's review (teams.admin_views.SubmitTranslationForReviewView), shown where they look first.

The editor's footer is a React app fed with JSON props; its main button is the last of the
actions it is allowed. Without publish rights that was "Lock", which protects nothing there:
wagtail-localize saves translated text without looking at locks, and a lock only keeps the
region's reviewers out of the page they are asked to review. "Convert to alias page" is refused
to them (teams.admin_views.guarded_convert_to_alias), so it is not offered either.
"""

import json

from django import template
from wagtail.admin.widgets import HeaderButton
from wagtail.models import Page

from teams.admin_views import can_publish_all_versions
from teams.wagtail_hooks import submit_translation_button

register = template.Library()


@register.simple_tag(takes_context=True)
def review_buttons(context, instance):
    """The review, as a header button beside the page's breadcrumbs where it is seen first."""
    if not isinstance(instance, Page):
        return []
    return [
        HeaderButton(button.label, button.url, icon_name=button.icon_name)
        for button in submit_translation_button(instance, context["request"].user)
    ]


@register.simple_tag(takes_context=True)
def props_without_publishers_actions(context, props, instance):
    """The editor's props without "Lock" and "Convert to alias page" for those who may not
    publish every version of `instance`."""
    if can_publish_all_versions(context["request"].user, instance):
        return props
    props = json.loads(props)
    props["perms"]["canLock"] = False
    props["links"]["convertToAliasUrl"] = None
    return json.dumps(props)
