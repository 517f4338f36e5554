"""The public side of an event page: the page with its registration form, and the answer.

As with inquiries (inquiries.views): a valid post is stored, then the browser is redirected to
the page's `registered` route, which finds the registration through the session, never through
the URL. Places are counted and the registration stored in one transaction that holds the
event's row, so two last-minute posts cannot both take the last place.
"""

import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django_ratelimit.core import is_ratelimited

from events.forms import RegistrationForm
from events.models import EventPage, EventRegistration
from inquiries.views import private

SESSION_KEY = "event_registration"
CONFIRMATION_SECONDS = 60 * 60


def rate_limited(request):
    return is_ratelimited(
        request,
        group="events.register",
        key="ip",
        rate=settings.EVENT_REGISTRATION_RATE_LIMIT,
        method="POST",
        increment=True,
    )


def personal_context(request, page):
    """The page's context without its shared-content key: what is shown here (a form, someone's
    registration) must never be kept as the page's shared content (core.models)."""
    context = page.get_context(request)
    context.pop("shared_content_key", None)
    return context


def render(request, page, template, status=200, **context):
    """`template` with the page's context; only the page itself may be kept as shared content."""
    if template == page.get_template(request):
        context = {**page.get_context(request), **context}
    else:
        context = {**personal_context(request, page), **context}
    response = TemplateResponse(request, template, context, status=status)
    # A page with a form holds a CSRF token and what someone typed: never kept by a cache.
    return private(response) if page.has_form else response


@sensitive_variables()
def store(form):
    """The registration of this form, stored now if places are left, or None when full."""
    registration = form.duplicate()
    if registration is not None:
        return registration
    try:
        with transaction.atomic():
            # Hold the event's row: the places are counted and taken by one post at a time.
            EventPage.objects.select_for_update().filter(pk=form.event.source_event.pk).first()
            form.check_places()
            return form.save()
    except ValidationError as error:
        form.add_error(None, error)
        return None
    except IntegrityError:
        registration = form.duplicate()
        if registration is None:
            raise
        return registration


@sensitive_post_parameters()
@sensitive_variables()
def event_view(request, page):
    form = None
    if request.method == "POST":
        if not page.has_form:
            return HttpResponseNotAllowed(["GET", "HEAD"])
        if not page.registration_open:
            # The form was open when the page was loaded: the page says registration has closed.
            return render(request, page, page.get_template(request), status=409)
        if rate_limited(request):
            return render(request, page, "events/rate_limited.html", status=429)
        form = RegistrationForm(request.POST, event=page)
        if form.is_spam:
            remember(request, page, None)
            return redirect(page.get_url(request) + page.reverse_subpage("registered"))
        if form.is_valid():
            registration = store(form)
            if registration is not None:
                remember(request, page, registration.pk)
                return redirect(page.get_url(request) + page.reverse_subpage("registered"))
    elif request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    elif page.registration_open and page.places_left() != 0:
        form = RegistrationForm(event=page)
    return render(
        request,
        page,
        page.get_template(request),
        form=form,
        retention_days=settings.EVENT_REGISTRATION_RETENTION_DAYS,
    )


def remember(request, page, registration_id):
    request.session[SESSION_KEY] = {
        "id": registration_id,
        "event": str(page.translation_key),
        "at": time.time(),
    }


def registered_view(request, page):
    """The confirmation, for the browser that registered for this event, within the hour."""
    entry = request.session.get(SESSION_KEY)
    if (
        not page.has_form
        or not entry
        or entry.get("event") != str(page.translation_key)
        or time.time() - entry.get("at", 0) > CONFIRMATION_SECONDS
    ):
        return redirect(page.get_url(request))
    registration = None
    if entry["id"] is not None:
        registration = EventRegistration.objects.filter(
            pk=entry["id"], event=page.source_event
        ).first()
        if registration is None:
            del request.session[SESSION_KEY]
            return redirect(page.get_url(request))
    context = {**personal_context(request, page), "registration": registration}
    return private(TemplateResponse(request, "events/event_registered.html", context))
