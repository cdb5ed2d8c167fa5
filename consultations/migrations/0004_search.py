from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm for searching Arabic and Chinese (consultations/search.py). Creating an extension
    does nothing on SQLite; on PostgreSQL 13+ pg_trgm is a trusted extension, so the database
    owner may create it without being a superuser."""

    dependencies = [("consultations", "0003_moderation_reasons")]

    operations = [TrigramExtension()]
