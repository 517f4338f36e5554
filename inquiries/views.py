"""The public side of the inquiry page: the form, and the answer shown after sending it.

After a valid post the browser is redirected (post/redirect/get) to the page's `done` route,
which finds the inquiry through the session, never through the URL: no personal data or
guessable id in addresses, browser history or server logs.

The inquiry is stored and its e-mails are prepared in one transaction; they are sent only once
it is committed. A form posted again (double click, retry) finds the inquiry it already stored.
"""

import hashlib
import re
import time
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_safe
from django_ratelimit.core import is_ratelimited

from inquiries import notifications, personal_offers
from inquiries.forms import InquiryForm
from inquiries.models import Inquiry, PersonalOffer, hash_token
from inquiries.summary import build_summary, live_translation, public_contacts

SESSION_KEY = "inquiry"
# How long the answer page can be reopened from the same browser (e.g. on a shared computer).
CONFIRMATION_SECONDS = 60 * 60


def private(response):
    """Pages that may show what someone typed must not be stored by any cache."""
    add_never_cache_headers(response)
    return response


def remember(request, inquiry_id):
    request.session[SESSION_KEY] = {"id": inquiry_id, "at": time.time()}


def rate_limited(request):
    """Count this post against the client's address; True once over INQUIRY_RATE_LIMIT."""
    return is_ratelimited(
        request,
        group="inquiries.post",
        key="ip",
        rate=settings.INQUIRY_RATE_LIMIT,
        method="POST",
        increment=True,
    )


def receipt_allowed(request, email):
    """At most INQUIRY_RECEIPT_RATE_LIMIT receipts to one address, whoever posts the form and
    from wherever: anyone can type any address, so the form must not fill a stranger's mailbox."""
    address = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return not is_ratelimited(
        request,
        group="inquiries.receipt",
        key=lambda _group, _request: address,
        rate=settings.INQUIRY_RECEIPT_RATE_LIMIT,
        increment=True,
    )


def page_response(request, page, template, status=200, **context):
    return private(
        TemplateResponse(request, template, {**page.get_context(request), **context}, status=status)
    )


def queue_mail(request, inquiry, page):
    """Prepare the team's notification and the person's receipt now, send them on commit."""
    team = notifications.team_messages(inquiry)
    transaction.on_commit(partial(notifications.send, team, inquiry.pk))
    if receipt_allowed(request, inquiry.email):
        region = live_translation(inquiry.region, page.locale)
        place = live_translation(inquiry.place, page.locale)
        receipt = notifications.receipt(
            inquiry, place, public_contacts(region, page), reached=bool(team)
        )
        transaction.on_commit(partial(notifications.send, [receipt], inquiry.pk))


@sensitive_variables()
def store(request, form, page):
    """The inquiry of this form: stored now, or already stored by an earlier post of it.

    A database error while storing or routing rolls everything back (the visitor gets the
    "try again" page, and trying again is safe)."""
    inquiry = form.duplicate()
    if inquiry is not None:
        return inquiry
    try:
        with transaction.atomic():
            inquiry = form.save()
            queue_mail(request, inquiry, page)
    except IntegrityError:
        # The same form posted twice at once: the other request stored it first.
        inquiry = form.duplicate()
        if inquiry is None:
            raise
    return inquiry


# What a visitor typed never appears in an error report (core/monitoring.py).
@sensitive_post_parameters()
@sensitive_variables()
def form_view(request, page):
    if request.method == "POST":
        if rate_limited(request):
            return page_response(request, page, "inquiries/rate_limited.html", status=429)
        form = InquiryForm(request.POST, locale=page.locale)
        if form.is_spam:
            # Answered like a success, so that the bot learns nothing; nothing is stored.
            remember(request, None)
            return redirect(page.get_url(request) + page.reverse_subpage("done"))
        if form.is_valid():
            remember(request, store(request, form, page).pk)
            return redirect(page.get_url(request) + page.reverse_subpage("done"))
    else:
        form = InquiryForm(locale=page.locale)
    return page_response(
        request,
        page,
        page.get_template(request),
        form=form,
        retention_days=settings.INQUIRY_RETENTION_DAYS,
    )


def done_view(request, page):
    entry = request.session.get(SESSION_KEY)
    if not entry or time.time() - entry.get("at", 0) > CONFIRMATION_SECONDS:
        return redirect(page.get_url(request))
    inquiry = None
    if entry["id"] is not None:
        inquiry = (
            Inquiry.objects.filter(pk=entry["id"]).select_related("region", "municipality").first()
        )
        if inquiry is None:  # erased in the meantime
            del request.session[SESSION_KEY]
            return redirect(page.get_url(request))
    summary = build_summary(inquiry, page, request) if inquiry else None
    # A bot caught by the honeypot (no inquiry) is answered like everybody else.
    reached = notifications.reaches_someone(inquiry) if inquiry else True
    return page_response(
        request,
        page,
        "inquiries/inquiry_done.html",
        inquiry=inquiry,
        summary=summary,
        reached=reached,
        promise=notifications.promise(reached),
    )


# The form of a token from personal_offers.new_token(): anything else is not looked up.
OFFER_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


def offer_lookups_limited(request, increment=False):
    """Failed look-ups of offer links per client address: guessing is pointless (2^256
    tokens), but a client that keeps missing is refused for a while all the same."""
    return is_ratelimited(
        request,
        group="inquiries.personal_offer",
        key="ip",
        rate=settings.PERSONAL_OFFER_RATE_LIMIT,
        increment=increment,
    )


def secret_page(response):
    """The personal offer's page, and its error pages: kept by no cache, listed by no search
    engine, and its address (the token) never sent to the sites it links to."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def offer_gone(request, heading, explanation, status, inquiry=None):
    """A link that does not open an offer: what happened, and whom to ask (the region's public
    coordinators if the link was once valid; nothing about the person)."""
    coordinators = personal_offers.coordinators_for(inquiry, translation.get_language())
    context = {
        "heading": heading,
        "explanation": explanation,
        "coordinators": coordinators,
        "mailbox": settings.REMIGRATION_NATIONAL_MAILBOX,
    }
    return secret_page(
        TemplateResponse(request, "inquiries/personal_offer_gone.html", context, status=status)
    )


@require_safe
def personal_offer_view(request, token):
    """The person's offer, in the language of the URL (the e-mail links the offer's language;
    the switcher gives the other). A GET counts as an opening; a HEAD (link checkers, some
    previews) does not. Mail scanners that GET every link count as openings: the count says
    the page was fetched, not that the person read it."""
    if offer_lookups_limited(request):
        return offer_gone(
            request,
            _("Too many attempts"),
            _(
                "This connection has opened too many links that do not exist. Please try again later."
            ),
            429,
        )
    offer = None
    if OFFER_TOKEN.fullmatch(token):
        offer = (
            PersonalOffer.objects.select_related("inquiry__region")
            .filter(token_hash=hash_token(token))
            .first()
        )
    if offer is None:
        offer_lookups_limited(request, increment=True)
        return offer_gone(
            request,
            _("Offer not found"),
            _(
                "This link does not lead to a personal offer. Check that you copied the whole "
                "address from the e-mail, or contact the programme."
            ),
            404,
        )
    if not offer.is_usable:
        if offer.revoked_at is not None:
            explanation = _(
                "This offer has been withdrawn by your coordinator. Please contact your "
                "coordinator for a current one."
            )
        else:
            explanation = _(
                "This link has expired. Please contact your coordinator: they will gladly send "
                "you a current offer."
            )
        return offer_gone(request, _("This link no longer works"), explanation, 410, offer.inquiry)
    if request.method == "GET":
        offer.record_opening()
    language = translation.get_language()
    content = personal_offers.content(offer.items.all(), language)
    chosen = {contact.translation_key for contact in content["contacts"]}
    context = {
        "offer": offer,
        "content": content,
        # The region's coordinators close the page, unless they are among the chosen contacts.
        "coordinators": [
            contact
            for contact in personal_offers.coordinators_for(offer.inquiry, language)
            if contact.translation_key not in chosen
        ],
    }
    return secret_page(TemplateResponse(request, "inquiries/personal_offer.html", context))
