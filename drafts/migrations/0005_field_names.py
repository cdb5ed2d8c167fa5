# Translated names for every field and model (the admin showed "organization", "PK" … in English). No change to the database.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('drafts', '0004_import_metadata'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='importdraft',
            options={'verbose_name': 'document being imported', 'verbose_name_plural': 'documents being imported'},
        ),
        migrations.AlterField(
            model_name='importdraft',
            name='adoption',
            field=models.JSONField(default=dict, verbose_name='adoption'),
        ),
        migrations.AlterField(
            model_name='importdraft',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='importdraft',
            name='doubts',
            field=models.JSONField(default=list, verbose_name='doubts'),
        ),
        migrations.AlterField(
            model_name='importdraft',
            name='filename',
            field=models.CharField(max_length=255, verbose_name='filename'),
        ),
        migrations.AlterField(
            model_name='importdraft',
            name='instrument',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='drafts.instrument', verbose_name='instrument'),
        ),
        migrations.AlterField(
            model_name='importdraft',
            name='label',
            field=models.CharField(max_length=200, verbose_name='label'),
        ),
        migrations.AlterField(
            model_name='importdraft',
            name='language',
            field=models.CharField(choices=[('ar', 'Arabic'), ('zh-hans', 'Chinese'), ('en', 'English'), ('fr', 'French'), ('ru', 'Russian'), ('es', 'Spanish')], max_length=10, verbose_name='language'),
        ),
        migrations.AlterField(
            model_name='importdraft',
            name='metadata',
            field=models.JSONField(default=dict, verbose_name='metadata'),
        ),
        migrations.AlterField(
            model_name='importdraft',
            name='owner',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='owner'),
        ),
        migrations.AlterField(
            model_name='importdraft',
            name='rows',
            field=models.JSONField(default=list, verbose_name='rows'),
        ),
        migrations.AlterField(
            model_name='importdraft',
            name='set_aside',
            field=models.JSONField(default=list, verbose_name='set aside'),
        ),
        migrations.AlterField(
            model_name='importdraft',
            name='symbol',
            field=models.CharField(blank=True, max_length=60, verbose_name='symbol'),
        ),
        migrations.AlterField(
            model_name='importdraft',
            name='title',
            field=models.CharField(blank=True, max_length=500, verbose_name='title'),
        ),
        migrations.AlterField(
            model_name='importdraft',
            name='warnings',
            field=models.JSONField(default=list, verbose_name='warnings'),
        ),
        migrations.AlterField(
            model_name='provision',
            name='version',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='provisions', to='drafts.version', verbose_name='version'),
        ),
        migrations.AlterField(
            model_name='version',
            name='instrument',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='versions', to='drafts.instrument', verbose_name='instrument'),
        ),
        migrations.AlterField(
            model_name='version',
            name='published_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='published by'),
        ),
    ]
