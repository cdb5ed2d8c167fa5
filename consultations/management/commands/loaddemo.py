from django.core.management.base import BaseCommand

from consultations import demo as consultation_demo
from drafts import demo as texts_demo
from portal import demo as people_demo
from portal.models import User


class Command(BaseCommand):
    help = "Load the demo data (idempotent: running it again changes nothing)."

    def handle(self, *args, **options):
        accounts = people_demo.people_load()
        drafter, secretariat = (User.objects.get(email=f"{role}@example.org") for role in ("drafter", "secretariat"))
        texts_demo.texts_load(by=drafter)
        consultation_demo.consultation_load(secretariat=secretariat)
        texts_demo.adoption_load(by=drafter, secretariat=secretariat)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Demo accounts (password for all: {people_demo.DEMO_PASSWORD}):")
        for email, name in accounts:
            self.stdout.write(f"  {email:<34} {name}")
        self.stdout.write(
            f"Staff accounts use a second factor: TOTP secret {people_demo.DEMO_TOTP_SECRET} "
            "(under `make run`, the development code 000000 also works)."
        )
