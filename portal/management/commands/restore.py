from django.core.management.base import BaseCommand, CommandError

from portal import backups

from .backup import summary


class Command(BaseCommand):
    help = (
        "Replace the whole database with a backup made by `manage.py backup` (pg_restore --clean "
        "--if-exists in one transaction on PostgreSQL; SQLite's backup API on SQLite). The current "
        "database is first backed up beside the file restored. Stop the app servers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="a file written by manage.py backup")
        parser.add_argument("--database", default="default", help="the database alias (default: default)")
        parser.add_argument(
            "--no-input", "--noinput", action="store_false", dest="interactive", help="do not ask for confirmation"
        )
        parser.add_argument(
            "--no-safety-backup",
            action="store_false",
            dest="safety_backup",
            help="do not back up the current database first (only when it is beyond saving)",
        )

    def handle(self, *args, path, database, interactive, safety_backup, **options):
        try:
            checked = backups.check_archive(path, using=database)
            target = backups.describe(database)
            if interactive:
                answer = input(
                    f"This replaces everything in {target} with the contents of {checked}.\n"
                    "Type 'yes' to continue, anything else to stop: "
                )
                if answer.strip().lower() != "yes":
                    raise CommandError("Restore cancelled: nothing was changed.")
            result = backups.restore(checked, using=database, safety_backup=safety_backup)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from None
        if result.safety_backup:
            self.stdout.write(f"The database as it was before this restore is kept in {result.safety_backup}.")
        self.stdout.write(f"Restored {target} from {result.path}: {summary(result.counts)}.")
        pending = backups.pending_migrations(database)
        if pending:
            self.stdout.write(
                f"The backup predates {len(pending)} migration(s) of this code ({', '.join(pending[:5])}"
                f"{'…' if len(pending) > 5 else ''}): run `manage.py migrate` before starting the portal."
            )
