"""What every contribution (comment, written submission, questionnaire response) shares: who
may read it, and its moderation state."""

__all__ = ["Confidentiality", "ModerationState", "Moderated"]

from django.conf import settings
from django.db import models
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
