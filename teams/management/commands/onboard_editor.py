"""Give a municipality editor or a regional coordinator an account, in one command."""

import difflib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.models import Locale

from regions.models import MunicipalityPage, RegionPage
from teams.provisioning import provision_team


class Command(BaseCommand):
    help = (
        "Create an editor account for a municipality (--municipality) or a coordinator account for "
        "a region (--region), add it to that team, and print a link to set the password."
    )

    def add_arguments(self, parser):
        place = parser.add_mutually_exclusive_group(required=True)
        place.add_argument(
            "--municipality", help="e.g. 'Jēkabpils novads' or 'Jēkabpils Municipality'"
        )
        place.add_argument("--region", help="e.g. 'Zemgale'")
        parser.add_argument("--email", required=True)
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    def handle(self, *args, **options):
        try:
            validate_email(options["email"])
        except ValidationError:
            raise CommandError(f"“{options['email']}” is not a valid e-mail address.") from None
        model, name = (
            (MunicipalityPage, options["municipality"])
            if options["municipality"]
            else (RegionPage, options["region"])
        )
        page = self.find(model, name)
        with transaction.atomic():
            team = provision_team(page)
            user, created = get_user_model().objects.get_or_create(
                username=options["email"].lower(),
                defaults={
                    "email": options["email"],
                    "first_name": options["first_name"],
                    "last_name": options["last_name"],
                },
            )
            if created:
                user.set_unusable_password()
                user.save()
            user.groups.add(team.group)
        self.stdout.write(
            f"{'Created' if created else 'Found'} user {user.username} and added it to “{team.group.name}”."
        )
        self.stdout.write(f"They can edit {page.title} and its pages in every language.")
        if not user.has_usable_password():
            self.stdout.write(
                f"Send them this link to set their password: {self.password_link(user)}"
            )

    @staticmethod
    def find(model, name):
        """The Latvian page whose title (in any language) is `name`; unknown names are refused."""
        pages = model.objects.all().select_related("locale")
        matches = [p for p in pages if p.title.casefold() == name.strip().casefold()]
        if matches:
            match = matches[0]
            return match.get_translation_or_none(Locale.get_default()) or match
        kind = "municipality" if model is MunicipalityPage else "region"
        titles = sorted({p.title for p in pages})
        close = difflib.get_close_matches(name, titles, n=3, cutoff=0.5)
        hint = f" Did you mean: {', '.join(close)}?" if close else f" Known: {', '.join(titles)}."
        raise CommandError(f"There is no {kind} called “{name}”.{hint}")

    @staticmethod
    def password_link(user):
        path = reverse(
            "wagtailadmin_password_reset_confirm",
            args=[
                urlsafe_base64_encode(force_bytes(user.pk)),
                default_token_generator.make_token(user),
            ],
        )
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
