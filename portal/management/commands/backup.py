from django.core.management.base import BaseCommand, CommandError

from portal import backups


def summary(counts):
    return ", ".join(f"{value:,} {label}" for label, value in counts.items() if value is not None) or "no portal tables"


class Command(BaseCommand):
    help = (
        "Back up the whole database to one file: pg_dump -Fc on PostgreSQL, SQLite's online backup "
        "API on SQLite. The file appears only once complete and checked; the portal may keep running."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the backup file to write (refused if it exists, unless --force)")
        parser.add_argument("--database", default="default", help="the database alias (default: default)")
        parser.add_argument("--force", action="store_true", help="replace an existing file of that name")

    def handle(self, *args, path, database, force, **options):
        try:
            result = backups.backup(path, using=database, overwrite=force)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Backed up {backups.describe(database)} to {result.path} ({result.bytes / 1e6:.1f} MB): {summary(result.counts)}."
        )
