"""Admin spreadsheet exports open as text: a name written as a formula is not run."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.log_actions import log

from core.tests.spreadsheets import FORMULA, formula_cells, spreadsheet_rows

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
@pytest.mark.parametrize("url_name", ["site_history", "site_history_results"])
def test_the_site_history_exports_a_name_written_as_a_formula_as_text(
    client, region_tree, url_name, export_format
):
    editor = get_user_model().objects.create_superuser("editor", "e@example.com", "pw")
    contact = region_tree["coordinator"]
    contact.name = FORMULA
    contact.save()
    log(contact, "wagtail.edit", user=editor)
    client.force_login(editor)
    rows = spreadsheet_rows(
        client.get(reverse(f"wagtailadmin_reports:{url_name}"), {"export": export_format})
    )
    labels = [row[1] for row in rows[1:]]
    assert f"'{FORMULA} (Reģionālā koordinatore)" in labels
    assert formula_cells(rows) == []


def test_the_site_history_report_still_opens_for_admin_users_only(client, region_tree):
    url = reverse("wagtailadmin_reports:site_history")
    assert client.get(url, {"export": "csv"})["Location"].startswith("/admin/login/")
    client.force_login(get_user_model().objects.create_superuser("editor", "e@example.com", "pw"))
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert client.get(reverse("wagtailadmin_reports:locked_pages")).status_code == 200
