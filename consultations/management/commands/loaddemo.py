from django.core.management.base import BaseCommand

from portal import demo as people_demo


class Command(BaseCommand):
    help = "Load the demo data (idempotent: running it again changes nothing)."

    def handle(self, *args, **options):
        accounts = people_demo.people_load()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Demo accounts (password for all: {people_demo.DEMO_PASSWORD}):")
        for email, name in accounts:
            self.stdout.write(f"  {email:<34} {name}")
