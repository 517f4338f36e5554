# Offers moved from the offers app beside the municipality page; no table is created.

import django.core.validators
import django.db.models.deletion
import modelcluster.fields
import uuid
import wagtail.fields
from decimal import Decimal
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('regions', '0002_team'),
        ('offers', '0002_offers_move_to_regions'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        # The offers app made these tables; offers/0002 renamed them for this app.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='BusinessSupport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('title', models.CharField(max_length=255, verbose_name='title')),
                        ('valid_until', models.DateField(blank=True, help_text='After this day the offer disappears from the public pages by itself.', null=True, verbose_name='valid until')),
                        ('is_example', models.BooleanField(default=False, help_text='Demonstration content, not a real offer. Readers see it marked “Example”.', verbose_name='example')),
                        ('kind', models.CharField(choices=[('grant', 'Grant'), ('advice', 'Advisory services'), ('premises', 'Premises')], max_length=30, verbose_name='kind')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('amount', models.DecimalField(blank=True, decimal_places=2, help_text='The largest amount, for a grant.', max_digits=10, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0'), message='This cannot be negative.')], verbose_name='amount (EUR)')),
                        ('link', models.URLField(blank=True, verbose_name='official link')),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                        ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='business_support', to='regions.municipalitypage')),
                    ],
                    options={
                        'verbose_name': 'business support',
                        'verbose_name_plural': 'business support',
                        'ordering': ['sort_order'],
                        'abstract': False,
                        'unique_together': {('translation_key', 'locale')},
                    },
                ),
                migrations.CreateModel(
                    name='FamilyService',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('title', models.CharField(max_length=255, verbose_name='title')),
                        ('valid_until', models.DateField(blank=True, help_text='After this day the offer disappears from the public pages by itself.', null=True, verbose_name='valid until')),
                        ('is_example', models.BooleanField(default=False, help_text='Demonstration content, not a real offer. Readers see it marked “Example”.', verbose_name='example')),
                        ('category', models.CharField(choices=[('kindergarten', 'Kindergarten'), ('school', 'School'), ('language_support', 'Latvian language support for returning children'), ('benefit', 'Family benefit'), ('healthcare', 'Healthcare'), ('leisure', 'Leisure')], max_length=30, verbose_name='category')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('amount', models.DecimalField(blank=True, decimal_places=2, help_text='Only if the service is a payment, e.g. a benefit.', max_digits=10, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0'), message='This cannot be negative.')], verbose_name='amount (EUR)')),
                        ('conditions', models.TextField(blank=True, help_text='Who may receive it and what to do, e.g. declared residence in the municipality.', verbose_name='conditions')),
                        ('link', models.URLField(blank=True, verbose_name='official link')),
                        ('place_guaranteed', models.BooleanField(default=False, help_text='Kindergarten only: a child of a returning family gets a place without waiting.', verbose_name='place guaranteed')),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                        ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='family_services_offers', to='regions.municipalitypage')),
                    ],
                    options={
                        'verbose_name': 'family service',
                        'verbose_name_plural': 'family services',
                        'ordering': ['sort_order'],
                        'abstract': False,
                        'unique_together': {('translation_key', 'locale')},
                    },
                ),
                migrations.CreateModel(
                    name='HousingOffer',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('title', models.CharField(max_length=255, verbose_name='title')),
                        ('valid_until', models.DateField(blank=True, help_text='After this day the offer disappears from the public pages by itself.', null=True, verbose_name='valid until')),
                        ('is_example', models.BooleanField(default=False, help_text='Demonstration content, not a real offer. Readers see it marked “Example”.', verbose_name='example')),
                        ('kind', models.CharField(choices=[('municipal_rental', 'Municipal rental'), ('private_rental', 'Private rental'), ('sale', 'For sale'), ('land', 'Land')], max_length=30, verbose_name='kind')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('location', models.CharField(help_text='Settlement or parish, e.g. Sala, Salas pagasts.', max_length=255, verbose_name='location')),
                        ('rooms', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='rooms')),
                        ('area', models.DecimalField(blank=True, decimal_places=1, max_digits=9, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0'), message='This cannot be negative.')], verbose_name='area (m²)')),
                        ('price', models.DecimalField(blank=True, decimal_places=2, help_text='Monthly rent for rentals; the full price for sales and land.', max_digits=10, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0'), message='This cannot be negative.')], verbose_name='price (EUR)')),
                        ('available_from', models.DateField(blank=True, help_text='Leave empty if it is available now.', null=True, verbose_name='available from')),
                        ('photos', wagtail.fields.StreamField([('photo', 0)], blank=True, block_lookup={0: ('wagtail.images.blocks.ImageBlock', [], {'label': 'Photo'})}, verbose_name='photos')),
                        ('contact', models.ForeignKey(blank=True, help_text="Who to ask about this offer; without one, readers see the municipality's contacts.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='regions.contact', verbose_name='contact')),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                        ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='housing_offers', to='regions.municipalitypage')),
                    ],
                    options={
                        'verbose_name': 'housing offer',
                        'verbose_name_plural': 'housing offers',
                        'ordering': ['sort_order'],
                        'abstract': False,
                        'unique_together': {('translation_key', 'locale')},
                    },
                ),
                migrations.CreateModel(
                    name='JobOffer',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('title', models.CharField(max_length=255, verbose_name='title')),
                        ('is_example', models.BooleanField(default=False, help_text='Demonstration content, not a real offer. Readers see it marked “Example”.', verbose_name='example')),
                        ('employer', models.CharField(max_length=255, verbose_name='employer')),
                        ('valid_until', models.DateField(blank=True, help_text='After this day the offer disappears from the public pages by itself.', null=True, verbose_name='application deadline')),
                        ('salary_min', models.DecimalField(blank=True, decimal_places=2, help_text='Gross monthly salary.', max_digits=10, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0'), message='This cannot be negative.')], verbose_name='salary from (EUR)')),
                        ('salary_max', models.DecimalField(blank=True, decimal_places=2, help_text='Gross monthly salary.', max_digits=10, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0'), message='This cannot be negative.')], verbose_name='salary to (EUR)')),
                        ('how_to_apply', models.TextField(help_text='Documents to send, to whom, and by when.', verbose_name='how to apply')),
                        ('link', models.URLField(blank=True, verbose_name='link to the vacancy')),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                        ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='jobs', to='regions.municipalitypage')),
                    ],
                    options={
                        'verbose_name': 'job offer',
                        'verbose_name_plural': 'job offers',
                        'ordering': ['sort_order'],
                        'abstract': False,
                        'unique_together': {('translation_key', 'locale')},
                    },
                ),
            ],
        ),
    ]
