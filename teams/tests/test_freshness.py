"""Stale contacts: the "Contacts to check" report and the dashboard reminder.

Places A, B, C and their contacts are described in conftest.py. Each editor sees the stale
contacts they may change; national editors see them all.
"""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format

from core.tests.spreadsheets import FORMULA, formula_cells, spreadsheet_rows
from regions.models import Contact
from regions.tests.factories import (
    ContactFactory,
    MunicipalityContactFactory,
    user_in,
    user_in_group,
)
from teams.provisioning import provision_all

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/contacts-to-check/"
TODAY = timezone.localdate()
LONG_AGO = TODAY - datetime.timedelta(days=400)
YESTERDAY = TODAY - datetime.timedelta(days=1)


def make_stale(contact, **dates):
    """Age a contact in every language, as the shared dates are kept in step."""
    Contact.objects.filter(translation_key=contact.translation_key).update(
        **(dates or {"last_verified": LONG_AGO})
    )


def listed(response):
    """The contact names linked in the report's table, in order."""
    assert response.status_code == 200
    table = response.content.decode().split("<table", 1)[-1]
    return re.findall(
        r'<a href="/admin/snippets/regions/contact/edit/\d+/"[^>]*>\s*([^<]+?)\s*<', table
    )


@pytest.fixture
def national_client(client, places):
    client.force_login(user_in_group(provision_all()[0], "national"))
    return client


@pytest.fixture
def all_stale(contacts):
    """A, B and the coordinator not verified for over a year; C's validity ended yesterday."""
    for whose in ("A", "B", "coordinator"):
        make_stale(contacts[whose])
    make_stale(contacts["C"], valid_to=YESTERDAY)
    return contacts


def test_national_editor_sees_every_stale_contact_once_with_place_dates_and_reason(
    national_client, all_stale, lv
):
    ContactFactory(name="Svaigs kontakts", locale=lv)  # verified today: not listed
    response = national_client.get(REPORT)
    assert sorted(listed(response)) == [
        "Anete Briņeca",
        "Kontakts A",
        "Kontakts B",
        "Kontakts C",
    ], "the coordinator's English translation is not a second row"
    html = response.content.decode()
    a = all_stale["A"]
    assert f'href="/admin/snippets/regions/contact/edit/{a.pk}/"' in html
    assert "Jēkabpils novads" in html and "Liepāja" in html and "Zemgale" in html
    with translation.override("en"):
        assert f"Not verified since {date_format(LONG_AGO)}" in html
        assert f"Validity ended on {date_format(YESTERDAY)}" in html
    assert "Regional coordinator" not in html


@pytest.mark.parametrize(
    ("team", "expected"),
    [
        ("A", ["Kontakts A"]),
        ("B", ["Kontakts B"]),
        ("zemgale", ["Anete Briņeca", "Kontakts A", "Kontakts C"]),
        ("kurzeme", ["Kontakts B"]),
    ],
)
def test_editors_see_the_stale_contacts_they_may_change(client, places, all_stale, team, expected):
    client.force_login(user_in(places[team], f"member-{team}"))
    assert sorted(listed(client.get(REPORT))) == expected


def test_a_contact_shared_with_another_municipality_is_not_the_editors_to_check(
    client, places, all_stale, lv
):
    MunicipalityContactFactory(page=places["B"], contact=all_stale["A"], locale=lv)
    client.force_login(user_in(places["A"], "editor-a"))
    assert listed(client.get(REPORT)) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("region={kurzeme}", ["Kontakts B"]),
        ("region={zemgale}", ["Anete Briņeca", "Kontakts A", "Kontakts C"]),
        ("municipality={C}", ["Kontakts C"]),
        ("reason=ended", ["Kontakts C"]),
        ("reason=unverified&region={zemgale}", ["Anete Briņeca", "Kontakts A"]),
    ],
)
def test_report_filters_by_region_municipality_and_reason(
    national_client, places, all_stale, query, expected
):
    query = query.format(**{name: page.pk for name, page in places.items()})
    assert sorted(listed(national_client.get(f"{REPORT}?{query}"))) == expected
    results = national_client.get(f"{REPORT}results/?{query}")
    assert sorted(listed(results)) == expected


@pytest.mark.parametrize(
    "query",
    [
        "region=abc",
        "region=999999",
        "municipality=-1",
        "reason=bogus",
        "region={A}",
        "p=x",
        "ordering=;drop",
    ],
)
def test_malformed_filters_are_ignored_not_a_server_error(
    national_client, places, all_stale, query
):
    query = query.format(A=places["A"].pk)
    response = national_client.get(f"{REPORT}?{query}")
    assert response.status_code == 200
    assert len(listed(response)) == 4


def test_report_query_count_does_not_grow_with_the_number_of_contacts(
    client, places, lv, django_capture_on_commit_callbacks
):
    client.force_login(user_in(places["zemgale"], "coordinator-zemgale"))

    def queries_for(n):
        for i in range(n - Contact.objects.filter(locale=lv, last_verified=LONG_AGO).count()):
            contact = ContactFactory(name=f"Kontakts {i:03}", locale=lv, last_verified=LONG_AGO)
            MunicipalityContactFactory(page=places["A"], contact=contact, locale=lv)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(REPORT)
        assert len(listed(response)) == min(n, 50)
        return len(queries)

    assert queries_for(5) == queries_for(100)


def test_report_exports_a_spreadsheet(national_client, all_stale):
    response = national_client.get(f"{REPORT}?export=csv")
    assert response.status_code == 200
    text = response.getvalue().decode()
    assert text.splitlines()[0] == "Name,Role,Shown on,Last verified,Valid to,Why it is listed"
    assert "Kontakts C" in text and "Liepāja" in text


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_report_exports_a_name_and_role_written_as_formulas_as_text(
    national_client, all_stale, export_format
):
    Contact.objects.filter(pk=all_stale["A"].pk).update(name=FORMULA, role="@SUM(A1)")
    rows = spreadsheet_rows(national_client.get(REPORT, {"export": export_format}))
    assert [f"'{FORMULA}", "'@SUM(A1)"] in [row[:2] for row in rows]
    assert formula_cells(rows) == []


def test_people_outside_any_team_neither_see_nor_open_the_report(client, all_stale):
    user = get_user_model().objects.create_user("outsider", "o@example.com", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(REPORT).status_code in (302, 403)
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert REPORT.encode() not in dashboard.content
    assert b'id="stale-contacts-section"' not in dashboard.content


def test_dashboard_reminds_editors_of_their_stale_contacts(client, places, all_stale, lv):
    for i in range(6):
        extra = ContactFactory(name=f"Vecs {i}", locale=lv, last_verified=LONG_AGO)
        MunicipalityContactFactory(page=places["A"], contact=extra, locale=lv)
    client.force_login(user_in(places["A"], "editor-a"))
    html = client.get("/admin/").content.decode()
    panel = html.split('id="stale-contacts-section"', 1)[1].split('<section class="w-panel', 1)[0]
    assert "7 contacts you look after were not verified for a year" in panel
    assert len(re.findall(r'href="/admin/snippets/regions/contact/edit/\d+/"', panel)) == 5
    assert f'href="/admin/snippets/regions/contact/edit/{all_stale["A"].pk}/"' in panel
    assert f'href="{REPORT}"' in panel
    assert "Kontakts B" not in panel


def test_dashboard_shows_no_reminder_when_everything_is_fresh(client, places, contacts):
    client.force_login(user_in(places["A"], "editor-a"))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert b'id="stale-contacts-section"' not in response.content


def test_reports_menu_offers_the_report_to_editors(client, places, contacts):
    client.force_login(user_in(places["A"], "editor-a"))
    assert REPORT.encode() in client.get("/admin/").content
