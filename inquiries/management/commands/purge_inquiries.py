from django.conf import settings
from django.core.management.base import BaseCommand

from inquiries import privacy


class Command(BaseCommand):
    help = (
        "Delete inquiries closed longer than INQUIRY_RETENTION_DAYS ago, with their notes and "
        "admin history. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be deleted."
        )

    def handle(self, *args, dry_run=False, **options):
        inquiries = privacy.expired()
        days = settings.INQUIRY_RETENTION_DAYS
        if dry_run:
            found = privacy.counts(inquiries)
            self.stdout.write(
                f"Would delete {found['inquiries']} inquiries closed more than {days} days ago "
                f"({found['notes']} notes, {found['history']} history entries)."
            )
            return
        deleted = privacy.delete(inquiries)
        self.stdout.write(
            f"Deleted {deleted['inquiries']} inquiries closed more than {days} days ago "
            f"({deleted['notes']} notes, {deleted['history']} history entries)."
        )
