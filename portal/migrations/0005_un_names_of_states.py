"""The States take the UN's names in the six languages (M49 / UNTERM, read from the
hdx-python-country package by portal/un_names.py) instead of ISO's ("Russia" becomes "Russian
Federation", "كوريا الشمالية" becomes "جمهورية كوريا الشعبية الديمقراطية"), and every name and its
other forms get a row of OrganizationName, for finding a State by a name written in a document.
`manage.py load_states` does the same later, and adds the States a database lacks."""

import django.db.models.deletion
from django.db import migrations, models

STATE_KINDS = ["member_state", "observer_state"]


def use_un_names(apps, schema_editor):
    from portal.un_names import name_columns, sync_names, un_country_names

    Organization = apps.get_model("portal", "Organization")
    OrganizationName = apps.get_model("portal", "OrganizationName")
    countries = un_country_names()
    for organization in Organization.objects.filter(kind__in=STATE_KINDS).exclude(country=""):
        country = countries.get(str(organization.country))
        if country is None:
            continue
        for field, value in name_columns(country).items():
            setattr(organization, field, value)
        organization.save()
        sync_names(organization, country, OrganizationName)


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0004_outbox'),
    ]

    operations = [
        migrations.CreateModel(
            name='OrganizationName',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(choices=[('ar', 'Arabic'), ('zh-hans', 'Chinese'), ('en', 'English'), ('fr', 'French'), ('ru', 'Russian'), ('es', 'Spanish')], max_length=10, verbose_name='language')),
                ('name', models.CharField(max_length=255, verbose_name='name')),
                ('official', models.BooleanField(default=False, verbose_name='official name')),
                ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='names', to='portal.organization')),
            ],
            options={
                'verbose_name': 'name of an organization',
                'verbose_name_plural': 'names of organizations',
                'indexes': [models.Index(fields=['language', 'name'], name='portal_orga_languag_0286de_idx')],
                'constraints': [models.UniqueConstraint(fields=('organization', 'language', 'name'), name='one_row_per_name')],
            },
        ),
        migrations.RunPython(use_un_names, migrations.RunPython.noop),
    ]
