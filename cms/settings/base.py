"""Settings shared by every environment; safe by default (no debug, no built-in secret key)."""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_flag(name, default):
    """An on/off environment variable: 1, true, yes or on mean on."""
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]

INSTALLED_APPS = [
    "core",
    "home",
    "regions",
    "teams",
    "stories",
    "search",
    "offers",
    "inquiries",
    "events",
    "demo",
    "backups",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "phonenumber_field",
    "django_countries",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

# The request id and the security headers wrap everything, so that static files served by
# whitenoise and error responses carry them too; whitenoise answers right after SecurityMiddleware.
MIDDLEWARE = [
    "core.middleware.RequestIdMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the session, language and CSRF middleware: it sees the cookies and Vary they add.
    "core.cache.CacheControlMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "teams.sign_in.TwoStepVerificationMiddleware",
    # Turns a login refused for too many failures into the lockout page (teams.sign_in).
    "axes.middleware.AxesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.cache.PageCacheMiddleware",
    # Innermost, so that it sees a database error from any view before anything else does.
    "core.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# SQLite is the zero-install default; production and CI set DATABASE_URL to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        # A persistent connection that died with the database server is replaced at the next
        # request, so the site recovers from an outage without a restart.
        conn_health_checks=True,
    )
}
# PostgreSQL (core/db.py): the server cancels a statement running longer than this, and one
# waiting longer than this for a lock (0: no limit; `migrate` of a large table may need that).
DB_STATEMENT_TIMEOUT_MS = int(os.environ.get("DB_STATEMENT_TIMEOUT_MS", "15000"))
DB_LOCK_TIMEOUT_MS = int(os.environ.get("DB_LOCK_TIMEOUT_MS", "5000"))
# The client gives up waiting for the server after this long, even for a server that hangs
# (stopped, or its host gone) and cancels nothing; the request gets the 503 page. 0: no deadline.
DB_CLIENT_TIMEOUT_S = float(os.environ.get("DB_CLIENT_TIMEOUT_S", "20"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Admin sign-in. django-axes counts failed logins per user name and client address (core.net):
# after AXES_FAILURE_LIMIT failures that pair is refused for AXES_COOLOFF_TIME, with the same
# page (teams.sign_in.locked_out) whether or not the user name exists, and a logged warning;
# other people and other addresses still get in, and a successful login starts the count anew.
# Only failures are stored (user name, address, browser), and only until the cool-off is over.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("ADMIN_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(os.environ.get("ADMIN_LOGIN_LOCKOUT_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.net.client_ip"
AXES_LOCKOUT_CALLABLE = "teams.sign_in.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
# Two-step verification (teams.sign_in, TOTP apps): each editor may turn it on; with
# ADMIN_2FA_REQUIRED everyone with admin access must set it up before using the admin.
ADMIN_2FA_REQUIRED = env_flag("ADMIN_2FA_REQUIRED", "false")
OTP_TOTP_ISSUER = "Remigrācija"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. Latvian must be LANGUAGE_CODE before the first migrate: the first Locale is made from it.
LANGUAGE_CODE = "lv"
LANGUAGES = [("lv", "Latviešu"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# The site's own catalogue, then the Latvian of the Wagtail admin screens that Wagtail and
# wagtail-localize ship untranslated (locale/admin; `makemessages` leaves it alone).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "admin"]
FORMAT_MODULE_PATH = ["cms.formats"]
LANGUAGE_COOKIE_NAME = "language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Riga"
USE_I18N = True
USE_TZ = True

# A new English translation must stay a draft until a translator has translated it.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "collected-static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

WAGTAIL_SITE_NAME = "Remigrācija"
# Rich text, one list: fields and blocks name an editor instead of listing features. Short texts
# (introductions, answers) have no headings; page bodies have sub-headings under the page's
# sections; the home page's introduction has sections of its own.
RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    name: {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": headings + RICH_TEXT_FEATURES},
    }
    for name, headings in (("default", []), ("body", ["h3"]), ("sections", ["h2", "h3"]))
}
# The readers' address: `manage.py configure_site` gives it to the default Wagtail site, which
# builds every absolute URL from it.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_URL)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Created by search/migrations/0001: diacritic-insensitive, no English stemming.
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "latvian_unaccent"
# Uploads: office documents and photos only. No SVG (it can carry scripts), no HTML.
# Whole public pages are kept in the shared cache this long (core/cache.py); 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# Fragments shared by many pages (menus, footer, lists) under the same generation; 0 turns off.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "300"))
# After a failed call to Redis, skip it for this long (core/cache_backend.py): reads miss.
CACHE_CIRCUIT_BREAKER_SECONDS = float(os.environ.get("CACHE_CIRCUIT_BREAKER_SECONDS", "5"))
# Public pages (core.cache.CacheControlMiddleware) may be kept this long by browsers, and by a
# CDN or proxy in front, which is told what changed (WAGTAILFRONTENDCACHE below).
BROWSER_CACHE_SECONDS = int(os.environ.get("BROWSER_CACHE_SECONDS", "60"))
CDN_CACHE_SECONDS = int(os.environ.get("CDN_CACHE_SECONDS", "300"))


def frontend_caches(environ):
    """The front-end caches to purge when pages change (Wagtail's frontend_cache backends).

    Each is on when its variables are set; several may be at once:
    - FRONTEND_CACHE_PURGE_URL: Varnish, nginx or any proxy that takes HTTP PURGE requests there.
    - CLOUDFRONT_DISTRIBUTION_ID: an AWS CloudFront distribution (invalidations); the
      credentials are boto3's own (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, or the instance's
      role), and need cloudfront:CreateInvalidation.
    - CLOUDFLARE_API_TOKEN and CLOUDFLARE_ZONE_ID: a Cloudflare zone; the token needs the
      "Cache Purge" permission. One without the other is refused rather than purging nothing.
    Wagtail's frontend_cache app itself is not installed: core.signal_handlers does the purging.
    """
    caches = {}
    if environ.get("FRONTEND_CACHE_PURGE_URL"):
        caches["http"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": environ["FRONTEND_CACHE_PURGE_URL"],
        }
    if environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
        caches["cloudfront"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": environ["CLOUDFRONT_DISTRIBUTION_ID"],
        }
    token, zone = environ.get("CLOUDFLARE_API_TOKEN"), environ.get("CLOUDFLARE_ZONE_ID")
    if bool(token) != bool(zone):
        raise ImproperlyConfigured(
            "Set both CLOUDFLARE_API_TOKEN and CLOUDFLARE_ZONE_ID, or neither."
        )
    if token:
        caches["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": token,
            "ZONEID": zone,
        }
    return caches


WAGTAILFRONTENDCACHE = frontend_caches(os.environ)
# Each language has pages and URLs of its own (wagtail-localize): a URL is purged as it is, not
# once under every language prefix (Wagtail's default for sites that serve one tree in all).
WAGTAILFRONTENDCACHE_LANGUAGES = []

# The API renders rich text as the site shows it (links resolved); JSON only (rest_framework is
# not installed, so there is no browsable HTML view).
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_LIMIT_MAX = 50
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents are always streamed by Wagtail's serve view, which first checks the privacy of their
# collection; their files are never published at a media URL (README, Deployment).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# The admin talks to no third party: no avatars from Gravatar, no release check from the browser.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# Phone numbers are stored as E.164; numbers typed without a country code are read as Latvian.
PHONENUMBER_DB_FORMAT = "E164"
PHONENUMBER_DEFAULT_REGION = "LV"

# Backups hold personal data: `manage.py backup` encrypts them to these age public keys (age1…),
# whose identities (private keys) the operators keep off the server; `restore` reads an identity
# from BACKUP_IDENTITY_FILE or --identity. Without recipients, `backup` refuses to run unless
# told --unencrypted (dev and test settings allow plaintext archives).
BACKUP_RECIPIENTS = [
    k.strip() for k in os.environ.get("BACKUP_RECIPIENTS", "").split(",") if k.strip()
]
BACKUP_IDENTITY_FILE = os.environ.get("BACKUP_IDENTITY_FILE") or None
BACKUP_ENCRYPTION_REQUIRED = True

# Inquiries (the "ask for a personal offer" form). Closed inquiries are deleted by
# `manage.py purge_inquiries` after this many days; the privacy notice states the number.
INQUIRY_RETENTION_DAYS = int(os.environ.get("INQUIRY_RETENTION_DAYS", "365"))
# Posts of the form per client address (django-ratelimit syntax); counted in the default cache,
# which must be shared between server processes in production (REDIS_URL).
INQUIRY_RATE_LIMIT = os.environ.get("INQUIRY_RATE_LIMIT", "10/h")
# Receipts sent to one e-mail address, whoever posts: the form cannot flood a stranger's mailbox.
INQUIRY_RECEIPT_RATE_LIMIT = os.environ.get("INQUIRY_RECEIPT_RATE_LIMIT", "3/d")
# Links to personal offers that do not exist, per client address, before it is refused a while.
PERSONAL_OFFER_RATE_LIMIT = os.environ.get("PERSONAL_OFFER_RATE_LIMIT", "20/h")
# Event registrations (the form on an event page) are deleted by `manage.py
# purge_event_registrations` this many days after their event ended; the form's notice says so.
EVENT_REGISTRATION_RETENTION_DAYS = int(os.environ.get("EVENT_REGISTRATION_RETENTION_DAYS", "30"))
# Posts of an event's registration form per client address (django-ratelimit syntax).
EVENT_REGISTRATION_RATE_LIMIT = os.environ.get("EVENT_REGISTRATION_RATE_LIMIT", "10/h")
# Every new inquiry reaches a person: when nobody in the assigned team has an e-mail address,
# the notification goes to this programme mailbox instead.
REMIGRATION_NATIONAL_MAILBOX = os.environ.get("REMIGRATION_NATIONAL_MAILBOX", "remigracija@paps.lv")
# How many proxies in front of the site append to X-Forwarded-For; 0 (no proxy) counts the
# connection's address. core.net.client_ip is the one place the client's address is read from,
# for the form's rate limit and the admin login's lockout.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
RATELIMIT_IP_META_KEY = "core.net.client_ip"
# While the cache is down nothing can be counted: the form keeps taking inquiries (the honeypot
# and CSRF checks still apply) rather than turn returnees away.
RATELIMIT_FAIL_OPEN = True

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# Security headers (core.middleware.SecurityHeadersMiddleware). Public pages run no inline script
# or style; JSON-LD blocks are data, not script, so they need no exception. Wagtail's preview
# shows pages in a same-origin frame, hence frame-ancestors 'self'. /admin/ gets the policy
# below, relaxed as Wagtail's admin needs (see the middleware). Production adds the media host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# Directives replaced under /admin/ (Wagtail's admin runs inline scripts and styles).
CONTENT_SECURITY_POLICY_ADMIN = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'", "https:"],
}
# Browser features the site never uses are switched off for it and anything it might embed.
PERMISSIONS_POLICY = "camera=(), geolocation=(), microphone=(), payment=(), usb=()"

# Plain text for development; LOG_FORMAT=json (the production default) writes one JSON object a
# line. Every record carries the request id; e-mails, IPs and query strings are redacted
# (core.logs).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "core.logs.RequestContextFilter"}},
    "formatters": {
        "text": {
            "()": "core.logs.TextFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        },
        "json": {
            "()": "core.logs.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Django's own handlers would print errors a second time in development; let them reach
    # the root handler only, so every record (a 500 included) is written exactly once.
    "loggers": {"django": {"handlers": [], "level": LOG_LEVEL, "propagate": True}},
}
