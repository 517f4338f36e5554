"""`manage.py backup`: the database and all media in one timestamped archive (`make backup`)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from backups.archives import create_archive


class Command(BaseCommand):
    help = "Write the database and every media file to var/backups/remigration-<time>.tar.gz."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=settings.BASE_DIR / "var" / "backups",
            help="Directory for the archive (default: var/backups/).",
        )

    def handle(self, *args, output_dir, **options):
        archive, manifest = create_archive(output_dir)
        self.stdout.write(
            f"Backed up the {manifest['engine']} database and "
            f"{len(manifest['media'])} media files to {archive}"
        )
