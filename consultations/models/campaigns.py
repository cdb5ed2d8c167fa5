"""Campaigns: comments with the same or nearly the same text, sent by many accounts, grouped
so that the secretariat reads and answers them once (consultations/similarity.py finds them)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .rounds import Round

__all__ = ["Campaign", "CommentPrint", "CommentBand"]


class Campaign(models.Model):
    """A group of comments on one provision (or general) of a round with alike texts. Its
    `revision` grows whenever a member joins or leaves, so that a decision taken on what a
    moderator saw is refused once the group has changed."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("round"))
    representative = models.ForeignKey(
        "consultations.Comment", on_delete=models.PROTECT, related_name="+", verbose_name=_("representative text")
    )
    size = models.PositiveIntegerField(_("members"), default=0)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    first_at = models.DateTimeField(_("first arrival"), default=timezone.now)
    last_at = models.DateTimeField(_("last arrival"), default=timezone.now)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-size", "pk"]

    def __str__(self):
        return _("Campaign %(number)s") % {"number": self.pk}


class CommentPrint(models.Model):
    """What is kept of a comment's text to find its likes (similarity.Print)."""

    comment = models.OneToOneField(
        "consultations.Comment",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="print",
        verbose_name=_("comment"),
    )
    length = models.PositiveIntegerField(_("words"))
    exact = models.BigIntegerField(_("normalised text key"))
    signature = models.BinaryField(_("signature"))

    class Meta:
        verbose_name = _("comment print")
        verbose_name_plural = _("comment prints")

    def __str__(self):
        return f"#{self.comment_id}"


class CommentBand(models.Model):
    """One band key of a comment a newcomer may join (one standing alone, or a campaign's
    representative): comments of a round sharing one are compared. An index derived from the
    prints, 32 rows a comment: written in bulk without a foreign-key check per row (Django still
    deletes them with their comment), and never read without joining the comment."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="+", verbose_name=_("round"), db_constraint=False, db_index=False
    )
    comment = models.ForeignKey(
        "consultations.Comment",
        on_delete=models.CASCADE,
        related_name="bands",
        verbose_name=_("comment"),
        db_constraint=False,
    )
    key = models.BigIntegerField(_("band key"))

    class Meta:
        verbose_name = _("band key")
        verbose_name_plural = _("band keys")
        indexes = [models.Index(fields=["round", "key"])]

    def __str__(self):
        return f"#{self.comment_id}: {self.key}"
