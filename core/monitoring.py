"""Telling the operators about errors: Sentry when SENTRY_DSN is set, e-mail to ADMINS.

Inquiries carry personal data (names, e-mail addresses, family details), so nothing a visitor
typed may leave with an error report: Sentry gets no request bodies, cookies, user details,
local variables or query parameters of SQL, and the inquiry form's POST is marked sensitive for Django's e-mailed reports.
"""

from email.utils import getaddresses


def admins_from(value):
    """Django's ADMINS from the environment's "Name <address>, address" form."""
    return [
        (name or address, address)
        for name, address in getaddresses([value or ""])
        if "@" in address.strip("@")
    ]


def init_sentry(environ, **overrides):
    """Start Sentry's SDK if `environ` names a DSN; say whether it did. `overrides` are passed to
    `sentry_sdk.init` (a test's transport)."""
    dsn = environ.get("SENTRY_DSN", "").strip()
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        environment=environ.get("SENTRY_ENVIRONMENT", "production"),
        release=environ.get("SENTRY_RELEASE") or None,
        traces_sample_rate=float(environ.get("SENTRY_TRACES_SAMPLE_RATE") or 0),
        data_collection={
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_bodies": [],
            "stack_frame_variables": False,
            "database_query_data": False,
        },
        **overrides,
    )
    return True
