"""Moderation: reasons, decisions (a log that is never edited) and reports by readers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.translated import TranslatedFieldsMixin

from .contributions import ModerationState

__all__ = ["ModerationReason", "ModerationAction", "ModerationDecision", "FlagKind", "Flag"]

MAX_REASON_LENGTH = 1000


class ModerationReason(TranslatedFieldsMixin, models.Model):
    """A reason from the secretariat's list, shown to authors in their language."""

    label = models.CharField(_("reason"), max_length=200)
    active = models.BooleanField(_("offered"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("moderation reason")
        verbose_name_plural = _("moderation reasons")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label


class ModerationAction(models.TextChoices):
    PUBLISH = "publish", _("Publish")
    REJECT = "reject", _("Reject")
    HIDE = "hide", _("Hide")
    SPAM = "spam", _("Mark as spam")
    AUTO_HIDE = "auto_hide", _("Hidden after reports")
    EDITED = "edited", _("Edited after publication")
    KEEP = "keep", _("Keep published")
    KEEP_EDIT = "keep_edit", _("Publish the edit")
    DROP_EDIT = "drop_edit", _("Refuse the edit")
    UNGROUP = "ungroup", _("Taken out of its campaign")


class ModerationDecision(models.Model):
    """One decision on one item: who, when, what, why. The moderation log."""

    comment = models.ForeignKey(
        "consultations.Comment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("comment"),
    )
    submission = models.ForeignKey(
        "consultations.Submission",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("submission"),
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderator"),
    )
    action = models.CharField(_("action"), max_length=10, choices=ModerationAction.choices)
    from_state = models.CharField(_("from state"), max_length=10)
    to_state = models.CharField(_("to state"), max_length=10)
    reason = models.ForeignKey(
        ModerationReason, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("reason")
    )
    reason_text = models.TextField(_("explanation"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation log")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(comment__isnull=False, submission__isnull=True)
                | Q(comment__isnull=True, submission__isnull=False),
                name="decision_on_one_item",
            )
        ]

    def __str__(self):
        return f"{self.get_action_display()} #{self.comment_id or self.submission_id}"

    @property
    def to_state_label(self):
        return ModerationState(self.to_state).label


class FlagKind(models.TextChoices):
    ABUSE = "abuse", _("Inappropriate content")
    FALSE_ATTRIBUTION = "false_attribution", _("Falsely attributed to me or my organization")


class Flag(models.Model):
    """A reader's report on a published comment. One per person and comment."""

    comment = models.ForeignKey(
        "consultations.Comment", on_delete=models.PROTECT, related_name="flags", verbose_name=_("comment")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("reporter")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=FlagKind.choices, default=FlagKind.ABUSE)
    reason = models.TextField(_("reason"), max_length=MAX_REASON_LENGTH)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"], name="one_flag_per_person")]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.comment_id}"
