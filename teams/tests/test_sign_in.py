"""Signing in to the admin: failed logins are throttled, and two-step verification works."""

import datetime
import re
import time
from base64 import b32decode
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "Remigr-2026-pw"  # noqa: S105 - a test account
LOGIN = "/admin/login/"
SETUP = "/admin/two-step/"
VERIFY = "/admin/two-step/verify/"
CSRF = re.compile(rb'(csrfmiddlewaretoken" value=|CSRF_TOKEN": )"[^"]+"')


def editor_account(username):
    """An account with admin access, as every editorial team's members have."""
    group, _ = Group.objects.get_or_create(name="Admin access")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = get_user_model().objects.create_user(username, f"{username}@example.lv", PASSWORD)
    user.groups.add(group)
    return user


@pytest.fixture
def editor():
    return editor_account("laura")


def browser(address="192.0.2.10"):
    return Client(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR=address)


def sign_in(client, username="laura", password=PASSWORD, **headers):
    data = {"username": username, "password": password, "next": "/admin/"}
    return client.post(LOGIN, data, **headers)


def signed_in(client):
    return client.get("/admin/").status_code == 200


def code(key, later=0):
    """The code an authenticator app holding `key` shows now (or `later` seconds from now)."""
    totp = TOTP(key)
    totp.time = time.time() + later
    return f"{totp.token():06d}"


def text(response):
    return response.content.decode()


# Failed logins


def test_five_wrong_passwords_lock_the_name_out_from_that_address_even_with_the_right_one(
    editor, caplog
):
    client = browser()
    answers = [sign_in(client, password="wrong").status_code for _ in range(5)]
    assert answers == [200, 200, 200, 200, 429]
    response = sign_in(client)
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in text(response)
    assert "paused for 15 minutes" in text(response)
    assert not signed_in(client)
    assert "AXES: Locking out" in caplog.text


def test_the_lockout_does_not_tell_whether_the_user_name_exists(editor):
    client = browser()
    for _ in range(5):
        known = sign_in(client, password="wrong")
        unknown = sign_in(client, username="nobody", password="wrong")
    assert known.status_code == unknown.status_code == 429
    assert CSRF.sub(b"", known.content) == CSRF.sub(b"", unknown.content)


def test_another_address_or_another_user_is_not_locked_out(editor):
    editor_account("anete")
    for _ in range(5):
        sign_in(browser(), password="wrong")
    elsewhere = browser("198.51.100.20")
    assert sign_in(elsewhere).status_code == 302
    assert signed_in(elsewhere)
    colleague = browser()
    assert sign_in(colleague, username="anete").status_code == 302
    assert signed_in(colleague)


def test_a_successful_sign_in_before_the_limit_starts_the_count_again(editor):
    client = browser()
    for _ in range(4):
        sign_in(client, password="wrong")
    assert sign_in(client).status_code == 302
    client.post("/admin/logout/")
    answers = [sign_in(client, password="wrong").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 200]
    assert sign_in(client).status_code == 302


def test_behind_a_proxy_the_lockout_counts_the_address_the_proxy_saw(editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client = browser("10.0.0.2")
    for n in range(5):
        client.post(
            LOGIN,
            {"username": "laura", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7",
        )
    assert sign_in(client, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    assert sign_in(client, HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 302


# Two-step verification


def enrol(client, url=SETUP):
    """Set up the app from the setup page, as an editor would: scan (or type) the key shown."""
    page = text(client.get(url))
    key = b32decode(re.search(r"<code>([A-Z2-7 ]+)</code>", page).group(1).replace(" ", ""))
    return key, client.post(url, {"code": code(key)})


def test_an_editor_turns_on_two_step_verification_and_then_needs_a_code_after_the_password(
    editor,
):
    client = browser()
    sign_in(client)
    assert SETUP in text(client.get("/admin/account/"))
    setup = client.get(SETUP)
    assert 'src="data:image/svg+xml' in text(setup)
    assert "data:" in setup["Content-Security-Policy"].split("img-src")[1].split(";")[0]

    key, response = enrol(client)
    assert response.status_code == 302
    assert "Two-step verification is on" in text(client.get(response["Location"]))
    client.post("/admin/logout/")

    response = sign_in(client)
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=/admin/"
    assert client.get("/admin/account/")["Location"].startswith(VERIFY)
    assert client.get("/admin/reports/site-history/")["Location"].startswith(VERIFY)
    assert client.get("/admin/two-step/")["Location"].startswith(VERIFY)

    wrong = client.post(f"{VERIFY}?next=/admin/", {"code": "000000"})
    assert "This code is not right" in text(wrong)
    assert not signed_in(client)
    # A minute later (the throttle has let go), the right code opens the dashboard.
    TOTPDevice.objects.update(
        throttling_failure_timestamp=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = client.post(f"{VERIFY}?next=/admin/", {"code": code(key, later=30)})
    assert response["Location"] == "/admin/"
    assert signed_in(client)


def test_wrong_codes_in_a_row_make_the_code_step_wait(editor, settings):
    """Each wrong code doubles the wait before the next is checked (1 s, 2 s, … at the default
    factor; slowed down here so the test does not race the clock)."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    device = TOTPDevice.objects.create(user=editor, name="app", confirmed=True)
    client = browser()
    sign_in(client)
    assert "This code is not right" in text(client.post(VERIFY, {"code": "000000"}))
    response = client.post(VERIFY, {"code": code(device.bin_key)})
    assert "Too many wrong codes in a row" in text(response)
    assert not signed_in(client)


def test_the_code_step_sends_only_to_this_sites_pages(editor):
    device = TOTPDevice.objects.create(user=editor, name="app", confirmed=True)
    client = browser()
    sign_in(client)
    response = client.post(f"{VERIFY}?next=https://evil.example/", {"code": code(device.bin_key)})
    assert response["Location"] == "/admin/"


def test_an_editor_without_an_app_is_not_asked_for_a_code_when_it_is_optional(editor):
    client = browser()
    assert sign_in(client)["Location"] == "/admin/"
    assert signed_in(client)


def test_when_two_step_is_required_an_editor_without_an_app_sets_it_up_first(editor, settings):
    settings.ADMIN_2FA_REQUIRED = True
    client = browser()
    sign_in(client)
    response = client.get("/admin/account/")
    assert response["Location"] == f"{SETUP}?next=/admin/account/"
    assert "required for everyone who uses the admin" in text(client.get(response["Location"]))
    _, response = enrol(client, response["Location"])
    assert response["Location"] == "/admin/account/"
    assert client.get("/admin/account/").status_code == 200


def test_the_public_site_never_asks_for_a_code(editor, home):
    TOTPDevice.objects.create(user=editor, name="app", confirmed=True)
    client = browser()
    sign_in(client)
    assert client.get("/lv/", HTTP_HOST="localhost").status_code == 200


def test_an_editor_changing_phones_turns_two_step_verification_off(editor):
    client = browser()
    sign_in(client)
    enrol(client)
    response = client.post(SETUP)
    assert "Two-step verification is off" in text(client.get(response["Location"]))
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()
    client.post("/admin/logout/")
    sign_in(client)
    assert signed_in(client)


def test_an_administrator_turns_two_step_verification_off_for_a_lost_phone(editor):
    TOTPDevice.objects.create(user=editor, name="app", confirmed=True)
    out = StringIO()
    call_command("turn_off_two_step", "laura@example.lv", stdout=out)
    assert "off for laura" in out.getvalue()
    client = browser()
    sign_in(client)
    assert signed_in(client)
    with pytest.raises(CommandError, match="No single account"):
        call_command("turn_off_two_step", "nobody")
