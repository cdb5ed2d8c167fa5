"""Notifications by email: queued in the database, sent outside the request, retried on failure."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["NotificationKind", "NotificationStatus", "Notification", "NotificationPreference", "Announcement"]


class NotificationKind(models.TextChoices):
    DECISION = "decision", _("A decision on my contribution")
    REPLY = "reply", _("A reply to my comment")
    COSIGN_REQUEST = "cosign_request", _("A request to co-sign for my organization")
    NEW_VERSION = "new_version", _("A new version of a text I commented on or follow")
    FOLLOWED = "followed", _("A new comment or reply on a provision I follow")
    RECEIPT = "receipt", _("A receipt, with its tracking number, for each contribution I send")
    ROUND_OPENING = "round_opening", _("A round opening within 48 hours")
    ROUND_CLOSING = "round_closing", _("A round closing within 48 hours")


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, will be retried")
    ABANDONED = "abandoned", _("Failed too often")


class Notification(models.Model):
    """What to tell whom. Rendered at sending time, in the recipient's language of that moment."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    context = models.JSONField(default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=NotificationStatus.choices, default=NotificationStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient}"


class NotificationPreference(models.Model):
    """Opting out of a kind of notification; every kind is on by default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    enabled = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")]

    def __str__(self):
        return f"{self.get_kind_display()}: {'on' if self.enabled else 'off'}"


class Announcement(models.Model):
    """Marks a version or round event as announced, so the periodic sender announces it once."""

    key = models.CharField(max_length=100, unique=True)  # "version:12", "round-closing:3"
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.key
