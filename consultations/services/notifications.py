"""Queueing and sending notifications. Queueing happens inside the writing transaction, so a
notification exists exactly when its cause does; sending happens later, outside any request
(`manage.py send_notifications`), and a failure is retried, never lost."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from drafts.models import Version, VersionStatus
from portal.models import Membership, MembershipStatus, User

from ..models import (
    Announcement,
    Comment,
    CoSignature,
    ModerationDecision,
    Notification,
    NotificationKind,
    NotificationPreference,
    NotificationStatus,
    Round,
)

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8


def notifications_queue(*, recipients, kind, **context) -> int:
    """Queue one notification per recipient who has not opted out of `kind`."""
    recipients = {user.pk: user for user in recipients if user.is_active}
    if not recipients:
        return 0
    opted_out = set(
        NotificationPreference.objects.filter(user_id__in=recipients, kind=kind, enabled=False).values_list(
            "user_id", flat=True
        )
    )
    Notification.objects.bulk_create(
        Notification(recipient=user, kind=kind, context=context)
        for pk, user in recipients.items()
        if pk not in opted_out
    )
    return len(recipients) - len(opted_out)


@transaction.atomic
def notification_preferences_set(*, user, enabled):
    """Keep the kinds in `enabled`, switch off the others."""
    unknown = set(enabled) - set(NotificationKind.values)
    if unknown:
        raise ValidationError(_("Unknown kind of notification."), code="kind")
    for kind in NotificationKind.values:
        NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"enabled": kind in enabled})


# --- Rendering ------------------------------------------------------------------------------


def _absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def _context(notification):
    """What the email templates need, looked up now (the item may have changed since)."""
    data = notification.context
    context = {**data, "recipient": notification.recipient}  # plain values (a tracking number) as they are
    if "decision" in data:
        decision = ModerationDecision.objects.select_related("reason", "comment__round", "submission__round").get(
            pk=data["decision"]
        )
        context["decision"] = decision
        item = decision.comment or decision.submission
        context["item"] = item
        context["url"] = _absolute(reverse("consultations:my_contributions"))
    if "comment" in data:
        reply = Comment.objects.select_related("round", "provision", "organization").get(pk=data["comment"])
        context["reply"] = reply
        context["url"] = _absolute(
            reverse(
                "consultations:provision_comments",
                args=[reply.round_id, reply.provision.key if reply.provision else "general"],
            )
        )
    if "cosignature" in data:
        cosignature = CoSignature.objects.select_related("comment__organization", "organization").get(
            pk=data["cosignature"]
        )
        context["cosignature"] = cosignature
        context["url"] = _absolute(reverse("consultations:my_contributions"))
    if "version" in data:
        version = Version.objects.select_related("instrument").get(pk=data["version"])
        context["version"] = version
        context["url"] = _absolute(reverse("drafts:version", args=[version.instrument.slug, version.number]))
    if "round" in data:
        round = Round.objects.get(pk=data["round"])
        context["round"] = round
        context["url"] = _absolute(reverse("consultations:round", args=[round.pk]))
    return context


def notification_render(notification):
    """(subject, text, html) in the recipient's preferred language."""
    with translation.override(notification.recipient.preferred_language or settings.LANGUAGE_CODE):
        context = _context(notification)
        context["direction"] = "rtl" if translation.get_language_bidi() else "ltr"
        context["language"] = translation.get_language()
        name = f"consultations/email/{notification.kind}"
        # One line whatever names and titles hold (a line break would be a header injection).
        subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
        text = render_to_string(f"{name}.txt", context)
        html = render_to_string("consultations/email/base.html", {**context, "body": text})
    return subject, text, html


# --- Sending --------------------------------------------------------------------------------


CLAIM_FOR = timedelta(minutes=10)


def _claim(notification, now):
    """Take a due notification for this sender: a conditional update on what was read, so that
    of two senders running at once only one sends it. If this sender dies after the claim, the
    notification is due again after CLAIM_FOR."""
    claimed = Notification.objects.filter(
        pk=notification.pk,
        status=notification.status,
        next_attempt_at=notification.next_attempt_at,
    ).update(next_attempt_at=now + CLAIM_FOR)
    return claimed == 1


def notifications_send_due(*, now=None, limit=500):
    """Send what is due; record failures with a growing delay. Returns (sent, failed)."""
    now = now or timezone.now()
    due = (
        Notification.objects.filter(
            status__in=[NotificationStatus.PENDING, NotificationStatus.FAILED], next_attempt_at__lte=now
        )
        .select_related("recipient")
        .order_by("next_attempt_at", "pk")[:limit]
    )
    sent = failed = 0
    for notification in due:
        if not _claim(notification, now):
            continue  # another sender has it
        try:
            subject, text, html = notification_render(notification)
            message = EmailMultiAlternatives(subject, text, to=[notification.recipient.email])
            message.attach_alternative(html, "text/html")
            message.send()
        except Exception as error:  # any failure (SMTP, DNS, a template) is recorded and retried
            notification.attempts += 1
            notification.last_error = f"{type(error).__name__}: {error}"[:2000]
            notification.status = (
                NotificationStatus.ABANDONED if notification.attempts >= MAX_ATTEMPTS else NotificationStatus.FAILED
            )
            notification.next_attempt_at = now + timedelta(minutes=2**notification.attempts)
            notification.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            log.warning(
                "notification %s not sent (attempt %s): %s",
                notification.pk,
                notification.attempts,
                notification.last_error,
            )
            failed += 1
        else:
            notification.status = NotificationStatus.SENT
            notification.sent_at = timezone.now()
            notification.attempts += 1
            notification.save(update_fields=["status", "sent_at", "attempts"])
            sent += 1
    return sent, failed


# --- Periodic announcements -----------------------------------------------------------------


@transaction.atomic
def _announce_once(key):
    _announcement, created = Announcement.objects.get_or_create(key=key)
    return created


def notifications_announce_new_versions():
    """Tell those who commented on a text, or follow it or one of its provisions, that a new
    version of it is published."""
    count = 0
    for version in Version.objects.filter(status=VersionStatus.PUBLISHED).select_related("instrument"):
        if Announcement.objects.filter(key=f"version:{version.pk}").exists():
            continue
        commenters = User.objects.filter(
            Q(comments__version__instrument_id=version.instrument_id, comments__version__number__lt=version.number)
            | Q(follows__instrument_id=version.instrument_id)
        ).distinct()
        with transaction.atomic():
            if _announce_once(f"version:{version.pk}"):
                count += notifications_queue(
                    recipients=list(commenters), kind=NotificationKind.NEW_VERSION, version=version.pk
                )
    return count


def notifications_announce_round_deadlines(*, now=None):
    """Rounds opening or closing within 48 hours: tell the accredited people of their audiences."""
    now = now or timezone.now()
    soon = now + timedelta(hours=48)
    count = 0
    for kind, field in ((NotificationKind.ROUND_OPENING, "opens_at"), (NotificationKind.ROUND_CLOSING, "closes_at")):
        for round in Round.objects.filter(**{f"{field}__gt": now, f"{field}__lte": soon}):
            key = f"{kind}:{round.pk}"
            if Announcement.objects.filter(key=key).exists():
                continue
            audience = Q(organization__kind__in=round.audience_kinds)
            if round.audience_experts:
                audience |= Q(organization__isnull=True)
            people = User.objects.filter(
                pk__in=Membership.objects.filter(audience, status=MembershipStatus.APPROVED).values("user_id")
            )
            with transaction.atomic():
                if _announce_once(key):
                    count += notifications_queue(recipients=list(people), kind=kind, round=round.pk)
    return count
