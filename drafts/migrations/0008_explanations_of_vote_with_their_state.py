"""Explanations of vote were stored as bare addresses; each becomes an entry that can also name
the State that explained its vote and a label: {"address", "state", "printed_as", "label"}."""

from django.db import migrations


def forwards(apps, schema_editor):
    Adoption = apps.get_model("drafts", "Adoption")
    for adoption in Adoption.objects.exclude(explanations=[]):
        adoption.explanations = [
            {"address": entry, "state": None, "printed_as": "", "label": ""} if isinstance(entry, str) else entry
            for entry in adoption.explanations
        ]
        adoption.save(update_fields=["explanations"])


def backwards(apps, schema_editor):
    Adoption = apps.get_model("drafts", "Adoption")
    for adoption in Adoption.objects.exclude(explanations=[]):
        adoption.explanations = [
            entry["address"] if isinstance(entry, dict) else entry for entry in adoption.explanations
        ]
        adoption.save(update_fields=["explanations"])


class Migration(migrations.Migration):
    dependencies = [("drafts", "0007_adoption")]

    operations = [migrations.RunPython(forwards, backwards)]
