import time

from django.core.management.base import BaseCommand, CommandError

from consultations import load

LIMITS = {"provisions": (1, 10_000), "comments": (0, 50_000_000), "organizations": (1, 100_000), "versions": (1, 20)}


class Command(BaseCommand):
    help = "Fill the database with reproducible synthetic data for benchmarks (idempotent per seed)."

    def add_arguments(self, parser):
        parser.add_argument("--provisions", type=int, default=120)
        parser.add_argument("--comments", type=int, default=10_000)
        parser.add_argument("--organizations", type=int, default=200)
        parser.add_argument("--versions", type=int, default=1)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--force", action="store_true", help="allow writing into a database that holds real contributions"
        )

    def handle(self, *args, **options):
        for name, (low, high) in LIMITS.items():
            if not low <= options[name] <= high:
                raise CommandError(f"--{name} must be between {low:,} and {high:,} (got {options[name]:,}).")
        if load.production_data_present() and not options["force"]:
            raise CommandError(
                "This database holds real contributions and DEBUG is off: refusing to add synthetic data. "
                "Use a copy, or --force if you really mean it."
            )
        if load.already_loaded(options["seed"]):
            self.stdout.write(f"Seed {options['seed']} is already loaded: nothing to do.")
            return
        started = time.monotonic()
        instrument = load.generate(
            provisions=options["provisions"],
            comments=options["comments"],
            organizations=options["organizations"],
            versions=options["versions"],
            seed=options["seed"],
            progress=lambda message: self.stdout.write(f"  {message}"),
        )
        self.stdout.write(f"Loaded {instrument.slug} in {time.monotonic() - started:.1f} s.")
