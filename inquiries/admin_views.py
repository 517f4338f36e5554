"""The coordinators' follow-up of inquiries in the Wagtail admin.

Every view that loads one inquiry (edit, history, usage, delete) goes through
`VisibleInquiryMixin`, and the list and its spreadsheet export start from `visible_to(user)`:
a coordinator reaches another region's inquiry by no path, and a direct URL is refused with
403 (a 404 here would be turned into a redirect to /lv/admin/… by LocaleMiddleware).
"""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList, Panel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale

from core.exports import FormulaSafeExportMixin
from inquiries.models import Inquiry, PersonalOffer
from inquiries.offer_admin import PersonalOffersPanel, prepare_offer, withdraw_offer
from inquiries.permissions import InquiryPermissionPolicy, assigned_to, visible_to
from regions.models import RegionPage


class VisibleInquiryMixin:
    """Load the inquiry only from those the user may see; anything else is refused."""

    def get_object(self, *args, **kwargs):
        inquiry = super().get_object(*args, **kwargs)
        if not visible_to(self.request.user).filter(pk=inquiry.pk).exists():
            raise PermissionDenied
        return inquiry


class TickedOrUnset(forms.CheckboxInput):
    """A checkbox filter that is either ticked or not set: an unticked box reads as "False",
    which Wagtail shows above the list as an active filter that nobody chose."""

    def value_from_datadict(self, data, files, name):
        return super().value_from_datadict(data, files, name) or None


class InquiryFilterSet(WagtailFilterSet):
    due = django_filters.BooleanFilter(
        label=_("Follow-up due (today or earlier)"),
        method="filter_due",
        widget=TickedOrUnset,
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=lambda request: RegionPage.objects.filter(locale=Locale.get_default()).order_by(
            "title"
        ),
    )

    class Meta:
        model = Inquiry
        fields = ["status", "region", "due"]

    def filter_due(self, queryset, name, value):
        """Called only when ticked: an unset filter is skipped."""
        return queryset.due()


def export_needs(value):
    labels = dict(Inquiry.Need.choices)
    return ", ".join(str(labels.get(need, need)) for need in value)


def export_ages(value):
    return ", ".join(str(age) for age in value)


class InquiryIndexView(FormulaSafeExportMixin, generic.IndexView):
    custom_field_preprocess = {
        "needs": {"csv": export_needs, "xlsx": export_needs},
        "children_ages": {"csv": export_ages, "xlsx": export_ages},
        "phone": {"csv": str, "xlsx": str},
    }

    def get_base_queryset(self):
        return visible_to(self.request.user).select_related("region", "municipality")


class InquiryEditView(VisibleInquiryMixin, generic.EditView):
    pass


class InquiryDeleteView(VisibleInquiryMixin, generic.DeleteView):
    pass


class InquiryHistoryView(VisibleInquiryMixin, history.HistoryView):
    pass


class InquiryUsageView(VisibleInquiryMixin, usage.UsageView):
    pass


class InquiryAdminForm(WagtailAdminModelForm):
    """Signs each new note with the user who writes it."""

    def save(self, commit=True):
        for form in self.formsets["notes"].forms:
            if form.instance.pk is None and form.has_changed():
                form.instance.author = self.for_user
        return super().save(commit=commit)


class InquiryDetailsPanel(Panel):
    """What the person sent, read-only: coordinators follow up, they do not rewrite it."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "inquiries/admin/details_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["inquiry"] = self.instance
            return context


class InquiryViewSet(ModelViewSet):
    model = Inquiry
    name = "inquiries"
    icon = "mail"
    menu_label = _("Inquiries")
    menu_order = 210
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    permission_policy = InquiryPermissionPolicy()
    index_view_class = InquiryIndexView
    edit_view_class = InquiryEditView
    delete_view_class = InquiryDeleteView
    history_view_class = InquiryHistoryView
    usage_view_class = InquiryUsageView
    filterset_class = InquiryFilterSet
    list_display = [
        "name",
        "region",
        "municipality",
        Column("status", label=_("status"), accessor="get_status_display"),
        DateColumn("next_follow_up", label=_("next follow-up")),
        DateColumn("created_at", label=_("received")),
    ]
    search_fields = ["name", "email", "message"]
    ordering = ["-created_at"]
    list_export = [
        "id",
        "created_at",
        "get_status_display",
        "next_follow_up",
        "name",
        "email",
        "phone",
        "country.name",
        "adults",
        "children_ages",
        "region",
        "municipality",
        "needs",
        "get_return_plan_display",
        "message",
        "get_contact_language_display",
    ]
    export_headings = {
        "id": _("number"),
        "get_status_display": _("status"),
        "country.name": _("country of residence"),
        "get_return_plan_display": _("plans to return"),
        "get_contact_language_display": _("language of contact"),
    }
    export_filename = "inquiries"

    edit_handler = ObjectList(
        [
            InquiryDetailsPanel(heading=_("What the person told us")),
            FieldRowPanel(
                [FieldPanel("status"), FieldPanel("next_follow_up")], heading=_("Follow-up")
            ),
            PersonalOffersPanel(heading=_("Personal offers")),
            InlinePanel("notes", heading=_("Notes on each contact"), label=_("Note")),
        ],
        base_form_class=InquiryAdminForm,
    )

    def get_urlpatterns(self):
        """The inquiry's own views, and those of its personal offers (inquiries/offer_admin.py)."""
        return super().get_urlpatterns() + [
            path("offer/<int:pk>/", prepare_offer, name="prepare_offer"),
            path("offer/<int:pk>/withdraw/<int:offer_pk>/", withdraw_offer, name="withdraw_offer"),
        ]


class FollowUpsPanel(Component):
    """The dashboard's lists of the inquiries nobody has touched yet (of every inquiry the user
    may see, so none waits unseen even if its e-mail reached nobody) and of the user's
    follow-ups due today or earlier, each with its latest personal offer and whether it was
    opened (sending one sets the next follow-up, so reminders continue from it)."""

    name = "inquiry_follow_ups"
    order = 90
    template_name = "inquiries/admin/follow_ups_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        context["today"] = timezone.localdate()
        # The latest offer sent is shown with each follow-up: was it opened before calling?
        sent_offers = Prefetch(
            "personal_offers",
            PersonalOffer.objects.filter(sent_at__isnull=False).order_by("-sent_at"),
            to_attr="sent_offers",
        )
        context["inquiries"] = (
            assigned_to(self.user)
            .due(context["today"])
            .select_related("region", "municipality")
            .prefetch_related(sent_offers)
            .order_by("next_follow_up", "created_at")
        )
        context["new_inquiries"] = (
            visible_to(self.user)
            .untouched()
            .select_related("region", "municipality")
            .order_by("created_at")
        )
        return context
