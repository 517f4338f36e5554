"""Settings shared by every environment; safe by default (no debug, no built-in secret key)."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

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
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.PortalLocaleMiddleware",
    "core.middleware.RememberLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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
LOCALE_PATHS = [BASE_DIR / "locale"]
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
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Created by search/migrations/0001: diacritic-insensitive, no English stemming.
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "latvian_unaccent"
    # Random reads cost little more than sequential ones with the data in memory or on SSD; at
    # PostgreSQL's default (4) the planner scans every page to join a search's few index entries
    # instead of using search/migrations/0003's index.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c random_page_cost=1.1"
# Uploads: office documents and photos only. No SVG (it can carry scripts), no HTML.
# Whole public pages are kept in the shared cache this long (core/cache.py); 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# Fragments shared by many pages (menus, footer, lists) under the same generation; 0 turns off.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "300"))
# A CDN or Varnish in front: Wagtail purges published pages there (HTTP PURGE to this URL).
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }

# The API renders rich text as the site shows it (links resolved); JSON only (rest_framework is
# not installed, so there is no browsable HTML view).
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_LIMIT_MAX = 50
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
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

# Inquiries (the "ask for a personal offer" form). Closed inquiries are deleted by
# `manage.py purge_inquiries` after this many days; the privacy notice states the number.
INQUIRY_RETENTION_DAYS = int(os.environ.get("INQUIRY_RETENTION_DAYS", "365"))
# Posts of the form per client address (django-ratelimit syntax); counted in the default cache,
# which must be shared between server processes in production (REDIS_URL).
INQUIRY_RATE_LIMIT = os.environ.get("INQUIRY_RATE_LIMIT", "10/h")
# Every new inquiry reaches a person: when nobody in the assigned team has an e-mail address,
# the notification goes to this programme mailbox instead.
REMIGRATION_NATIONAL_MAILBOX = os.environ.get("REMIGRATION_NATIONAL_MAILBOX", "remigracija@paps.lv")
# Behind a reverse proxy, the request header that carries the client's address, e.g.
# HTTP_X_REAL_IP; by default the address of the connection (REMOTE_ADDR).
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY") or None
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
