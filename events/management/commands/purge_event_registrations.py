from django.conf import settings
from django.core.management.base import BaseCommand

from events import privacy


class Command(BaseCommand):
    help = (
        "Delete registrations for events that ended more than "
        "EVENT_REGISTRATION_RETENTION_DAYS ago, with their admin history. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be deleted."
        )

    def handle(self, *args, dry_run=False, **options):
        registrations = privacy.expired()
        days = settings.EVENT_REGISTRATION_RETENTION_DAYS
        if dry_run:
            self.stdout.write(
                f"Would delete {registrations.count()} registrations for events that ended "
                f"more than {days} days ago."
            )
            return
        deleted = privacy.delete(registrations)
        self.stdout.write(
            f"Deleted {deleted} registrations for events that ended more than {days} days ago."
        )
