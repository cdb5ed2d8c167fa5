import logging
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, connections

from consultations.services import notifications

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Queue the periodic announcements (new versions, rounds opening or closing within 48 hours) "
        "and send the notifications that are due. Run it every minute (cron, a systemd timer), "
        "or keep it running with --loop SECONDS. Several may run at once: each notification is "
        "claimed by one sender before it is sent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=int, metavar="SECONDS", help="repeat every SECONDS until stopped")

    def handle(self, *args, **options):
        while True:
            try:
                queued = (
                    notifications.notifications_announce_new_versions()
                    + notifications.notifications_announce_round_deadlines()
                )
                sent, failed = notifications.notifications_send_due()
            except DatabaseError as error:
                if not options["loop"]:
                    raise
                # The database is away (a restart, a failover): try again at the next turn.
                log.warning("send_notifications: database unavailable (%s); retrying in %s s", error, options["loop"])
                connections.close_all()
            else:
                self.stdout.write(f"queued {queued}, sent {sent}, failed {failed} (will be retried)")
            if not options["loop"]:
                return
            time.sleep(max(1, options["loop"]))
