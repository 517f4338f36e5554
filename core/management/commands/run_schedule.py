"""`manage.py run_schedule`: the site's periodic jobs, in one long-running process.

SCHEDULE below is the one list of what runs when. Jobs run one at a time, in the order listed,
so the nightly backup comes after the nightly purges and never holds what they deleted. Each
job's start, end (with its output) and failure are logged; a failing job is logged with its
traceback and the others still run. SIGTERM or SIGINT stops the process between jobs: a job
under way (a backup) finishes first.

Run exactly one scheduler per deployment, however many app instances there are: two would
publish, purge and back up twice. `--once` runs every job once and exits (non-zero if one
failed), for cron and for tests.
"""

import datetime
import io
import logging
import signal
import threading
import time
from dataclasses import dataclass

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import timezone

logger = logging.getLogger(__name__)

MINUTE = datetime.timedelta(minutes=1)
DAY = datetime.timedelta(days=1)
# Nightly jobs start at 02:00 local time: the quietest hour, and clear of Riga's daylight
# saving switch (03:00-04:00), when a time of day can be missing or happen twice.
NIGHTLY = datetime.timedelta(hours=2)


@dataclass(frozen=True)
class Job:
    """A management command due every `every`, counted from `at` past local midnight."""

    command: str
    args: tuple[str, ...] = ()
    every: datetime.timedelta = DAY
    at: datetime.timedelta = NIGHTLY

    def next_run(self, after):
        """The first time the job is due after `after`: missed runs are not caught up one by one."""
        local = timezone.localtime(after).replace(tzinfo=None)
        first = local.replace(hour=0, minute=0, second=0, microsecond=0) + self.at
        return timezone.make_aware(first + ((local - first) // self.every + 1) * self.every)


SCHEDULE = (
    # Pages and snippets scheduled to go live or to expire do so within a minute.
    Job("publish_scheduled", every=MINUTE, at=datetime.timedelta(0)),
    # Expired sessions (kept in the database as well as in Redis).
    Job("clearsessions"),
    # Page and snippet versions older than half a year, except each object's latest version and
    # those scheduled or in review, which Wagtail never purges.
    Job("purge_revisions", ("--days", "180")),
    # Inquiries closed longer than INQUIRY_RETENTION_DAYS ago, as the privacy notice promises.
    Job("purge_inquiries"),
    # Event registrations, EVENT_REGISTRATION_RETENTION_DAYS after their event ended.
    Job("purge_event_registrations"),
    # Database and media, encrypted to BACKUP_RECIPIENTS (production refuses to write a
    # plaintext archive); the two newest weeks of archives are kept in var/backups/.
    Job("backup", ("--keep", "14")),
)


def run_job(job):
    """Run one job, log how it went, and tell whether it succeeded; never raise."""
    name = job.command
    logger.info("Scheduled job started: %s", name, extra={"job": name})
    started = time.monotonic()
    output = io.StringIO()
    # A scheduler waits for hours between jobs: drop connections the database has closed since.
    close_old_connections()
    try:
        call_command(job.command, *job.args, stdout=output, stderr=output)
    except Exception:
        logger.exception(
            "Scheduled job failed: %s",
            name,
            extra={"job": name, "output": output.getvalue().strip()},
        )
        return False
    finally:
        close_old_connections()
    logger.info(
        "Scheduled job finished: %s",
        name,
        extra={
            "job": name,
            "duration_s": round(time.monotonic() - started, 3),
            "output": output.getvalue().strip(),
        },
    )
    return True


class Command(BaseCommand):
    help = "Run the site's periodic jobs (publishing, clean-ups, backups) as they fall due."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run every job once, in order, then exit."
        )

    def handle(self, *args, once=False, **options):
        self.stopping = threading.Event()
        previous = {
            signum: signal.signal(signum, lambda *_: self.stopping.set())
            for signum in (signal.SIGTERM, signal.SIGINT)
        }
        try:
            if once:
                self.run_once()
            else:
                self.run_forever()
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def run_once(self):
        failed = []
        for job in SCHEDULE:
            if self.stopping.is_set():
                return
            if not run_job(job):
                failed.append(job.command)
        if failed:
            raise CommandError(f"Scheduled jobs failed: {', '.join(failed)}.")

    def run_forever(self):
        now = timezone.now()
        due = {job: job.next_run(now) for job in SCHEDULE}
        logger.info("Scheduler started with %d jobs", len(SCHEDULE))
        while not self.stopping.is_set():
            for job in SCHEDULE:
                if self.stopping.is_set():
                    break
                if due[job] <= timezone.now():
                    run_job(job)
                    due[job] = job.next_run(timezone.now())
            wait = min(due.values()) - timezone.now()
            self.stopping.wait(max(wait.total_seconds(), 0))
        logger.info("Scheduler stopped")
