"""Follow-up in the admin: who sees which inquiry, notes, status, export and the dashboard."""

import datetime
import io
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from core.tests.spreadsheets import formula_cells, spreadsheet_rows
from inquiries.models import Inquiry, InquiryNote
from inquiries.tests.factories import InquiryFactory, InquiryNoteFactory

pytestmark = pytest.mark.django_db

NAME_COLUMN = 4  # in the export: number, received, status, next follow-up, name, …
FORMULAS = ["=1+2", "+SUM(A1)", "-3+4", "@cmd", "\tTAB", "\rCR"]
SCRIPT = "<script>alert(1)</script>"
ACTIVE_FILTER = 'class="w-active-filters"'  # the chips above the list, one per active filter


@pytest.fixture
def inquiries(places):
    return {
        "zemgale": InquiryFactory(
            name="Zemgale Person",
            email="zemgale.person@example.com",
            region=places["region"],
            municipality=places["municipality"],
        ),
        "latgale": InquiryFactory(
            name="Latgale Person", email="latgale.person@example.com", region=places["latgale"]
        ),
        "undecided": InquiryFactory(name="Undecided Person", email="undecided@example.com"),
    }


def snapshot(inquiry):
    inquiry = Inquiry.objects.get(pk=inquiry.pk)
    return (inquiry.status, inquiry.next_follow_up, inquiry.name, inquiry.notes.count())


def edit_data(inquiry, notes=(), **changes):
    data = {
        "status": inquiry.status,
        "next_follow_up": inquiry.next_follow_up.isoformat() if inquiry.next_follow_up else "",
        "notes": inline_formset(list(notes)),
    }
    data.update(changes)
    return nested_form_data(data)


def export_rows(client, export_format):
    return spreadsheet_rows(client.get(reverse("inquiries:index"), {"export": export_format}))


def test_a_coordinator_lists_only_their_regions_inquiries(client, inquiries, zemgale_coordinator):
    client.force_login(zemgale_coordinator)
    html = client.get(reverse("inquiries:index")).content.decode()
    assert "Zemgale Person" in html
    assert "Latgale Person" not in html
    assert "Undecided Person" not in html


@pytest.mark.parametrize("view", ["edit", "history", "usage", "delete"])
def test_another_regions_coordinator_is_refused_by_direct_url(
    client, inquiries, latgale_coordinator, view
):
    client.force_login(latgale_coordinator)
    inquiry = inquiries["zemgale"]
    before = snapshot(inquiry)
    url = reverse(f"inquiries:{view}", args=[inquiry.pk])
    for response in (client.get(url), client.post(url, edit_data(inquiry, status="closed"))):
        # Wagtail answers a refusal with a redirect to the dashboard and a message.
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    assert snapshot(inquiry) == before


def test_another_regions_coordinator_cannot_export_it(client, inquiries, latgale_coordinator):
    client.force_login(latgale_coordinator)
    for export_format in ("csv", "xlsx"):
        rows = export_rows(client, export_format)
        names = [row[NAME_COLUMN] for row in rows[1:]]
        assert names == ["Latgale Person"]


def test_municipality_editors_have_no_access_to_inquiries(client, inquiries, municipality_editor):
    client.force_login(municipality_editor)
    assert client.get(reverse("inquiries:index")).status_code in (302, 403)
    edit = reverse("inquiries:edit", args=[inquiries["zemgale"].pk])
    assert client.get(edit).status_code in (302, 403, 404)


def test_national_editors_see_every_inquiry(client, inquiries, national_editor):
    client.force_login(national_editor)
    html = client.get(reverse("inquiries:index")).content.decode()
    for name in ("Zemgale Person", "Latgale Person", "Undecided Person"):
        assert name in html


def test_nobody_adds_inquiries_in_the_admin_and_only_superusers_delete(
    client, inquiries, national_editor, django_user_model
):
    client.force_login(national_editor)
    assert client.get(reverse("inquiries:add")).status_code in (302, 403)
    delete = reverse("inquiries:delete", args=[inquiries["latgale"].pk])
    assert client.post(delete).status_code in (302, 403)
    assert Inquiry.objects.filter(pk=inquiries["latgale"].pk).exists()

    admin = django_user_model.objects.create_superuser("root", "root@example.lv", "pw")
    client.force_login(admin)
    assert client.post(delete).status_code == 302
    assert not Inquiry.objects.filter(pk=inquiries["latgale"].pk).exists()


def test_payloads_are_shown_escaped_in_the_admin_list_and_detail(
    client, places, zemgale_coordinator
):
    inquiry = InquiryFactory(name=SCRIPT, message=SCRIPT, region=places["region"])
    InquiryNoteFactory(inquiry=inquiry, text=SCRIPT)
    client.force_login(zemgale_coordinator)
    for url in (reverse("inquiries:index"), reverse("inquiries:edit", args=[inquiry.pk])):
        html = client.get(url).content.decode()
        assert SCRIPT not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_export_neutralises_formulas_in_csv_and_xlsx(client, places, zemgale_coordinator):
    for formula in FORMULAS:
        InquiryFactory(name=formula, message=SCRIPT, region=places["region"])
    client.force_login(zemgale_coordinator)
    for export_format in ("csv", "xlsx"):
        rows = export_rows(client, export_format)
        body = rows[1:]
        names = sorted(row[NAME_COLUMN] for row in body)
        expected = ["'" + formula for formula in FORMULAS]
        if export_format == "xlsx":  # XML reads a carriage return as a line feed
            expected = [value.replace("\r", "\n") for value in expected]
        assert names == sorted(expected), export_format
        assert formula_cells(body) == []
        for row in body:
            assert SCRIPT in row  # stored text, not HTML: exported verbatim


def test_the_xlsx_export_has_no_formula_cells(client, places, zemgale_coordinator):
    InquiryFactory(name='=HYPERLINK("http://x")', region=places["region"])
    client.force_login(zemgale_coordinator)
    response = client.get(reverse("inquiries:index"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_a_coordinator_logs_a_call_sets_status_and_follow_up(
    client, inquiries, zemgale_coordinator
):
    inquiry = inquiries["zemgale"]
    client.force_login(zemgale_coordinator)
    day = timezone.localdate() + datetime.timedelta(days=7)
    response = client.post(
        reverse("inquiries:edit", args=[inquiry.pk]),
        edit_data(
            inquiry,
            notes=[{"date": timezone.localdate().isoformat(), "text": "Called; sends CV."}],
            status="in_contact",
            next_follow_up=day.isoformat(),
        ),
    )
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.IN_CONTACT
    assert inquiry.next_follow_up == day
    note = InquiryNote.objects.get(inquiry=inquiry)
    assert (note.text, note.author) == ("Called; sends CV.", zemgale_coordinator)
    assert inquiry.name == "Zemgale Person"  # what the person sent is not editable


def test_closing_an_inquiry_records_when(client, inquiries, zemgale_coordinator):
    inquiry = inquiries["zemgale"]
    client.force_login(zemgale_coordinator)
    client.post(reverse("inquiries:edit", args=[inquiry.pk]), edit_data(inquiry, status="closed"))
    inquiry.refresh_from_db()
    assert inquiry.closed_at is not None
    client.post(
        reverse("inquiries:edit", args=[inquiry.pk]), edit_data(inquiry, status="in_contact")
    )
    inquiry.refresh_from_db()
    assert inquiry.closed_at is None


def test_the_list_filters_follow_ups_that_are_due(client, places, zemgale_coordinator):
    today = timezone.localdate()
    InquiryFactory(name="Due Person", region=places["region"], next_follow_up=today)
    InquiryFactory(
        name="Later Person", region=places["region"], next_follow_up=today + datetime.timedelta(1)
    )
    client.force_login(zemgale_coordinator)
    html = client.get(reverse("inquiries:index"), {"due": "on"}).content.decode()
    assert "Due Person" in html
    assert "Later Person" not in html


def test_the_list_shows_every_inquiry_with_no_active_filter_until_due_is_ticked(
    client, places, zemgale_coordinator
):
    today = timezone.localdate()
    InquiryFactory(name="Due Person", region=places["region"], next_follow_up=today)
    InquiryFactory(name="Later Person", region=places["region"], next_follow_up=None)
    client.force_login(zemgale_coordinator)
    html = client.get(reverse("inquiries:index")).content.decode()
    assert "Due Person" in html
    assert "Later Person" in html
    assert ACTIVE_FILTER not in html

    html = client.get(reverse("inquiries:index"), {"due": "on"}).content.decode()
    assert ACTIVE_FILTER in html


def test_the_dashboard_lists_the_users_follow_ups_due(client, inquiries, zemgale_coordinator):
    today = timezone.localdate()
    for inquiry in inquiries.values():
        inquiry.next_follow_up = today
        inquiry.save()
    closed = InquiryFactory(
        name="Closed Person", region=inquiries["zemgale"].region, next_follow_up=today
    )
    closed.status = Inquiry.Status.CLOSED
    closed.save()
    client.force_login(zemgale_coordinator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="inquiry-follow-ups-heading"' in html
    assert "Zemgale Person" in html
    for name in ("Latgale Person", "Undecided Person", "Closed Person"):
        assert name not in html


def test_the_dashboard_reminds_on_the_follow_up_day_not_before(
    client, inquiries, zemgale_coordinator
):
    day = timezone.localdate() + datetime.timedelta(days=3)
    inquiries["zemgale"].next_follow_up = day
    inquiries["zemgale"].save()
    client.force_login(zemgale_coordinator)
    assert "Zemgale Person" not in client.get(reverse("wagtailadmin_home")).content.decode()
    with mock.patch("inquiries.admin_views.timezone.localdate", return_value=day):
        html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Zemgale Person" in html


def test_the_dashboard_lists_new_inquiries_of_the_coordinators_region_only(
    client, inquiries, zemgale_coordinator
):
    touched = InquiryFactory(name="Touched Person", region=inquiries["zemgale"].region)
    InquiryNoteFactory(inquiry=touched)
    client.force_login(zemgale_coordinator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="inquiry-new-heading"' in html
    assert "Zemgale Person" in html
    for name in ("Latgale Person", "Undecided Person", "Touched Person"):
        assert name not in html


def test_the_national_team_sees_every_new_inquiry_on_the_dashboard(
    client, inquiries, national_editor
):
    client.force_login(national_editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    for name in ("Zemgale Person", "Latgale Person", "Undecided Person"):
        assert name in html
