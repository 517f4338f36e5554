"""Create the development superuser that `make run` prints, so a newcomer can log in at once."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "admin"  # noqa: S105 - development only; refused unless DEBUG is on


class Command(BaseCommand):
    help = "Create (or reset) the development superuser admin/admin. Refused unless DEBUG is on."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to create a development superuser with DEBUG off.")
        user, created = get_user_model().objects.get_or_create(
            username=USERNAME, defaults={"email": "admin@example.com"}
        )
        if created or not user.check_password(PASSWORD) or not user.is_superuser:
            user.is_staff = user.is_superuser = True
            user.set_password(PASSWORD)
            user.save()
        self.stdout.write(f"Admin login: user {USERNAME!r}, password {PASSWORD!r} at /admin/")
