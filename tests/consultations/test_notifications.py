"""Notifications: queued with their cause, sent outside requests, in the recipient's language,
retried when sending fails, each kind can be switched off."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from consultations import services
from consultations.models import Notification, NotificationKind, NotificationStatus
from consultations.services import notifications
from drafts import services as text_services
from tests.consultations.conftest import make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def premoderated(version):
    return make_round(version, premoderated_kinds=["member_state"])


def decided(premoderated, delegate, state_org, secretariat, language):
    delegate.preferred_language = language
    delegate.save()
    item = services.comment_create(
        round=premoderated, author=delegate, capacity_key=str(state_org.pk), text="x", language="en"
    )
    Notification.objects.filter(kind="receipt").delete()  # these tests send the decision, not the receipt
    services.moderation_decide(
        item=item, by=secretariat, action="reject", expected_state="pending", reason_text="Explanation"
    )
    return Notification.objects.get(recipient=delegate, kind="decision")


@pytest.mark.parametrize(
    ("language", "words", "direction"),
    [("en", "was not published", "ltr"), ("ar", "لم تُنشر", "rtl"), ("fr", "n’a pas été publiée", "ltr")],
)
def test_decision_email_in_the_recipients_language_with_a_text_part(
    premoderated, delegate, state_org, secretariat, language, words, direction
):
    decided(premoderated, delegate, state_org, secretariat, language)
    assert notifications.notifications_send_due() == (1, 0)
    message = mail.outbox[0]
    assert words in message.subject or words in message.body
    assert "Explanation" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f'dir="{direction}"' in html


@pytest.mark.parametrize("kind", NotificationKind.values)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_kind_of_email_renders_in_arabic_and_english(
    round, delegate, state_org, ngo, ngo_member, secretariat, drafter, kind, language
):
    delegate.preferred_language = language
    delegate.save()
    first = services.comment_create(
        round=round,
        author=ngo_member,
        capacity_key=str(ngo.pk),
        text="First",
        language="en",
        cosigner_ids=[state_org.pk],
    )
    reply = services.comment_create(
        round=round, author=delegate, capacity_key=str(state_org.pk), parent=first, text="Reply", language="en"
    )
    decision = services.moderation_decide(
        item=reply, by=secretariat, action="hide", expected_state="published", reason_text="Hidden"
    )
    from consultations.models import CoSignature, ModerationDecision

    context = {
        "decision": {"decision": ModerationDecision.objects.get(comment=decision).pk},
        "reply": {"comment": reply.pk},
        "cosign_request": {"cosignature": CoSignature.objects.get().pk},
        "new_version": {"version": round.version.pk},
        "round_opening": {"round": round.pk},
        "round_closing": {"round": round.pk},
        "followed": {"comment": reply.pk},
        "receipt": {"round": round.pk, "tracking_number": reply.tracking_number, "what": "reply", "excerpt": "Reply"},
    }[kind]
    notification = Notification.objects.create(recipient=delegate, kind=kind, context=context)
    subject, text, html = notifications.notification_render(notification)
    assert subject and "\n" not in subject and text.strip()
    assert ('dir="rtl"' in html) == (language == "ar")
    assert "{%" not in text and "{{" not in text


def test_a_failing_smtp_send_is_retried_and_nothing_is_lost(premoderated, delegate, state_org, secretariat):
    decided(premoderated, delegate, state_org, secretariat, "en")
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=ConnectionRefusedError("SMTP down")):
        assert notifications.notifications_send_due() == (0, 1)
    notification = Notification.objects.get()
    assert notification.status == NotificationStatus.FAILED and "SMTP down" in notification.last_error
    assert notifications.notifications_send_due() == (0, 0)  # not due yet: retried later, not hammered
    assert notifications.notifications_send_due(now=timezone.now() + timedelta(minutes=5)) == (1, 0)
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT and notification.attempts == 2 and len(mail.outbox) == 1


def test_preferences_switch_a_kind_off(client, premoderated, delegate, state_org, secretariat):
    client.force_login(delegate)
    kinds = [kind for kind in NotificationKind.values if kind not in ("decision", "receipt")]
    assert client.post("/en/consultation/notifications/", {"kinds": kinds}).status_code == 302
    decided_item = services.comment_create(
        round=premoderated, author=delegate, capacity_key=str(state_org.pk), text="x", language="en"
    )
    services.moderation_decide(item=decided_item, by=secretariat, action="publish", expected_state="pending")
    assert not Notification.objects.filter(recipient=delegate).exists()
    assert client.post("/en/consultation/notifications/", {"kinds": ["nonsense"]}).status_code == 400


def test_reply_and_cosign_request_are_queued(round, delegate, state_org, ngo, ngo_member):
    first = services.comment_create(
        round=round, author=delegate, capacity_key=str(state_org.pk), text="First", language="en", cosigner_ids=[ngo.pk]
    )
    assert Notification.objects.filter(recipient=ngo_member, kind="cosign_request").exists()
    services.comment_create(
        round=round, author=ngo_member, capacity_key=str(ngo.pk), parent=first, text="Reply", language="en"
    )
    assert Notification.objects.filter(recipient=delegate, kind="reply").exists()


def test_new_version_and_deadlines_are_announced_once(round, delegate, state_org, drafter, ngo_member):
    services.comment_create(round=round, author=delegate, capacity_key=str(state_org.pk), text="On v1", language="en")
    later = text_services.version_copy(version=round.version, by=drafter, label="Revised")
    text_services.version_publish(version=later, by=drafter)
    assert notifications.notifications_announce_new_versions() == 1
    assert notifications.notifications_announce_new_versions() == 0
    assert Notification.objects.filter(recipient=delegate, kind="new_version").count() == 1
    closing = make_round(
        round.version, opens_at=timezone.now() - timedelta(days=5), closes_at=timezone.now() + timedelta(hours=20)
    )
    assert (
        notifications.notifications_announce_round_deadlines() >= 2
    )  # the delegate and the NGO member are in the audience
    assert notifications.notifications_announce_round_deadlines() == 0
    assert Notification.objects.filter(recipient=ngo_member, kind="round_closing", context__round=closing.pk).exists()


def test_send_notifications_command(premoderated, delegate, state_org, secretariat):
    from io import StringIO

    from django.core.management import call_command

    decided(premoderated, delegate, state_org, secretariat, "en")
    out = StringIO()
    call_command("send_notifications", stdout=out)
    assert "sent 1" in out.getvalue() and len(mail.outbox) == 1


def test_two_senders_at_once_send_each_notification_once(premoderated, delegate, state_org, secretariat):
    notification = decided(premoderated, delegate, state_org, secretariat, "en")
    read_by_the_other_sender = Notification.objects.get(pk=notification.pk)
    assert notifications.notifications_send_due() == (1, 0)
    # The other sender read the same row before this one sent it: its claim fails, nothing is sent twice.
    assert not notifications._claim(read_by_the_other_sender, timezone.now())
    assert len(mail.outbox) == 1


def test_a_sender_that_died_after_its_claim_leaves_the_notification_to_the_next_turn(
    premoderated, delegate, state_org, secretariat
):
    notification = decided(premoderated, delegate, state_org, secretariat, "en")
    assert notifications._claim(notification, timezone.now())  # and then the process was killed
    assert notifications.notifications_send_due() == (0, 0)
    assert notifications.notifications_send_due(
        now=timezone.now() + notifications.CLAIM_FOR + timedelta(seconds=1)
    ) == (1, 0)


def test_the_sending_loop_outlives_a_database_outage(premoderated, delegate, state_org, secretariat, caplog):
    from io import StringIO

    from django.core.management import call_command
    from django.db import OperationalError

    class Stop(Exception):
        pass

    decided(premoderated, delegate, state_org, secretariat, "en")
    real_send_due = notifications.notifications_send_due
    turns = iter([OperationalError("the database is restarting"), None])

    def send_due_after_an_outage():
        failure = next(turns)
        if failure:
            raise failure
        return real_send_due()

    out = StringIO()
    sleeps = iter([None, Stop()])
    with (
        mock.patch.object(notifications, "notifications_send_due", send_due_after_an_outage),
        mock.patch("consultations.management.commands.send_notifications.connections.close_all"),
        mock.patch(
            "consultations.management.commands.send_notifications.time.sleep",
            side_effect=lambda seconds: _raise(next(sleeps)),
        ),
        pytest.raises(Stop),
    ):
        call_command("send_notifications", "--loop", "5", stdout=out)
    assert "database unavailable" in caplog.text
    assert "sent 1" in out.getvalue() and len(mail.outbox) == 1


def _raise(value):
    if value is not None:
        raise value
