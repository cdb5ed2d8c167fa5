"""What every contribution (comment, written submission, questionnaire response) shares: who
may read it, its moderation state, and its tracking number."""

__all__ = ["Confidentiality", "ModerationState", "Moderated", "TrackingNumber", "Tracked", "tracking_number_normalize"]

import re

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Confidentiality(models.TextChoices):
    PUBLIC = "public", _("Public, with attribution")
    ANONYMOUS = "anonymous", _("Public, without naming the organization (kind and region only)")
    SECRETARIAT = "secretariat", _("Secretariat only")


class ModerationState(models.TextChoices):
    PENDING = "pending", _("Pending")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    HIDDEN = "hidden", _("Hidden")
    SPAM = "spam", _("Spam")


class Moderated(models.Model):
    """What moderation records on an item: its state, why, when, and who is reviewing it."""

    state = models.CharField(
        _("state"), max_length=10, choices=ModerationState.choices, default=ModerationState.PENDING
    )
    moderation_reason = models.TextField(_("moderation reason"), blank=True)
    moderated_at = models.DateTimeField(_("decided"), null=True, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("claimed by"),
    )
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)

    class Meta:
        abstract = True


TRACKING_PREFIX = "SOL"
_TRACKING_NUMBER = re.compile(rf"{TRACKING_PREFIX}-?(\d{{4}})-?0*(\d+)")


class TrackingNumber(models.Model):
    """One issued tracking number: `SOL-<year>-<sequence>`, the sequence shared by every kind of
    contribution, so that a number names exactly one comment, amendment, reply, written submission
    or questionnaire response. A row is never deleted, so a number is never issued twice."""

    issued_at = models.DateTimeField(_("issued"), default=timezone.now)

    class Meta:
        verbose_name = _("tracking number")
        verbose_name_plural = _("tracking numbers")

    def __str__(self):
        return self.number

    @property
    def number(self):
        return f"{TRACKING_PREFIX}-{timezone.localtime(self.issued_at).year}-{self.pk:06d}"


def tracking_number_normalize(text):
    """A number as typed ("sol 2026 123", "SOL-2026-000123") in its one written form, or ""."""
    match = _TRACKING_NUMBER.fullmatch(re.sub(r"[\s_]+", "-", (text or "").strip().upper()))
    return f"{TRACKING_PREFIX}-{match[1]}-{int(match[2]):06d}" if match else ""


class Tracked(models.Model):
    """A contribution's tracking number, issued when it is created, in the same transaction, and
    shown to its author at once and in the emailed receipt (services/tracking.py)."""

    # NULL, not "": unique, and rows written outside the services (bench/load.py) have none.
    tracking_number = models.CharField(  # noqa: DJ001
        _("tracking number"), max_length=24, unique=True, null=True, editable=False
    )

    class Meta:
        abstract = True
