"""`manage.py backup`: the database and all media in one timestamped archive (`make backup`)."""

import argparse

from django.conf import settings
from django.core.management.base import BaseCommand

from backups.archives import create_archive, rotate


def positive(value):
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


class Command(BaseCommand):
    help = "Write the database and every media file to var/backups/remigration-<time>.tar.gz."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=settings.BASE_DIR / "var" / "backups",
            help="Directory for the archive (default: var/backups/).",
        )
        parser.add_argument(
            "--keep",
            type=positive,
            metavar="N",
            help="Then delete all but the N newest archives in the directory.",
        )

    def handle(self, *args, output_dir, keep=None, **options):
        archive, manifest = create_archive(output_dir)
        self.stdout.write(
            f"Backed up the {manifest['engine']} database and "
            f"{len(manifest['media'])} media files to {archive}"
        )
        if keep:
            for old in rotate(output_dir, keep):
                self.stdout.write(f"Deleted the older backup {old}")
