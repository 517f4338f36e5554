"""`manage.py backup`: the database and all media in one timestamped archive (`make backup`)."""

import argparse

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backups.archives import create_archive, rotate
from backups.encryption import recipients


def positive(value):
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


class Command(BaseCommand):
    help = (
        "Write the database and every media file to var/backups/remigration-<time>.tar.gz.age, "
        "encrypted to BACKUP_RECIPIENTS (.tar.gz with --unencrypted)."
    )

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
        parser.add_argument(
            "--unencrypted",
            action="store_true",
            help=(
                "Write a plaintext archive, even when BACKUP_RECIPIENTS is set. It holds personal "
                "data: keep it where only operators can read it."
            ),
        )

    def handle(self, *args, output_dir, keep=None, unencrypted=False, **options):
        keys = [] if unencrypted else recipients(settings.BACKUP_RECIPIENTS)
        if not keys:
            if settings.BACKUP_ENCRYPTION_REQUIRED and not unencrypted:
                raise CommandError(
                    "BACKUP_RECIPIENTS is not set. Backups hold personal data (inquiries), so "
                    "they are encrypted: set BACKUP_RECIPIENTS to the operators' age public keys "
                    "(`manage.py backup_keygen` makes a key pair), or pass --unencrypted to "
                    "write a plaintext archive anyway."
                )
            self.stderr.write("The archive is not encrypted (BACKUP_RECIPIENTS encrypts it).")
        progress = self.stdout.write if options["verbosity"] > 0 else lambda message: None
        archive, manifest = create_archive(output_dir, keys, progress)
        self.stdout.write(
            f"Backed up the {manifest['engine']} database and "
            f"{len(manifest['media'])} media files to {archive}"
        )
        if keep:
            for old in rotate(output_dir, keep):
                self.stdout.write(f"Deleted the older backup {old}")
