"""`manage.py run_schedule`: each job does its work once, failures are contained, SIGTERM stops.

The jobs run on the test database as the scheduler runs them (`run_job`), twice each: a second
run, as after a restart or with cron and the scheduler both configured, must change nothing.
"""

import datetime
import signal
import threading
import time
from importlib import import_module
from zoneinfo import ZoneInfo

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from home.models import StandardPage
from home.tests.factories import StandardPageFactory
from inquiries.models import Inquiry
from inquiries.tests.factories import InquiryFactory

run_schedule = import_module("core.management.commands.run_schedule")
Job, SCHEDULE, run_job = run_schedule.Job, run_schedule.SCHEDULE, run_schedule.run_job

RIGA = ZoneInfo("Europe/Riga")
LOGGER = "core.management.commands.run_schedule"


@pytest.fixture(autouse=True)
def keep_the_test_transaction(monkeypatch):
    """Closing the connection between jobs would roll back the test's own transaction."""
    monkeypatch.setattr(run_schedule, "close_old_connections", lambda: None)


def job(command):
    return next(j for j in SCHEDULE if j.command == command)


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_the_schedule_names_each_job_once_and_nightly_jobs_purge_before_the_backup():
    commands = [j.command for j in SCHEDULE]
    assert commands == [
        "publish_scheduled",
        "clearsessions",
        "purge_revisions",
        "purge_inquiries",
        "purge_event_registrations",
        "backup",
    ]
    assert job("publish_scheduled").every == datetime.timedelta(minutes=1)
    assert all(job(c).every == datetime.timedelta(days=1) for c in commands[1:])
    assert job("backup").args == ("--keep", "14")


@pytest.mark.parametrize(
    ("now", "every", "at", "expected"),
    [
        # Every minute: the next whole minute.
        ("2026-03-10 14:07:30", "1m", "0", "2026-03-10 14:08:00"),
        ("2026-03-10 14:07:00", "1m", "0", "2026-03-10 14:08:00"),
        # Nightly at 02:00: tonight, or tomorrow night once it is past.
        ("2026-03-10 01:59:59", "1d", "2h", "2026-03-10 02:00:00"),
        ("2026-03-10 02:00:00", "1d", "2h", "2026-03-11 02:00:00"),
        ("2026-03-10 23:30:00", "1d", "2h", "2026-03-11 02:00:00"),
        # Across the switch to summer time (29 March 2026, 03:00 → 04:00): still 02:00 local.
        ("2026-03-28 12:00:00", "1d", "2h", "2026-03-29 02:00:00"),
        ("2026-03-29 02:00:00", "1d", "2h", "2026-03-30 02:00:00"),
    ],
)
def test_a_job_is_next_due_at_its_next_slot_in_local_time(now, every, at, expected, settings):
    settings.TIME_ZONE = "Europe/Riga"
    units = {"m": "minutes", "d": "days", "h": "hours"}

    def delta(text):
        return datetime.timedelta(**{units[text[-1]]: int(text[:-1])}) if text != "0" else None

    kwargs = {"every": delta(every), "at": delta(at) or datetime.timedelta(0)}
    moment = datetime.datetime.fromisoformat(now).replace(tzinfo=RIGA)

    due = Job("x", **kwargs).next_run(moment)

    assert due.astimezone(RIGA).replace(tzinfo=None) == datetime.datetime.fromisoformat(expected)
    assert due > moment


def test_a_scheduled_page_goes_live_once(home):
    page = StandardPageFactory(parent=home, title="Jaunumi drīzumā", slug="drizuma", live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live
    # The hour has passed.
    past = days_ago(0) - datetime.timedelta(minutes=1)
    Revision.objects.filter(pk=revision.pk).update(
        approved_go_live_at=past, content={**revision.content, "go_live_at": past.isoformat()}
    )
    scheduled_publishes = PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled")

    assert run_job(job("publish_scheduled"))
    page.refresh_from_db()
    assert page.live and scheduled_publishes.count() == 1

    assert run_job(job("publish_scheduled"))
    page.refresh_from_db()
    assert page.live and scheduled_publishes.count() == 1


def test_expired_sessions_are_cleared(db):
    expired, current = SessionStore(), SessionStore()
    expired.create()
    current.create()
    Session.objects.filter(session_key=expired.session_key).update(expire_date=days_ago(1))

    assert run_job(job("clearsessions"))
    assert run_job(job("clearsessions"))

    assert list(Session.objects.values_list("session_key", flat=True)) == [current.session_key]


def aged_revisions(page, *ages_in_days):
    revisions = []
    for days in ages_in_days:
        revisions.append(page.save_revision())
        Revision.objects.filter(pk=revisions[-1].pk).update(created_at=days_ago(days))
    return revisions


def test_revisions_older_than_half_a_year_are_purged_but_each_pages_latest_kept(home):
    edited = StandardPageFactory(parent=home, title="Vēsture", slug="vesture")
    ancient, old, recent, latest = aged_revisions(edited, 300, 181, 179, 10)
    untouched = StandardPageFactory(parent=home, title="Sen", slug="sen")
    first, last = aged_revisions(untouched, 400, 390)

    assert run_job(job("purge_revisions"))
    assert run_job(job("purge_revisions"))

    kept = set(
        Revision.objects.filter(object_id__in=[str(edited.pk), str(untouched.pk)]).values_list(
            "pk", flat=True
        )
    )
    assert kept == {recent.pk, latest.pk, last.pk}
    assert StandardPage.objects.get(pk=untouched.pk).latest_revision_id == last.pk


def test_inquiries_past_retention_are_purged(db, settings):
    settings.INQUIRY_RETENTION_DAYS = 30
    old, recent = (InquiryFactory(status=Inquiry.Status.CLOSED) for _ in range(2))
    Inquiry.objects.filter(pk=old.pk).update(closed_at=days_ago(31))
    Inquiry.objects.filter(pk=recent.pk).update(closed_at=days_ago(29))

    assert run_job(job("purge_inquiries"))
    assert run_job(job("purge_inquiries"))

    assert list(Inquiry.objects.values_list("pk", flat=True)) == [recent.pk]


def test_the_backup_writes_an_archive_each_night_and_keeps_two_weeks(db, settings, tmp_path):
    settings.BASE_DIR = tmp_path  # the archives go to BASE_DIR/var/backups/
    backups = tmp_path / "var" / "backups"
    backups.mkdir(parents=True)
    for day in range(1, 16):
        (backups / f"remigration-202601{day:02}-020000.tar.gz").write_bytes(b"old")

    assert run_job(job("backup"))
    assert run_job(job("backup"))

    archives = sorted(p.name for p in backups.iterdir())
    assert len(archives) == 14
    assert sum(not name.startswith("remigration-202601") for name in archives) == 2


def test_a_backup_without_recipients_fails_in_production_and_the_failure_is_logged(
    db, settings, tmp_path, caplog
):
    settings.BASE_DIR = tmp_path
    settings.BACKUP_ENCRYPTION_REQUIRED = True
    settings.BACKUP_RECIPIENTS = []

    assert not run_job(job("backup"))

    failure = next(r for r in caplog.records if r.levelname == "ERROR")
    assert failure.name == LOGGER
    assert failure.getMessage() == "Scheduled job failed: backup"
    assert "BACKUP_RECIPIENTS is not set" in str(failure.exc_info[1])
    assert not (tmp_path / "var" / "backups").exists() or not any(
        (tmp_path / "var" / "backups").iterdir()
    )


def stop_this_process():
    signal.pthread_kill(threading.main_thread().ident, signal.SIGTERM)


@pytest.fixture
def fake_commands(monkeypatch):
    """Stand-in commands, each call recorded: `fail` raises; `stop` sends this process SIGTERM,
    `stop-later` does so on its second call."""
    calls = []

    def call_command(name, *args, **kwargs):
        calls.append(name)
        if name == "fail":
            raise RuntimeError("the mail server is down")
        if name == "stop" or (name == "stop-later" and calls.count(name) == 2):
            stop_this_process()
        kwargs["stdout"].write(f"{name} done\n")

    monkeypatch.setattr(run_schedule, "call_command", call_command)
    return calls


def test_once_runs_every_job_even_after_a_failure_and_reports_it(
    fake_commands, monkeypatch, caplog
):
    caplog.set_level("INFO", logger=LOGGER)
    monkeypatch.setattr(run_schedule, "SCHEDULE", (Job("first"), Job("fail"), Job("last")))

    with pytest.raises(CommandError, match="Scheduled jobs failed: fail."):
        call_command("run_schedule", "--once")

    assert fake_commands == ["first", "fail", "last"]
    messages = [(r.levelname, r.getMessage()) for r in caplog.records if r.name == LOGGER]
    assert messages == [
        ("INFO", "Scheduled job started: first"),
        ("INFO", "Scheduled job finished: first"),
        ("INFO", "Scheduled job started: fail"),
        ("ERROR", "Scheduled job failed: fail"),
        ("INFO", "Scheduled job started: last"),
        ("INFO", "Scheduled job finished: last"),
    ]
    failed = next(r for r in caplog.records if r.levelname == "ERROR")
    assert "the mail server is down" in str(failed.exc_info[1])
    finished = next(r for r in caplog.records if r.getMessage() == "Scheduled job finished: last")
    assert finished.job == "last" and finished.output == "last done"
    assert finished.duration_s >= 0


class AlwaysDue(Job):
    def next_run(self, after):
        return after


def test_the_loop_survives_a_failing_job_and_sigterm_stops_it_between_jobs(
    fake_commands, monkeypatch
):
    monkeypatch.setattr(
        run_schedule,
        "SCHEDULE",
        tuple(AlwaysDue(name) for name in ("fail", "count", "stop-later", "after")),
    )
    before = signal.getsignal(signal.SIGTERM)

    call_command("run_schedule")

    assert fake_commands == ["fail", "count", "stop-later", "after", "fail", "count", "stop-later"]
    assert signal.getsignal(signal.SIGTERM) is before


def test_sigterm_during_once_runs_no_further_job(fake_commands, monkeypatch):
    monkeypatch.setattr(run_schedule, "SCHEDULE", (Job("stop"), Job("never")))

    call_command("run_schedule", "--once")

    assert fake_commands == ["stop"]


def test_the_loop_sleeps_until_a_job_is_due_and_sigterm_wakes_it_at_once(
    fake_commands, monkeypatch
):
    monkeypatch.setattr(
        run_schedule, "SCHEDULE", (Job("hourly", every=datetime.timedelta(hours=1)),)
    )
    signal_soon = threading.Timer(0.2, stop_this_process)
    signal_soon.start()
    started = time.monotonic()

    call_command("run_schedule")

    assert time.monotonic() - started < 5
    assert fake_commands == []
