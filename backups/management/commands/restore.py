"""`manage.py restore ARCHIVE`: load a backup into an empty database (`make restore`)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from backups.archives import clear_site_cache, restore_archive


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into the configured (empty) database and "
        "media storage."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archive", help="The .tar.gz or .tar.gz.age written by `manage.py backup`."
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help=(
                "Replace everything in a non-empty database (it cannot be undone; the archive "
                "is checked in full first)."
            ),
        )
        parser.add_argument(
            "--identity",
            metavar="FILE",
            default=settings.BACKUP_IDENTITY_FILE,
            help=(
                "The age identity file (`manage.py backup_keygen --output`) that decrypts an "
                "encrypted archive (default: BACKUP_IDENTITY_FILE)."
            ),
        )

    def handle(self, *args, archive, replace, identity, **options):
        manifest, restored = restore_archive(archive, replace=replace, identity_file=identity)
        # Cached pages, sessions and Wagtail's site roots describe the database that was replaced.
        clear_site_cache()
        self.stdout.write(
            f"Restored the {manifest['engine']} database of {manifest['created']} "
            f"and {restored} media files."
        )
