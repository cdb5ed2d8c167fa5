"""The portal's outbox: every email it sends (invitations, accreditation decisions, the
consultation's notifications, allauth's address confirmations and password resets) is a row of
`OutgoingEmail`, queued in the same transaction as its cause and sent outside any request by
`manage.py send_notifications` (or at once, for what a person is waiting for). A failure is
recorded and tried again later, never lost; of several senders running at once, one sends each
email.

An email is queued either written (`subject`, `body`) or as a `template` and a JSON `context` of
ids, written when it is sent, in its language: the app that owns the template turns the ids into
what the template needs (its AppConfig's `email_context(data, *, site_url)`), so the portal never
imports the apps above it. Links start with `SITE_URL`, or, when it is not set (development),
with the address of the request that queued the email."""

import logging
import os
import socket
import threading
from contextvars import ContextVar
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutgoingEmail, OutgoingEmailStatus
from .permissions import require

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8  # then abandoned: retried after 2, 4, 8… minutes, about eight hours in all
CLAIM_FOR = timedelta(minutes=10)  # a sender that died holding an email gives it up after this

_request_address = ContextVar("request_address", default="")


class RequestAddressMiddleware:
    """Remembers the address a request came by (`https://host`), for links in the emails it queues."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_address.set(f"{request.scheme}://{request.get_host()}")
        try:
            return self.get_response(request)
        finally:
            _request_address.reset(token)


# --- Queueing -------------------------------------------------------------------------------


def email_queue(
    *,
    to: str,
    language: str,
    kind: str,
    template: str = "",
    context: dict | None = None,
    recipient=None,
    subject: str = "",
    body: str = "",
    html: str = "",
    sensitive: bool = False,
    send_now: bool = False,
) -> OutgoingEmail:
    """Put one email in the outbox. `template` (with `context`, JSON ids) is written when the email
    is sent; otherwise `subject` and `body` (and `html`) are sent as they are. `send_now` tries it
    as soon as the transaction commits (someone is waiting for it); the sender retries it if that
    fails. `sensitive`: it holds a secret link, erased once sent."""
    if bool(template) == bool(body):
        raise ValueError("An email has a template or a body, not both and not neither.")
    email = OutgoingEmail.objects.create(
        to=to,
        recipient=recipient,
        language=language if language in settings.LANGUAGE_CODES else settings.LANGUAGE_CODE,
        kind=kind,
        template=template,
        context=context or {},
        subject=" ".join(subject.split()),
        body=body,
        html=html,
        site_url=_request_address.get(),
        sensitive=sensitive,
    )
    if send_now:
        transaction.on_commit(lambda: emails_send(pks=[email.pk]), robust=True)
    return email


def emails_resend(*, emails, by) -> int:
    """The secretariat sends failed or abandoned emails again (once more, then as before)."""
    require(by, "portal.resend_email")
    return (
        OutgoingEmail.objects.filter(pk__in=[email.pk for email in emails])
        .exclude(status=OutgoingEmailStatus.SENT)
        .update(status=OutgoingEmailStatus.PENDING, next_attempt_at=timezone.now(), claimed_by="", claimed_until=None)
    )


# --- Writing --------------------------------------------------------------------------------


def _site_url(email) -> str:
    """Where the links of `email` point: SITE_URL, or the address its queueing request came by."""
    address = settings.SITE_URL or email.site_url
    if not address:
        raise ImproperlyConfigured("SITE_URL is not set: links in emails need the portal's public address.")
    return address.rstrip("/")


def email_render(email) -> tuple[str, str, str]:
    """(subject, text, html) of a queued email, written in its language."""
    if not email.template:
        return email.subject, email.body, email.html
    with translation.override(email.language):
        address = _site_url(email)
        app = apps.get_app_config(email.template.split("/", 1)[0])
        build = getattr(app, "email_context", None)
        context = {"recipient": email.recipient, "site_url": address}
        context |= build(email.context, site_url=address) if build else email.context
        # One line whatever names and titles hold (a line break would be a header injection).
        subject = " ".join(render_to_string(f"{email.template}_subject.txt", context).split())
        text = render_to_string(f"{email.template}.txt", context)
        html = render_to_string(
            "portal/email/base.html",
            {
                "body": text,
                "language": email.language,
                "direction": "rtl" if translation.get_language_bidi() else "ltr",
            },
        )
    return subject, text, html


# --- Sending --------------------------------------------------------------------------------


def _due(now):
    return OutgoingEmail.objects.filter(
        Q(claimed_until__isnull=True) | Q(claimed_until__lte=now),
        status__in=[OutgoingEmailStatus.PENDING, OutgoingEmailStatus.FAILED],
        next_attempt_at__lte=now,
    )


def _claim(email, now, sender) -> bool:
    """Take a due email for this sender: one conditional UPDATE, so that of two senders that read
    the same row only one sends it. A sender that dies after its claim holds it CLAIM_FOR."""
    return _due(now).filter(pk=email.pk).update(claimed_by=sender, claimed_until=now + CLAIM_FOR) == 1


def emails_send(*, pks=None, now=None, limit=500) -> tuple[int, int]:
    """Send the due emails (or those of `pks`, if due); record each failure with a growing
    delay. Returns (sent, failed)."""
    now = now or timezone.now()
    sender = f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"
    due = _due(now).select_related("recipient").order_by("next_attempt_at", "pk")
    if pks is not None:
        due = due.filter(pk__in=pks)
    sent = failed = 0
    connection = get_connection()
    try:
        for email in due[:limit]:
            if not _claim(email, now, sender):
                continue  # another sender has it
            if _send(email, connection, now):
                sent += 1
            else:
                failed += 1
    finally:
        connection.close()
    return sent, failed


def _send(email, connection, now) -> bool:
    try:
        subject, text, html = email_render(email)
        message = EmailMultiAlternatives(subject, text, to=[email.to], connection=connection)
        if html:
            message.attach_alternative(html, "text/html")
        connection.open()  # once per batch; again after a failure closed it
        message.send()
    except Exception as error:  # any failure (SMTP, DNS, a template, the settings) is recorded and retried
        connection.close()
        attempts = email.attempts + 1
        OutgoingEmail.objects.filter(pk=email.pk).update(
            attempts=attempts,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            status=OutgoingEmailStatus.ABANDONED if attempts >= MAX_ATTEMPTS else OutgoingEmailStatus.FAILED,
            next_attempt_at=now + timedelta(minutes=2**attempts),
            claimed_by="",
            claimed_until=None,
        )
        log.warning(
            "email %s (%s) not sent, attempt %s: %s: %s", email.pk, email.kind, attempts, type(error).__name__, error
        )
        return False
    erased = {"context": {}, "body": "", "html": ""} if email.sensitive else {}
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=OutgoingEmailStatus.SENT,
        sent_at=timezone.now(),
        attempts=email.attempts + 1,
        subject=subject,
        claimed_by="",
        claimed_until=None,
        **erased,
    )
    return True
