from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Turn two-step verification off for an account whose phone is lost, so that its owner "
        "can sign in with the password and set it up again."
    )

    def add_arguments(self, parser):
        parser.add_argument("account", help="user name or e-mail address")

    def handle(self, *args, account, **options):
        users = get_user_model().objects.filter(Q(username=account) | Q(email__iexact=account))
        if users.count() != 1:
            raise CommandError(f"No single account is called {account}.")
        user = users.get()
        deleted, _ = TOTPDevice.objects.filter(user=user).delete()
        self.stdout.write(
            f"Two-step verification is off for {user.get_username()} ({deleted} app(s) removed)."
        )
