"""Signing in to the admin: the failed-login lockout page and two-step verification.

Editors see personal data (inquiries), so a password alone may not be enough. Two-step
verification uses django-otp's TOTP devices (any authenticator app): an editor turns it on from
their account, and from then on every admin page asks for a code after the password, until the
session has given one. ADMIN_2FA_REQUIRED makes it compulsory for everyone with admin access.
Repeated wrong passwords are counted by django-axes (settings); this module only answers them.
"""

import logging
import math
from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

logger = logging.getLogger(__name__)

# Admin views a signed-in user reaches before giving a code (or setting up an app).
BEFORE_VERIFICATION = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "two_step_verify",
}


def locked_out(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the same answer whether or not the user name exists."""
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    return render(request, "teams/admin/login_locked_out.html", {"minutes": minutes}, status=429)


class TwoStepVerificationMiddleware:
    """Admin pages for a user who has set up an app, once their session has given a code.

    It runs after django-otp's OTPMiddleware (which knows whether this session gave a code)
    and only under the admin's URL: the public site never asks for one. A user without an
    app is left alone, unless ADMIN_2FA_REQUIRED sends them to set one up first.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = reverse("wagtailadmin_home")

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if (
            not request.path_info.startswith(self.admin_prefix)
            or not user.is_authenticated
            or user.is_verified()
            or request.resolver_match.url_name in BEFORE_VERIFICATION
            or not user.has_perm("wagtailadmin.access_admin")
        ):
            return None
        if user_has_device(user):
            return redirect_to_login(request.get_full_path(), reverse("two_step_verify"))
        if settings.ADMIN_2FA_REQUIRED and request.resolver_match.url_name != "two_step_setup":
            return redirect_to_login(request.get_full_path(), reverse("two_step_setup"))
        return None


class CodeForm(forms.Form):
    """A code from the authenticator app, checked against one device.

    Every wrong code makes the device wait longer before it checks the next one (django-otp's
    throttling: 1, 2, 4, 8… seconds), so codes cannot be guessed at speed.
    """

    code = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, device, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        # The throttling counters are written in this transaction; errors are raised after it,
        # so that a wrong code is still counted.
        with transaction.atomic():
            device = TOTPDevice.objects.select_for_update().get(pk=self.device.pk)
            allowed = device.verify_is_allowed()[0]
            accepted = allowed and device.verify_token(code)
        if not allowed:
            logger.warning("Two-step code refused: too many wrong codes (user %s)", device.user_id)
            raise forms.ValidationError(
                _("Too many wrong codes in a row. Wait a minute, then enter the newest code.")
            )
        if not accepted:
            logger.warning("Wrong two-step code (user %s)", device.user_id)
            raise forms.ValidationError(
                _("This code is not right. Enter the code your app shows now.")
            )
        self.device = device
        return code


def confirmed_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def next_url(request, default="wagtailadmin_home"):
    """Where the user was going (`?next=`, kept by the forms posting to their own URL), if it
    is on this site; else `default`."""
    url = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse(default)


@never_cache
@sensitive_post_parameters("code")
def verify(request):
    """The step after the password: a code from the app the user set up."""
    device = confirmed_device(request.user)
    if device is None:
        return redirect("two_step_setup")
    form = CodeForm(device, request.POST or None)
    if form.is_valid():
        otp_login(request, form.device)
        return redirect(next_url(request))
    return render(
        request,
        "teams/admin/two_step_verify.html",
        {"form": form},
    )


@never_cache
@sensitive_post_parameters("code")
def setup(request):
    """Turn two-step verification on (scan, confirm with a code) or off again."""
    device = confirmed_device(request.user)
    if device is not None:
        if request.method == "POST":
            TOTPDevice.objects.filter(user=request.user).delete()
            messages.success(request, _("Two-step verification is off."))
            return redirect("two_step_setup")
        return render(request, "teams/admin/two_step_setup.html", {"device": device})

    # The key stays the same until it is confirmed, however often the page is loaded.
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name="authenticator app", confirmed=False
        )
    form = CodeForm(device, request.POST or None)
    if form.is_valid():
        form.device.confirmed = True
        form.device.save(update_fields=["confirmed"])
        otp_login(request, form.device)
        messages.success(
            request, _("Two-step verification is on. The admin will ask for a code at sign-in.")
        )
        return redirect(next_url(request, default="two_step_setup"))
    key = b32encode(device.bin_key).decode()
    return render(
        request,
        "teams/admin/two_step_setup.html",
        {
            "form": form,
            "required": settings.ADMIN_2FA_REQUIRED,
            # A data: URI, which the admin's Content-Security-Policy allows for images.
            "qr_code": segno.make(device.config_url, error="m").svg_data_uri(scale=5),
            "key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
        },
    )
