"""Who is told what about taking part: the causes (a decision, a reply, a request to co-sign, a
new version, a round opening or closing), each person's choices per kind, and the periodic
announcements. The emails themselves go through the portal's outbox (portal/outbox.py): queued in
the writing transaction, so a notification exists exactly when its cause does, and written in
the recipient's language when sent (`selectors.notification_email_context`)."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from drafts.models import Version, VersionStatus
from portal.models import Membership, MembershipStatus, User
from portal.outbox import email_queue

from ..models import Announcement, NotificationKind, NotificationPreference, Round


def notifications_queue(*, recipients, kind, **context) -> int:
    """Queue one email per recipient who has not opted out of `kind`; `context` holds the ids
    of what it is about (decision, comment, cosignature, version, round)."""
    recipients = {user.pk: user for user in recipients if user.is_active}
    if not recipients:
        return 0
    opted_out = set(
        NotificationPreference.objects.filter(user_id__in=recipients, kind=kind, enabled=False).values_list(
            "user_id", flat=True
        )
    )
    for pk, user in recipients.items():
        if pk not in opted_out:
            email_queue(
                to=user.email,
                recipient=user,
                language=user.preferred_language,
                kind=kind,
                template=f"consultations/email/{kind}",
                context=context,
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
