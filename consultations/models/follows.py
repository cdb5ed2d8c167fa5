"""Following a text, or one provision of it across its versions (by its stable key)."""

__all__ = ["Follow"]

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from drafts.models import Instrument


class Follow(models.Model):
    """A person following a text (`key` empty: told of its new versions) or one of its provisions
    (`key`: told of new comments and replies on it, in every version, and of new versions)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows", verbose_name=_("person")
    )
    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="followers", verbose_name=_("instrument")
    )
    key = models.CharField(_("provision key"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [models.UniqueConstraint(fields=["user", "instrument", "key"], name="one_follow_per_subject")]
        indexes = [models.Index(fields=["instrument", "key"])]

    def __str__(self):
        return f"{self.user} → {self.instrument}{' / ' + self.key if self.key else ''}"
