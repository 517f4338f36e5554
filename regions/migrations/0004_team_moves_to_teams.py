# Teams move to their own app (teams.models): the table is renamed for that app and its content
# type (and so its permissions) follows; teams/0001 takes the state.

from django.db import migrations


def move_content_type(apps, schema_editor, source="regions", target="teams"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=source, model="team").update(app_label=target)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="teams", target="regions")


class Migration(migrations.Migration):
    dependencies = [
        ("regions", "0003_offers_beside_the_municipality_page"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.AlterModelTable("Team", "teams_team")],
            state_operations=[migrations.DeleteModel("Team")],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
