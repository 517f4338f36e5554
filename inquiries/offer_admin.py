"""Preparing, previewing, sending and withdrawing a personal offer from the inquiry's admin page.

Only users who may change the inquiry (`visible_to`: the region's coordinators, national
editors, superusers) reach these views; anyone else is refused with PermissionDenied, which
the admin answers with a redirect to the dashboard (as for the inquiry's own views). The form
accepts only offers and contacts it listed, so a forged id (another region's offer, an
expired one) is an error and nothing is stored or sent.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from inquiries import personal_offers
from inquiries.models import (
    MESSAGE_MAX_LENGTH,
    OFFER_DEFAULT_DAYS,
    OFFER_MAX_DAYS,
    Inquiry,
    PersonalOffer,
    PersonalOfferItem,
)
from inquiries.permissions import visible_to

Kind = PersonalOfferItem.Kind
ITEM_KINDS = [*personal_offers.OFFER_KINDS, Kind.CONTACT]


def inquiry_for(request, pk):
    """The inquiry `pk` if the user may change it; refused otherwise (see the module docstring)."""
    inquiry = get_object_or_404(Inquiry, pk=pk)
    if not visible_to(request.user).filter(pk=inquiry.pk).exists():
        raise PermissionDenied
    return inquiry


class PersonalOfferForm(forms.Form):
    """The choice of offers and contacts (by translation key), the note and the link's life."""

    note = forms.CharField(
        label=_("Personal note"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Shown at the top of the person's page, in their language. Do not repeat anything "
            "sensitive they told you: the page is reached through a link in an e-mail."
        ),
    )
    days = forms.IntegerField(
        label=_("Link works for (days)"),
        min_value=1,
        max_value=OFFER_MAX_DAYS,
        initial=OFFER_DEFAULT_DAYS,
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = choices
        for kind in ITEM_KINDS:
            self.fields[kind] = forms.MultipleChoiceField(
                label=Kind(kind).label,
                required=False,
                choices=[(key, key) for key in sorted(choices.keys(kind))],
                widget=forms.CheckboxSelectMultiple,
            )

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(kind) for kind in ITEM_KINDS):
            raise forms.ValidationError(_("Choose at least one offer or contact."))
        return cleaned

    def items(self):
        """{kind: [translation keys]} of the valid form, in the order they were listed."""
        return {kind: self.cleaned_data[kind] for kind in ITEM_KINDS if self.cleaned_data[kind]}

    def selected(self):
        """The keys ticked so far (also on an invalid form), to show the boxes as they were."""
        if not self.is_bound:
            return set()
        return {key for kind in ITEM_KINDS for key in self.data.getlist(kind)}


def prepare_offer(request, pk):
    """The form; "Preview" shows the person's page, "Send" sends it."""
    inquiry = inquiry_for(request, pk)
    if inquiry.status == Inquiry.Status.CLOSED:
        messages.error(request, _("This inquiry is closed: reopen it before sending an offer."))
        return redirect("inquiries:edit", inquiry.pk)
    choices = personal_offers.choices_for(inquiry)
    data = request.POST if request.method == "POST" else None
    form = PersonalOfferForm(data, choices=choices)
    preview = None
    if request.method == "POST" and form.is_valid():
        if request.POST.get("action") == "send":
            offer = personal_offers.send(
                inquiry,
                request.user,
                form.items(),
                form.cleaned_data["note"],
                form.cleaned_data["days"],
            )
            if offer is not None:
                messages.success(
                    request,
                    _("The personal offer was sent; its link works until %(day)s.")
                    % {"day": timezone.localtime(offer.expires_at).date().isoformat()},
                )
                return redirect("inquiries:edit", inquiry.pk)
            # The form is shown again as it was, to send again.
            messages.error(
                request,
                _(
                    "The e-mail could not be sent, so the offer was withdrawn. Please try again "
                    "in a few minutes."
                ),
            )
            inquiry.refresh_from_db()
        preview = preview_of(inquiry, form)
    return TemplateResponse(
        request,
        "inquiries/admin/prepare_offer.html",
        {
            "inquiry": inquiry,
            "form": form,
            "choices": choices,
            "selected": form.selected(),
            "item_errors": [
                (form.fields[kind].label, form.errors[kind])
                for kind in ITEM_KINDS
                if kind in form.errors
            ],
            "language": personal_offers.offer_language(inquiry),
            "preview": preview,
        },
    )


def preview_of(inquiry, form):
    """The person's page content for the valid `form`, in the offer's language, not stored."""
    language = personal_offers.offer_language(inquiry)
    items = [
        PersonalOfferItem(kind=kind, translation_key=key)
        for kind, keys in form.items().items()
        for key in keys
    ]
    with translation.override(language):
        content = personal_offers.content(items, language)
    return {"language": language, "note": form.cleaned_data["note"], **content}


def withdraw_offer(request, pk, offer_pk):
    """Confirm, then stop the link of one of the inquiry's offers."""
    inquiry = inquiry_for(request, pk)
    offer = get_object_or_404(PersonalOffer, pk=offer_pk, inquiry=inquiry)
    if request.method == "POST":
        if offer.revoked_at is None:
            personal_offers.withdraw(offer, request.user)
            messages.success(request, _("The personal offer was withdrawn."))
        return redirect("inquiries:edit", inquiry.pk)
    return TemplateResponse(
        request, "inquiries/admin/withdraw_offer.html", {"inquiry": inquiry, "offer": offer}
    )


class PersonalOffersPanel(Panel):
    """The inquiry's personal offers (sent, expiry, opened or not) and the way to a new one."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "inquiries/admin/personal_offers_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["inquiry"] = self.instance
            context["offers"] = self.instance.personal_offers.all() if self.instance.pk else []
            context["now"] = timezone.now()
            return context
