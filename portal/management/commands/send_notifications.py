import logging
import time

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connections

from portal import outbox

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Queue the periodic emails of each app (the consultation's announcements of new versions and "
        "of rounds opening or closing within 48 hours), then send every email of the outbox that is "
        "due. Run it every minute (cron, a systemd timer), or keep it running with --loop SECONDS. "
        "Several may run at once: each email is claimed by one sender before it is sent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=int, metavar="SECONDS", help="repeat every SECONDS until stopped")

    def handle(self, *args, **options):
        if not settings.SITE_URL:
            raise CommandError("SITE_URL is not set: the links in emails need the portal's public address.")
        while True:
            try:
                queued = sum(
                    app.queue_due_emails() for app in apps.get_app_configs() if hasattr(app, "queue_due_emails")
                )
                sent, failed = outbox.emails_send()
            except DatabaseError as error:
                if not options["loop"]:
                    raise
                # The database is away (a restart, a failover): try again at the next turn.
                log.warning("send_notifications: database unavailable (%s); retrying in %s s", error, options["loop"])
                connections.close_all()
            else:
                if not options["loop"] or queued or sent or failed:
                    self.stdout.write(f"queued {queued}, sent {sent}, failed {failed} (will be retried)")
            if not options["loop"]:
                return
            time.sleep(max(1, options["loop"]))
