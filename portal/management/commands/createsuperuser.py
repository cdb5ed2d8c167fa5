"""Django's createsuperuser, which then says what the new account still lacks."""

from django.contrib.auth.management.commands import createsuperuser


class Command(createsuperuser.Command):
    def handle(self, *args, **options):
        super().handle(*args, **options)
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.WARNING(
                    "This superuser has no staff power yet (no administration, drafting, moderation, "
                    "accreditation or secretariat exports): sign in on the portal and set up "
                    "two-factor authentication first (My account → Two-factor authentication, "
                    "/en/accounts/2fa/)."
                )
            )
