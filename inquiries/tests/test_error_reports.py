"""An error while an inquiry is sent reaches the operators without what the visitor typed:
neither Django's e-mailed report to ADMINS nor Sentry's event carries the form's personal data."""

import sys

import sentry_sdk
from django.core.signals import got_request_exception
from django.views.debug import ExceptionReporter
from sentry_sdk.transport import Transport

from core.monitoring import init_sentry
from inquiries import views
from inquiries.tests.test_form import choice, valid_data
from regions.models import MunicipalityPage


def failing_store(*args, **kwargs):
    raise RuntimeError("the database went away")


def typed():
    """What the visitor typed (not written out here: a report shows the source around a frame)."""
    data = valid_data("")
    return [data["name"], data["email"], data["phone"][-9:], data["message"]]


def send_with_an_error(client, monkeypatch, english_page, en):
    """Post a valid English form whose storing fails; return the request Django reported and
    the error, as Django's error mail would see them."""
    monkeypatch.setattr(views, "store", failing_store)
    reported = []

    def keep(sender, request, **kwargs):
        reported.append((request, sys.exc_info()))

    got_request_exception.connect(keep)
    try:
        client.raise_request_exception = False
        municipality = english_page.get_parent().get_descendants().type(MunicipalityPage)
        place = choice(municipality.filter(locale=en).first(), "municipality")
        response = client.post(english_page.url, valid_data(place))
    finally:
        got_request_exception.disconnect(keep)
    assert response.status_code == 500
    return reported[0]


def test_the_emailed_error_report_hides_the_form(client, monkeypatch, places, english_page, en):
    request, error = send_with_an_error(client, monkeypatch, english_page, en)
    report = ExceptionReporter(request, *error)
    text, html = report.get_traceback_text(), report.get_traceback_html()
    assert "the database went away" in text
    for value in typed():
        assert value not in text
        assert value not in html
    assert "name" in text, "the field names are listed, with their values hidden"


class Recording(Transport):
    events = []

    def capture_envelope(self, envelope):
        self.events.extend(item.payload.json for item in envelope.items if item.type == "event")


def test_sentry_gets_the_error_without_personal_data(client, monkeypatch, places, english_page, en):
    Recording.events.clear()
    assert init_sentry({"SENTRY_DSN": "https://key@sentry.example/1"}, transport=Recording)
    try:
        send_with_an_error(client, monkeypatch, english_page, en)
        sentry_sdk.flush()
    finally:
        sentry_sdk.init()  # no DSN: off again for the other tests
    [event] = Recording.events
    assert event["exception"]["values"][-1]["value"] == "the database went away"
    assert "data" not in event["request"]
    assert "cookies" not in event["request"]
    assert "user" not in event
    frames = [f for v in event["exception"]["values"] for f in v["stacktrace"]["frames"]]
    assert not any("vars" in frame for frame in frames)
    flat = str(event)
    for text in typed():
        assert text not in flat


def test_no_dsn_no_sentry():
    assert init_sentry({}) is False
    assert init_sentry({"SENTRY_DSN": "  "}) is False
