"""Admin forms shared by the portal's page types."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

STALE_SAVE = _(
    "Another editor saved this page after you opened it. Your changes were not saved: copy what "
    "you need, then reload the page to see their version. Saving again replaces their version "
    "with yours."
)


class BasePageForm(WagtailAdminPageForm):
    """The page editor's form, refusing to save over a version someone else saved meanwhile.

    Wagtail refuses such a save only when it autosaves; a Save, Publish or Submit from a form
    opened earlier would silently replace the other editor's work. The refused form is shown
    again with the editor's content and now carries the newest revision, so saving it again
    overwrites knowingly, as Wagtail's own "Proceeding will overwrite" dialog does.
    """

    def clean(self):
        cleaned_data = super().clean()
        if self.saved_by_someone_else_since_loaded():
            raise ValidationError(STALE_SAVE, code="stale")
        return cleaned_data

    def saved_by_someone_else_since_loaded(self):
        """Whether a revision newer than the one the form was loaded with was made by another user.

        The editor's own newer revisions (their autosaves, another tab) do not count. Autosave
        overwrites its revision in place with a new `created_at`, so the loaded revision itself
        counts when its time has moved on. A form posted without the hidden inputs Wagtail
        renders (the create view, an older tab) cannot be checked and is let through, as Wagtail does.
        """
        if self.instance.pk is None:
            return False
        try:
            loaded_id = int(self.data.get("loaded_revision_id", ""))
            loaded_at = parse_datetime(self.data.get("loaded_revision_created_at", ""))
        except ValueError:
            return False
        newer = Q(pk__gt=loaded_id)
        if loaded_at:
            newer |= Q(pk=loaded_id, created_at__gt=loaded_at)
        return self.instance.revisions.filter(newer).exclude(user=self.for_user).exists()
