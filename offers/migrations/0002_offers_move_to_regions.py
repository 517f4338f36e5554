# The offers move beside the municipality page (regions.models.offers): their tables are renamed
# for that app and their content types (and so permissions) follow; regions/0003 takes the state.

from django.db import migrations

MOVED = ["businesssupport", "familyservice", "housingoffer", "joboffer"]


def move_content_types(apps, schema_editor, source="offers", target="regions"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=source, model__in=MOVED).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="regions", target="offers")


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0001_offers_and_find_your_place_page"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable("BusinessSupport", "regions_businesssupport"),
                migrations.AlterModelTable("FamilyService", "regions_familyservice"),
                migrations.AlterModelTable("HousingOffer", "regions_housingoffer"),
                migrations.AlterModelTable("JobOffer", "regions_joboffer"),
            ],
            state_operations=[
                migrations.DeleteModel("BusinessSupport"),
                migrations.DeleteModel("FamilyService"),
                migrations.DeleteModel("HousingOffer"),
                migrations.DeleteModel("JobOffer"),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
