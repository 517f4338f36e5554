from pathlib import Path

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core import health
from core.api import PagesAPIViewSet
from core.sitemaps import PortalSitemap
from core.views import choose_language, favicon, robots_txt
from events import feeds as event_feeds
from inquiries.views import personal_offer_view
from regions.api import ContactsAPIViewSet
from search import views as search_views
from stories.feeds import NewsAtomFeed, NewsFeed, StoryAtomFeed, StoryFeed
from teams.admin_explorer import explore_root

handler500 = "core.views.server_error"

# Read-only API (Wagtail API v2): live public pages and current contacts; see the README.
api = WagtailAPIRouter("api")
api.register_endpoint("pages", PagesAPIViewSet)
api.register_endpoint("contacts", ContactsAPIViewSet)

urlpatterns = [
    path("health/live", health.live, name="health_live"),
    path("health/ready", health.ready, name="health_ready"),
    path("health/dependencies", health.dependencies, name="health_dependencies"),
    # Wagtail's reports narrowed to the user's team (site history with formula-safe exports),
    # answering ahead of the admin's own.
    path("admin/reports/", include("teams.admin_reports")),
    # The page explorer opens at a team member's own page rather than at the tree root.
    path("admin/pages/", explore_root),
    path("admin/", include(wagtailadmin_urls)),
    path("api/v2/", api.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PortalSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    # The language switcher's links: remember the choice, then open the page (core.views).
    path("lang/<str:language>/", choose_language, name="choose_language"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    # Only images, as the proxy serves media in production: documents go through Wagtail's
    # serve view, which checks their collection's privacy.
    for folder in ("images", "original_images"):
        urlpatterns += static(
            f"{settings.MEDIA_URL}{folder}/", document_root=Path(settings.MEDIA_ROOT) / folder
        )

# Public pages live under /lv/… and /en/…; "/" is redirected by LocaleMiddleware.
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("feeds/news.rss", NewsFeed(), name="news_rss"),
    path("feeds/news.atom", NewsAtomFeed(), name="news_atom"),
    path("feeds/stories.rss", StoryFeed(), name="stories_rss"),
    path("feeds/stories.atom", StoryAtomFeed(), name="stories_atom"),
    # A personal offer's private page: the token alone, nothing about the person (inquiries).
    path("offer/<str:token>/", personal_offer_view, name="personal_offer"),
    path("feeds/events.rss", event_feeds.EventFeed(), name="events_rss"),
    path("feeds/events.atom", event_feeds.EventAtomFeed(), name="events_atom"),
    path("feeds/events.ics", event_feeds.all_events_calendar, name="events_ics"),
    path(
        "feeds/events/<slug:region>.ics",
        event_feeds.region_events_calendar,
        name="region_events_ics",
    ),
    path("", include(wagtail_urls)),
)
