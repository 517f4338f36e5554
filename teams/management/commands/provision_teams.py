from django.core.management.base import BaseCommand

from teams.provisioning import provision_all


class Command(BaseCommand):
    help = (
        "Create or complete the editor group, collection and permissions of every municipality, "
        "the coordinators' group and review workflow of every region, and the national editors. "
        "Safe to run again."
    )

    def handle(self, *args, **options):
        national, teams = provision_all()
        for team in teams:
            self.stdout.write(
                f"{team.group.name}: {team.pages.count()} pages, collection “{team.collection.name}”"
            )
        self.stdout.write(
            self.style.SUCCESS(f"{len(teams)} teams and “{national.name}” are in place.")
        )
