"""Notifications: queued in the portal's outbox with their cause, written and sent outside
requests in the recipient's language, each kind can be switched off. (The outbox itself, its
retries and its senders: tests/portal/test_outbox.py.)"""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from consultations import services
from consultations.models import NotificationKind
from consultations.services import notifications
from drafts import services as text_services
from portal import outbox
from portal.models import OutgoingEmail
from tests.consultations.fixtures import make_round, post_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def premoderated(version):
    return make_round(version, premoderated_kinds=["member_state"])


def decided(premoderated, delegate, state_org, secretariat, language):
    delegate.preferred_language = language
    delegate.save()
    item = post_comment(premoderated, delegate, state_org, "x")
    OutgoingEmail.objects.filter(kind="receipt").delete()  # these tests send the decision, not the receipt
    services.moderation_decide(
        item=item, by=secretariat, action="reject", expected_state="pending", reason_text="Explanation"
    )
    return OutgoingEmail.objects.get(recipient=delegate, kind="decision")


@pytest.mark.parametrize(
    ("language", "words", "direction"),
    [("en", "was not published", "ltr"), ("ar", "لم تُنشر", "rtl"), ("fr", "n’a pas été publiée", "ltr")],
)
def test_decision_email_in_the_recipients_language_with_a_text_part(
    premoderated, delegate, state_org, secretariat, language, words, direction
):
    decided(premoderated, delegate, state_org, secretariat, language)
    assert outbox.emails_send() == (1, 0)
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
    first = post_comment(round, ngo_member, ngo, "First", cosigner_ids=[state_org.pk])
    reply = post_comment(round, delegate, state_org, "Reply", parent=first)
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
    OutgoingEmail.objects.all().delete()
    services.notifications_queue(recipients=[delegate], kind=kind, **context)
    assert outbox.emails_send() == (1, 0)
    message = mail.outbox[-1]
    assert message.to == [delegate.email] and message.subject and "\n" not in message.subject
    html, _mimetype = message.alternatives[0]
    assert ('dir="rtl"' in html) == (language == "ar")
    assert "{%" not in message.body and "{{" not in message.body
    assert "https://solidarity.example.org/" + language + "/" in message.body  # the link, in SITE_URL


def test_preferences_switch_a_kind_off(client, premoderated, delegate, state_org, secretariat):
    client.force_login(delegate)
    kinds = [kind for kind in NotificationKind.values if kind not in ("decision", "receipt")]
    assert client.post("/en/consultation/notifications/", {"kinds": kinds}).status_code == 302
    decided_item = post_comment(premoderated, delegate, state_org, "x")
    services.moderation_decide(item=decided_item, by=secretariat, action="publish", expected_state="pending")
    assert not OutgoingEmail.objects.filter(recipient=delegate).exists()
    assert client.post("/en/consultation/notifications/", {"kinds": ["nonsense"]}).status_code == 400


def test_reply_and_cosign_request_are_queued(round, delegate, state_org, ngo, ngo_member):
    first = post_comment(round, delegate, state_org, "First", cosigner_ids=[ngo.pk])
    assert OutgoingEmail.objects.filter(recipient=ngo_member, kind="cosign_request").exists()
    post_comment(round, ngo_member, ngo, "Reply", parent=first)
    assert OutgoingEmail.objects.filter(recipient=delegate, kind="reply").exists()


def test_new_version_and_deadlines_are_announced_once(round, delegate, state_org, drafter, ngo_member):
    post_comment(round, delegate, state_org, "On v1")
    later = text_services.version_copy(version=round.version, by=drafter, label="Revised")
    text_services.version_publish(version=later, by=drafter, untranslated_ok=True)
    assert notifications.notifications_announce_new_versions() == 1
    assert notifications.notifications_announce_new_versions() == 0
    assert OutgoingEmail.objects.filter(recipient=delegate, kind="new_version").count() == 1
    closing = make_round(
        round.version, opens_at=timezone.now() - timedelta(days=5), closes_at=timezone.now() + timedelta(hours=20)
    )
    assert (
        notifications.notifications_announce_round_deadlines() >= 2
    )  # the delegate and the NGO member are in the audience
    assert notifications.notifications_announce_round_deadlines() == 0
    assert OutgoingEmail.objects.filter(recipient=ngo_member, kind="round_closing", context__round=closing.pk).exists()


def test_send_notifications_command(premoderated, delegate, state_org, secretariat):
    from io import StringIO

    from django.core.management import call_command

    decided(premoderated, delegate, state_org, secretariat, "en")
    out = StringIO()
    call_command("send_notifications", stdout=out)
    assert "sent 1" in out.getvalue() and len(mail.outbox) == 1


def test_the_sending_loop_outlives_a_database_outage(premoderated, delegate, state_org, secretariat, caplog):
    from io import StringIO

    from django.core.management import call_command
    from django.db import OperationalError

    class Stop(Exception):
        pass

    decided(premoderated, delegate, state_org, secretariat, "en")
    real_send = outbox.emails_send
    turns = iter([OperationalError("the database is restarting"), None])

    def send_after_an_outage():
        failure = next(turns)
        if failure:
            raise failure
        return real_send()

    out = StringIO()
    sleeps = iter([None, Stop()])
    with (
        mock.patch.object(outbox, "emails_send", send_after_an_outage),
        mock.patch("portal.management.commands.send_notifications.connections.close_all"),
        mock.patch(
            "portal.management.commands.send_notifications.time.sleep",
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
