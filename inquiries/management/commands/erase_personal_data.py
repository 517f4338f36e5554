from django.core.management.base import BaseCommand

from inquiries import privacy


class Command(BaseCommand):
    help = (
        "Delete every inquiry (and event registration) sent with an e-mail address, with its "
        "notes and admin history (an erasure request). Export first if the person also asked for a copy."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        deleted = privacy.delete(privacy.held_about(email))
        self.stdout.write(
            f"Deleted {deleted['inquiries']} inquiries, {deleted['notes']} notes and "
            f"{deleted['history']} history entries."
        )
        for name, _export, erase in privacy.other_holders():
            self.stdout.write(f"Deleted {erase(email)} {name.replace('_', ' ')}.")
