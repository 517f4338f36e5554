"""The site's URLs plus a view that fails, for the error-page and logging tests."""

from django.conf.urls.i18n import i18n_patterns
from django.db import connection
from django.urls import path

from cms import urls as site_urls


def broken_view(request):
    raise RuntimeError("Something in the code broke")


def database_view(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    raise RuntimeError("not reached while the database is down")


handler500 = site_urls.handler500

urlpatterns = [
    *i18n_patterns(
        path("broken/", broken_view),
        path("database/", database_view),
    ),
    *site_urls.urlpatterns,
]
