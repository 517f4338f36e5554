"""The admin API's image and document listings, limited to what the user may choose.

Wagtail's admin API (/admin/api/main/images/, …/documents/) lists every collection to anyone who
may use the admin, so a municipality editor could read the titles and file addresses of other
teams' files. These endpoints list only what Wagtail's own choosers offer the user.
"""

from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry


class ChoosableOnlyMixin:
    def get_queryset(self):
        choosable = policy_registry.get_by_type(self.model).instances_user_has_any_permission_for(
            self.request.user, ["choose"]
        )
        return super().get_queryset().filter(pk__in=choosable.values("pk"))


class ChoosableImagesAPIViewSet(ChoosableOnlyMixin, ImagesAdminAPIViewSet):
    pass


class ChoosableDocumentsAPIViewSet(ChoosableOnlyMixin, DocumentsAdminAPIViewSet):
    pass
