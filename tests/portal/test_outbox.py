"""The portal's outbox: every email is a row, sent once by whichever sender claims it, retried with
a growing delay when sending fails, written in its language with links from SITE_URL (or the
request's address), and erased once sent when it holds a secret link."""

import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from portal import outbox, services
from portal.models import MembershipStatus, OutgoingEmail, OutgoingEmailStatus
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

SMTP_DOWN = mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=ConnectionRefusedError("SMTP down"))


def queue(**fields):
    return outbox.email_queue(
        **{"to": "someone@example.org", "language": "en", "kind": "test", "subject": "Hello", "body": "Text", **fields}
    )


def test_a_queued_email_is_sent_once_then_never_again():
    queue()
    assert outbox.emails_send() == (1, 0)
    assert outbox.emails_send() == (0, 0)
    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts, email.claimed_by) == (OutgoingEmailStatus.SENT, 1, "")
    assert [(m.to, m.subject, m.body) for m in mail.outbox] == [(["someone@example.org"], "Hello", "Text")]


def test_a_failed_send_is_retried_later_with_a_growing_delay_then_abandoned():
    queue()
    now = timezone.now()
    with SMTP_DOWN:
        assert outbox.emails_send(now=now) == (0, 1)
        email = OutgoingEmail.objects.get()
        assert email.status == OutgoingEmailStatus.FAILED and email.last_error == "ConnectionRefusedError: SMTP down"
        assert email.next_attempt_at == now + timedelta(minutes=2)
        assert outbox.emails_send(now=now + timedelta(minutes=1)) == (0, 0)  # not due: not hammered
        for attempt in range(2, outbox.MAX_ATTEMPTS + 1):
            now = OutgoingEmail.objects.get().next_attempt_at
            assert outbox.emails_send(now=now) == (0, 1)
            assert OutgoingEmail.objects.get().next_attempt_at == now + timedelta(minutes=2**attempt)
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmailStatus.ABANDONED, outbox.MAX_ATTEMPTS)
    assert outbox.emails_send(now=now + timedelta(days=30)) == (0, 0)
    assert mail.outbox == []


def test_after_a_failure_the_next_try_sends_it():
    queue()
    with SMTP_DOWN:
        outbox.emails_send()
    assert outbox.emails_send(now=timezone.now() + timedelta(minutes=3)) == (1, 0)
    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts, len(mail.outbox)) == (OutgoingEmailStatus.SENT, 2, 1)


def test_of_two_senders_that_read_the_same_rows_each_email_is_sent_by_one():
    emails = [queue(to=f"person{i}@example.org") for i in range(3)]
    now = timezone.now()
    read_by_the_other_sender = list(OutgoingEmail.objects.all())
    assert outbox.emails_send(now=now) == (3, 0)
    assert not any(outbox._claim(email, now, "other-host:42") for email in read_by_the_other_sender)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(email.to for email in emails)


def test_a_claimed_email_is_left_to_its_sender_until_the_claim_expires():
    email = queue()
    now = timezone.now()
    assert outbox._claim(email, now, "dead-host:1")  # and then that process was killed
    email.refresh_from_db()
    assert email.claimed_by == "dead-host:1" and email.claimed_until == now + outbox.CLAIM_FOR
    assert outbox.emails_send(now=now + timedelta(minutes=1)) == (0, 0)
    assert outbox.emails_send(now=now + outbox.CLAIM_FOR + timedelta(seconds=1)) == (1, 0)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent writers: SQLite's in-memory test database locks a table instead of waiting",
)
def test_two_senders_running_at_once_send_every_email_exactly_once():
    for i in range(40):
        queue(to=f"person{i}@example.org")
    start = threading.Barrier(2)
    results = []

    def sender():
        try:
            start.wait()
            results.append(outbox.emails_send())
        finally:
            connection.close()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(sent for sent, _failed in results) == 40 and all(failed == 0 for _sent, failed in results)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"person{i}@example.org" for i in range(40))
    assert set(OutgoingEmail.objects.values_list("status", "attempts")) == {(OutgoingEmailStatus.SENT, 1)}


def test_an_email_with_a_secret_link_is_erased_once_sent():
    queue(body="Your link: https://x/reset/secret", sensitive=True)
    outbox.emails_send()
    email = OutgoingEmail.objects.get()
    assert email.status == OutgoingEmailStatus.SENT and (email.body, email.html, email.context) == ("", "", {})
    assert "secret" in mail.outbox[0].body


def test_send_now_tries_as_the_transaction_commits_and_the_sender_retries(django_capture_on_commit_callbacks):
    with SMTP_DOWN, django_capture_on_commit_callbacks(execute=True):
        queue(send_now=True)
    email = OutgoingEmail.objects.get()
    assert email.status == OutgoingEmailStatus.FAILED and email.attempts == 1
    with django_capture_on_commit_callbacks(execute=True):
        queue(to="other@example.org", send_now=True)
    assert [m.to for m in mail.outbox] == [["other@example.org"]]
    assert outbox.emails_send(now=timezone.now() + timedelta(minutes=3)) == (1, 0)


# --- Written when sent, in the recipient's language, with links from the site's address ----


@pytest.fixture
def pending_request(db):
    organization = OrganizationFactory(name_en="Solidarity NGO", name_ar="منظمة التضامن")
    return MembershipFactory(organization=organization, status=MembershipStatus.PENDING)


@pytest.mark.parametrize(
    ("decision", "language", "words"),
    [
        ("approve", "en", "You are accredited for Solidarity NGO"),
        ("refuse", "fr", "Votre demande de représenter Solidarity NGO n’a pas été approuvée"),
        ("approve", "ar", "منظمة التضامن"),
    ],
)
def test_an_accreditation_decision_is_told_in_the_persons_language(
    pending_request, secretariat, decision, language, words
):
    person = pending_request.user
    person.preferred_language = language
    person.save()
    services.membership_decide(
        membership=pending_request, by=secretariat, approve=decision == "approve", reason="Letter checked"
    )
    email = OutgoingEmail.objects.get(kind="accreditation")
    assert (email.to, email.recipient, email.language) == (person.email, person, language)
    assert outbox.emails_send() == (1, 0)
    message = mail.outbox[0]
    assert words in message.subject and "Letter checked" in message.body
    assert f"https://solidarity.example.org/{language}/me/" in message.body
    html, _mimetype = message.alternatives[0]
    assert ('dir="rtl"' in html) == (language == "ar")


def test_a_revocation_is_told_and_the_person_can_switch_these_emails_off(pending_request, secretariat, client):
    services.membership_decide(membership=pending_request, by=secretariat, approve=True)
    services.membership_revoke(membership=pending_request, by=secretariat, reason="No longer with the NGO")
    outbox.emails_send()
    assert [m.subject for m in mail.outbox] == [
        "You are accredited for Solidarity NGO",
        "Your accreditation for Solidarity NGO is revoked",
    ]
    assert "No longer with the NGO" in mail.outbox[1].body
    person = pending_request.user
    client.force_login(person)
    response = client.post("/en/me/", {"display_name": person.display_name, "preferred_language": "en"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.accreditation_emails is False  # the box left unticked
    other = MembershipFactory(user=person, organization=OrganizationFactory(), status=MembershipStatus.PENDING)
    services.membership_decide(membership=other, by=secretariat, approve=True)
    assert OutgoingEmail.objects.filter(kind="accreditation").count() == 2


def test_links_come_from_the_request_when_site_url_is_not_set(settings, secretariat, pending_request):
    settings.SITE_URL = ""
    client = Client(HTTP_HOST="localhost:8123")
    client.force_login(secretariat)
    response = client.post(
        f"/en/accreditation/requests/{pending_request.pk}/decide/", {"decision": "approve", "reason": ""}
    )
    assert response.status_code == 302
    assert OutgoingEmail.objects.get().site_url == "http://localhost:8123"
    assert outbox.emails_send() == (1, 0)
    assert "http://localhost:8123/en/me/" in mail.outbox[0].body


def test_without_site_url_nor_a_request_the_send_fails_visibly_and_is_retried(settings, secretariat, pending_request):
    settings.SITE_URL = ""
    services.membership_decide(membership=pending_request, by=secretariat, approve=True)  # the decision stands
    assert outbox.emails_send() == (0, 1)
    assert "SITE_URL is not set" in OutgoingEmail.objects.get().last_error
    settings.SITE_URL = "https://portal.example.org/"
    assert outbox.emails_send(now=timezone.now() + timedelta(minutes=3)) == (1, 0)
    assert "https://portal.example.org/en/me/" in mail.outbox[0].body


def test_the_sender_refuses_to_start_without_site_url(settings):
    settings.SITE_URL = ""
    with pytest.raises(Exception, match="SITE_URL is not set"):
        call_command("send_notifications")


# --- The secretariat's view -----------------------------------------------------------------


def test_the_secretariat_sees_the_outbox_and_sends_failed_emails_again(client, secretariat, drafter):
    queue(subject="A failing one")
    with SMTP_DOWN:
        outbox.emails_send()
    failed = OutgoingEmail.objects.get()
    client.force_login(secretariat)
    page = client.get("/en/admin/portal/outgoingemail/").content.decode()
    assert "A failing one" in page and "SMTP down" in page
    response = client.post(
        "/en/admin/portal/outgoingemail/", {"action": "resend", "_selected_action": [failed.pk]}, follow=True
    )
    assert "1 emails queued again" in response.content.decode()
    assert outbox.emails_send() == (1, 0)  # due at once, not at its next try
    client.force_login(drafter)
    assert client.get("/en/admin/portal/outgoingemail/").status_code == 403
    with pytest.raises(PermissionDenied, match="Only the secretariat"):
        outbox.emails_resend(emails=[failed], by=drafter)
    assert OutgoingEmail.objects.get().status == OutgoingEmailStatus.SENT
    assert UserFactory().has_perm("portal.resend_email") is False
