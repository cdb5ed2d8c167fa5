from django.core.management.base import BaseCommand

from portal.services import states_load


class Command(BaseCommand):
    help = (
        "Load or refresh the 193 UN Member States and 2 observer States with their regional groups and "
        "their UN names in the six languages (read from the hdx-python-country package's M49/UNTERM table)."
    )

    def handle(self, *args, **options):
        created, updated = states_load()
        self.stdout.write(f"States: {created} created, {updated} updated.")
