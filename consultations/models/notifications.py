"""Notifications by email: the kinds a person can switch off, their choices, and the marks that
make a periodic announcement go out once. The emails are in the portal's outbox (portal/outbox.py)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["NotificationKind", "NotificationPreference", "Announcement"]


class NotificationKind(models.TextChoices):
    DECISION = "decision", _("A decision on my contribution")
    REPLY = "reply", _("A reply to my comment")
    COSIGN_REQUEST = "cosign_request", _("A request to co-sign for my organization")
    NEW_VERSION = "new_version", _("A new version of a text I commented on or follow")
    FOLLOWED = "followed", _("A new comment or reply on a provision I follow")
    RECEIPT = "receipt", _("A receipt, with its tracking number, for each contribution I send")
    ROUND_OPENING = "round_opening", _("A round opening within 48 hours")
    ROUND_CLOSING = "round_closing", _("A round closing within 48 hours")


class NotificationPreference(models.Model):
    """Opting out of a kind of notification; every kind is on by default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    enabled = models.BooleanField(_("enabled"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")]

    def __str__(self):
        return f"{self.get_kind_display()}: {'on' if self.enabled else 'off'}"


class Announcement(models.Model):
    """Marks a version or round event as announced, so the periodic sender announces it once."""

    key = models.CharField(_("key"), max_length=100, unique=True)  # "version:12", "round-closing:3"
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self):
        return self.key
