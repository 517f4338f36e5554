"""Log records that carry the request id and no personal data.

The request id is kept in a context variable (set by core.middleware.RequestIdMiddleware), so
every record written while a request is handled carries it, whichever logger wrote it. The
formatters redact e-mail addresses, IP addresses and query strings from the finished line
(message, extra fields and traceback alike): search terms and form values travel in query
strings and bodies, and neither belongs in a log. This module imports nothing from Django, so
gunicorn's configuration can use it before Django is set up.
"""

import contextvars
import logging
import re

from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

request_id = contextvars.ContextVar("request_id", default="-")

REDACTIONS = [
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
    (re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b"), "[ip]"),
    # IPv6: eight groups, or fewer with "::" (so clock times like 09:46:45 are left alone).
    (
        re.compile(
            r"(?<![\w:])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){1,7}:"
            r"|(?:[0-9a-f]{1,4}:){1,6}(?::[0-9a-f]{1,4}){1,6}|::(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})"
            r"(?![\w:])",
            re.IGNORECASE,
        ),
        "[ip]",
    ),
    (re.compile(r"(/[^\s?\"'<>]*)\?[^\s\"'<>]*"), r"\1?[query]"),
]


def redact(text):
    """The text without e-mail addresses, IP addresses and query strings."""
    for pattern, replacement in REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


class RequestContextFilter(logging.Filter):
    """Add the current request id; drop the request object Django attaches to its records.

    Django's `django.request` records carry the whole request as an extra attribute; a JSON
    formatter would write its repr, query string included.
    """

    def filter(self, record):
        record.request_id = request_id.get()
        record.__dict__.pop("request", None)
        return True


class TextFormatter(logging.Formatter):
    """One readable line (plus traceback) for development, redacted."""

    def format(self, record):
        return redact(super().format(record))


class JsonFormatter(BaseJsonFormatter):
    """One JSON object a line for log collectors, redacted."""

    def format(self, record):
        return redact(super().format(record))
