"""The registration count on an event's edit page, for those who may see the registrations."""

from django.urls import reverse
from wagtail.admin.panels import Panel


class RegistrationsPanel(Panel):
    """How many people have registered with the page's form, linking the list of them; shown only
    to users who may see that event's registrations (events.permissions), so a municipality
    editor learns nothing of them."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "events/admin/registrations_panel.html"

        def is_shown(self):
            from events.permissions import may_see_registrations_of

            return bool(
                self.instance.pk
                and self.instance.has_form
                and may_see_registrations_of(self.request.user, self.instance)
            )

        def get_context_data(self, parent_context=None):
            from events.models import EventRegistration

            context = super().get_context_data(parent_context)
            source = self.instance.source_event
            registrations = EventRegistration.objects.filter(event=source)
            context["count"] = registrations.count()
            context["people"] = self.instance.places_taken()
            context["capacity"] = self.instance.capacity
            context["url"] = reverse("event-registrations:index") + f"?event={source.pk}"
            return context
