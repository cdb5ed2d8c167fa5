from django.core.management.base import BaseCommand

from consultations.selectors import comment_count_differences
from consultations.services import comment_counts_rebuild
from consultations.services.counts import count_sort_key


class Command(BaseCommand):
    help = (
        "Recount the comments of every provision from the comments themselves. The portal keeps "
        "the counts exact as it writes; run this after changing comments outside it (SQL, a "
        "partial restore), or with --check to verify them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="only compare, and exit with status 1 on a difference")

    def handle(self, *args, check=False, **options):
        differences = comment_count_differences()
        if check:
            for key, (kept, actual) in sorted(differences.items(), key=lambda item: count_sort_key(item[0])):
                self.stdout.write(
                    f"version {key[0]}, provision {key[1]}, {key[2]}, {'public' if key[3] else 'not public'}: kept {kept}, actually {actual}"
                )
            if differences:
                raise SystemExit(1)
            self.stdout.write("Comment counts are exact.")
            return
        rows = comment_counts_rebuild()
        self.stdout.write(f"Recounted: {rows} rows ({len(differences)} were different).")
