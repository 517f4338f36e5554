# Teams moved from the regions app; no table is created.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('regions', '0004_team_moves_to_teams'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        # The table was regions_team; regions/0004 renamed it for this app.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Team',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('region', 'Regional coordinators'), ('municipality', 'Municipality editors')], max_length=20, verbose_name='kind')),
                        ('translation_key', models.UUIDField(editable=False, unique=True)),
                        ('collection', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='team', to='wagtailcore.collection', verbose_name='collection')),
                        ('group', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='team', to='auth.group', verbose_name='group')),
                        ('workflow', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='team', to='wagtailcore.workflow', verbose_name='review workflow')),
                    ],
                    options={
                        'verbose_name': 'team',
                        'verbose_name_plural': 'teams',
                    },
                ),
            ],
        ),
    ]
