"""`manage.py backup_keygen`: a key pair for encrypted backups (the age format, like age-keygen)."""

from django.core.management.base import BaseCommand, CommandError

from backups.encryption import new_identity, private_file


class Command(BaseCommand):
    help = (
        "Make a new age identity (private key) for restoring backups and print its public key, "
        "for BACKUP_RECIPIENTS. Keep the identity off the server that makes the backups."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            metavar="FILE",
            help="Write the identity to this new file (readable only by you) instead of stdout.",
        )

    def handle(self, *args, output=None, **options):
        identity, public = new_identity()
        if output is None:
            # Like age-keygen: the identity alone on stdout, so that it can be redirected to a file.
            self.stdout.write(identity, ending="")
            self.stderr.write(f"Public key (for BACKUP_RECIPIENTS): {public}")
            return
        try:
            with private_file(output) as file:
                file.write(identity.encode())
        except OSError as error:
            raise CommandError(f"Cannot write the identity to {output} ({error}).") from None
        self.stdout.write(f"Wrote the identity to {output}: keep it safe and off the server.")
        self.stdout.write(f"Public key (for BACKUP_RECIPIENTS): {public}")
