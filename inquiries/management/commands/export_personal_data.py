import json

from django.core.management.base import BaseCommand

from inquiries import privacy


class Command(BaseCommand):
    help = (
        "Print, as JSON, everything held about an e-mail address: inquiries with their notes "
        "and event registrations (an answer to a data subject's access request)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        data = {"email": email, "inquiries": privacy.export(privacy.held_about(email))}
        for name, export, _erase in privacy.other_holders():
            data[name] = export(email)
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
