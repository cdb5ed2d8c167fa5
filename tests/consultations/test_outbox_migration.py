"""The notifications queued before the outbox moved to the portal move with it: what was sent
stays sent, what waited or failed is sent once, with its attempts and last error."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.consultations.fixtures import post_comment
from tests.migrations import latest, migrate

BEFORE = [("consultations", "0005_comment_counts"), ("portal", "0003_state_constraint_ignores_blank_country")]


@pytest.mark.django_db(transaction=True)
def test_queued_notifications_survive_the_move_and_are_sent_once(round, delegate, state_org, secretariat):
    from consultations import services

    item = post_comment(round, delegate, state_org, "Before the move")
    decision = services.moderation_decide(
        item=item, by=secretariat, action="hide", expected_state="published", reason_text="Off topic"
    ).decisions.get()
    old = migrate(BEFORE)
    try:
        Notification = old.get_model("consultations", "Notification")
        Notification.objects.all().delete()
        now = timezone.now()
        rows = {
            "pending": Notification.objects.create(
                recipient_id=delegate.pk, kind="decision", context={"decision": decision.pk}
            ),
            "failed": Notification.objects.create(
                recipient_id=delegate.pk,
                kind="decision",
                context={"decision": decision.pk},
                status="failed",
                attempts=2,
                last_error="SMTPServerDisconnected: gone",
                next_attempt_at=now - timedelta(minutes=1),
            ),
            "sent": Notification.objects.create(
                recipient_id=delegate.pk, kind="decision", context={"decision": decision.pk}, status="sent", sent_at=now
            ),
        }
    finally:
        migrate(latest())  # through consultations 0006, which moves the rows

    from portal import outbox
    from portal.models import OutgoingEmail

    moved = {email.created_at: email for email in OutgoingEmail.objects.all()}
    assert len(moved) == 3
    for state, notification in rows.items():
        email = moved[notification.created_at]
        assert (email.status, email.attempts, email.last_error, email.to, email.recipient_id) == (
            notification.status,
            notification.attempts,
            notification.last_error,
            delegate.email,
            delegate.pk,
        ), state
        assert (email.template, email.context) == ("consultations/email/decision", {"decision": decision.pk})
    assert outbox.emails_send() == (2, 0)
    assert outbox.emails_send(now=timezone.now() + timedelta(days=1)) == (0, 0)
    assert len(mail.outbox) == 2 and all("Off topic" in message.body for message in mail.outbox)
