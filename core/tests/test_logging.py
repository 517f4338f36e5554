"""Logs: one JSON object a line, with the request id, without personal data; a 500 logged once."""

import io
import json
import logging

import pytest
from django.conf import settings as django_settings
from django.test import Client

from core.logs import JsonFormatter, RequestContextFilter, redact


@pytest.fixture
def json_log():
    """The configured console handler, switched to the JSON format and writing to a buffer."""
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RequestContextFilter) for f in h.filters)
    )
    config = django_settings.LOGGING["formatters"]["json"]
    formatter = handler.formatter
    stream = handler.setStream(io.StringIO())
    handler.setFormatter(JsonFormatter(config["format"], rename_fields=config["rename_fields"]))
    yield lambda: [json.loads(line) for line in handler.stream.getvalue().splitlines()]
    handler.setStream(stream)
    handler.setFormatter(formatter)


@pytest.fixture
def failing_site(settings):
    settings.ROOT_URLCONF = "home.tests.urls"
    return Client(raise_request_exception=False, HTTP_HOST="localhost")


def test_a_500_is_logged_once_with_its_traceback_and_request_id(failing_site, db, json_log):
    response = failing_site.get("/en/broken/", HTTP_X_REQUEST_ID="lb-7f3a9c2e41d0")
    assert response.status_code == 500
    assert response["X-Request-ID"] == "lb-7f3a9c2e41d0"

    records = json_log()
    assert len(records) == 1
    record = records[0]
    assert record["level"] == "ERROR"
    assert record["logger"] == "django.request"
    assert record["request_id"] == "lb-7f3a9c2e41d0"
    assert record["message"] == "Internal Server Error: /en/broken/"
    assert "Traceback" in record["exc_info"]
    assert "RuntimeError: Something in the code broke" in record["exc_info"]


def test_logs_carry_no_query_strings_emails_or_addresses(failing_site, db, json_log):
    failing_site.get(
        "/lv/broken/?email=anna.berzina@example.lv&query=darbs+Jelgavā",
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="198.51.100.23",
    )
    failing_site.post("/lv/broken/", {"email": "anna.berzina@example.lv", "phone": "+37120000000"})
    written = json.dumps(json_log())
    for personal in (
        "anna.berzina",
        "example.lv",
        "Jelgav",
        "203.0.113.7",
        "198.51.100.23",
        "37120000000",
    ):
        assert personal not in written


def test_a_404_is_logged_with_the_request_id(client, home, json_log):
    response = client.get("/lv/nav-tadas/")
    (record,) = json_log()
    assert record["level"] == "WARNING"
    assert record["request_id"] == response["X-Request-ID"]


@pytest.mark.parametrize(
    "incoming",
    [
        "",
        "short",
        "has spaces in it",
        "x" * 200,
        "line\nbreak-0123456789",
        "<script>alert(1)</script>",
    ],
)
def test_an_unusable_request_id_is_replaced(client, db, incoming):
    response = client.get("/health/live", HTTP_X_REQUEST_ID=incoming)
    assert response["X-Request-ID"] != incoming
    assert len(response["X-Request-ID"]) == 32


def test_every_response_gets_its_own_request_id(client, db):
    first = client.get("/health/live")["X-Request-ID"]
    second = client.get("/health/live")["X-Request-ID"]
    assert first != second


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mail to laura.truksane@jekabpils.lv failed", "Mail to [email] failed"),
        ("Client 192.168.10.4 gone", "Client [ip] gone"),
        ("Client 2001:db8:85a3::8a2e:370:7334 gone", "Client [ip] gone"),
        ("GET /lv/search/?query=darbs 200", "GET /lv/search/?[query] 200"),
        ("Internal Server Error: /en/broken/", "Internal Server Error: /en/broken/"),
        ("Worker restarted at 09:46:45", "Worker restarted at 09:46:45"),
    ],
)
def test_redaction(text, expected):
    assert redact(text) == expected
