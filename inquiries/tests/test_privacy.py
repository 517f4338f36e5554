"""Retention, access and erasure: each command touches exactly what it should."""

import datetime
import io
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from inquiries.models import Inquiry, InquiryNote
from inquiries.tests.factories import InquiryFactory, InquiryNoteFactory

pytestmark = pytest.mark.django_db


def closed(days_ago, **kwargs):
    inquiry = InquiryFactory(status=Inquiry.Status.CLOSED, **kwargs)
    Inquiry.objects.filter(pk=inquiry.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return inquiry


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def history(inquiry):
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Inquiry), object_id=str(inquiry.pk)
    )


@override_settings(INQUIRY_RETENTION_DAYS=30)
def test_purge_deletes_only_inquiries_closed_longer_than_the_retention_period(db):
    old = closed(31)
    InquiryNoteFactory(inquiry=old)
    log(old, "wagtail.edit")
    recent = closed(29)
    kept_note = InquiryNoteFactory(inquiry=recent)
    open_but_old = InquiryFactory(status=Inquiry.Status.NOT_RETURNING)
    Inquiry.objects.filter(pk=open_but_old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )

    assert "Would delete 1 inquiries" in run("purge_inquiries", "--dry-run")
    assert Inquiry.objects.count() == 3

    output = run("purge_inquiries")
    assert "Deleted 1 inquiries" in output and "1 notes" in output and "1 history" in output
    assert set(Inquiry.objects.values_list("pk", flat=True)) == {recent.pk, open_but_old.pk}
    assert list(InquiryNote.objects.all()) == [kept_note]
    assert not history(old).exists()


def test_export_gives_everything_held_about_an_address_and_nothing_else(places):
    mine = InquiryFactory(
        email="Anna@Example.com",
        name="Anna <b>",
        region=places["region"],
        municipality=places["municipality"],
        message="=1+1",
    )
    InquiryNoteFactory(inquiry=mine, text="Called Anna.")
    second = InquiryFactory(email="anna@example.com", name="Anna again")
    InquiryFactory(email="someone.else@example.com", name="Someone Else")

    data = json.loads(run("export_personal_data", "anna@example.com"))

    assert [item["number"] for item in data["inquiries"]] == [mine.pk, second.pk]
    first = data["inquiries"][0]
    assert first["name"] == "Anna <b>" and first["message"] == "=1+1"
    assert first["municipality"] == "Jēkabpils novads"
    assert first["children_ages"] == [4, 9]
    assert [note["text"] for note in first["notes"]] == ["Called Anna."]
    assert "Someone Else" not in json.dumps(data)


def test_erasure_deletes_exactly_the_addresss_inquiries_notes_and_history(db):
    mine = InquiryFactory(email="anna@example.com")
    InquiryNoteFactory(inquiry=mine)
    InquiryNoteFactory(inquiry=mine)
    log(mine, "wagtail.edit")
    other = InquiryFactory(email="anna@example.org")
    other_note = InquiryNoteFactory(inquiry=other)
    log(other, "wagtail.edit")

    output = run("erase_personal_data", "ANNA@example.com")

    assert "Deleted 1 inquiries, 2 notes and 1 history entries." in output
    assert list(Inquiry.objects.all()) == [other]
    assert list(InquiryNote.objects.all()) == [other_note]
    assert not history(mine).exists()
    assert history(other).count() == 1
    assert "Deleted 0 inquiries" in run("erase_personal_data", "anna@example.com")
