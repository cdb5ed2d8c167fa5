import time

from django.core.management.base import BaseCommand

from consultations import notify


class Command(BaseCommand):
    help = (
        "Queue the periodic announcements (new versions, rounds opening or closing within 48 hours) "
        "and send the notifications that are due. Run it every minute (cron, a systemd timer), "
        "or keep it running with --loop SECONDS."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=int, metavar="SECONDS", help="repeat every SECONDS until stopped")

    def handle(self, *args, **options):
        while True:
            queued = notify.announce_new_versions() + notify.announce_round_deadlines()
            sent, failed = notify.send_due()
            self.stdout.write(f"queued {queued}, sent {sent}, failed {failed} (will be retried)")
            if not options["loop"]:
                return
            time.sleep(max(1, options["loop"]))
