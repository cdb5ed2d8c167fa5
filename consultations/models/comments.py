"""Comments, proposed amendments, questions and replies; the organizations that co-sign them;
and the trace from a later provision to the amendments it incorporates."""

__all__ = [
    "MAX_REPLY_DEPTH",
    "CommentKind",
    "Position",
    "AmendmentOutcome",
    "Comment",
    "CoSignatureStatus",
    "CoSignature",
    "AmendmentIncorporation",
]

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from drafts.models import Provision, Version
from portal.models import Organization

from .contributions import Confidentiality, Moderated, ModerationState, Tracked
from .rounds import Round

MAX_REPLY_DEPTH = 3  # a reply to a reply to a reply, and no deeper


class CommentKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    AMENDMENT = "amendment", _("Proposed amendment")
    QUESTION = "question", _("Question")


class Position(models.TextChoices):
    SUPPORT = "support", _("Support")
    OPPOSE = "oppose", _("Oppose")
    NEUTRAL = "neutral", _("Neutral")


class AmendmentOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PARTLY = "partly", _("Partly accepted")
    NOT_RETAINED = "not_retained", _("Not retained")
    TAKEN_INTO_ACCOUNT = "taken_into_account", _("Taken into account")


class CommentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=ModerationState.PUBLISHED)

    def public(self):
        """What anyone may read: published, not secretariat-only (withdrawn ones stay, marked)."""
        return self.published().exclude(confidentiality=Confidentiality.SECRETARIAT)


class Comment(Tracked, Moderated):
    """A comment, proposed amendment or question: on a provision (an article's provision
    for the whole article), or general on the version when `provision` is empty."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="comments", verbose_name=_("round"))
    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="comments", verbose_name=_("version"))
    provision = models.ForeignKey(
        Provision, on_delete=models.PROTECT, null=True, blank=True, related_name="comments", verbose_name=_("provision")
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replies", verbose_name=_("parent")
    )
    depth = models.PositiveSmallIntegerField(_("depth"), default=0)
    kind = models.CharField(_("kind"), max_length=12, choices=CommentKind.choices, default=CommentKind.COMMENT)
    position = models.CharField(_("position"), max_length=8, choices=Position.choices, default=Position.NEUTRAL)
    text = models.TextField(_("text"))
    proposed_text = models.TextField(_("proposed text"), blank=True)
    language = models.CharField(_("language of writing"), max_length=10, choices=settings.LANGUAGES)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments", verbose_name=_("author")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="comments",
        help_text=_("Empty: an independent expert in their personal capacity."),
        verbose_name=_("organization"),
    )
    on_behalf_note = models.CharField(
        _("speaking on behalf of"),
        max_length=200,
        blank=True,
        help_text=_("For example “on behalf of the European Union and its member States”."),
    )
    confidentiality = models.CharField(
        _("confidentiality"), max_length=12, choices=Confidentiality.choices, default=Confidentiality.PUBLIC
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    edit_count = models.PositiveIntegerField(_("edits"), default=0)
    # Edited after publication: in a round that holds this author's contributions, the edit waits
    # here and the published text stays as it is until the secretariat decides; elsewhere the
    # edit is published at once and the comment is flagged for the secretariat to review.
    edited_after_publication_at = models.DateTimeField(_("edited after publication"), null=True, blank=True)
    # (Defaults in the database too: bulk loads write comments with COPY, naming their columns.)
    pending_text = models.TextField(_("edited text awaiting review"), blank=True, default="", db_default="")
    pending_proposed_text = models.TextField(
        _("edited proposed text awaiting review"), blank=True, default="", db_default=""
    )
    pending_position = models.CharField(
        _("edited position awaiting review"), max_length=8, blank=True, default="", db_default=""
    )
    outcome = models.CharField(_("drafter's decision"), max_length=20, choices=AmendmentOutcome.choices, blank=True)
    outcome_note = models.TextField(_("drafter's note"), blank=True)
    client_token = models.CharField(_("submission token"), max_length=64, blank=True, editable=False)
    campaign = models.ForeignKey(
        "consultations.Campaign",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("campaign"),
    )
    # Taken out of its campaign by a moderator: never grouped again.
    kept_apart = models.BooleanField(_("kept apart from campaigns"), default=False, db_default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        constraints = [
            # The same form posted twice stores one comment.
            models.UniqueConstraint(
                fields=["author", "client_token"], condition=~Q(client_token=""), name="one_comment_per_form"
            ),
        ]
        indexes = [
            models.Index(fields=["version", "provision", "state"]),
            models.Index(fields=["round", "state", "created_at"]),
            models.Index(fields=["author", "created_at"]),
            models.Index(fields=["organization", "created_at"]),
            models.Index(
                fields=["edited_after_publication_at"],
                condition=Q(edited_after_publication_at__isnull=False),
                name="comment_edits_to_review",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    @property
    def has_pending_edit(self):
        return bool(self.pending_text)

    @property
    def takes_replies(self):
        """A reply to it would still be within MAX_REPLY_DEPTH."""
        return self.depth < MAX_REPLY_DEPTH


class CoSignatureStatus(models.TextChoices):
    REQUESTED = "requested", _("Awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")


class CoSignature(models.Model):
    """Another organization joining a comment; shown as joint only once one of its members confirms."""

    comment = models.ForeignKey(
        Comment, on_delete=models.PROTECT, related_name="cosignatures", verbose_name=_("comment")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="cosignatures", verbose_name=_("organization")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CoSignatureStatus.choices, default=CoSignatureStatus.REQUESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("co-signature")
        verbose_name_plural = _("co-signatures")
        constraints = [
            models.UniqueConstraint(fields=["comment", "organization"], name="one_cosignature_per_organization")
        ]

    def __str__(self):
        return f"{self.organization} — #{self.comment_id}"


class AmendmentIncorporation(models.Model):
    """The trace from a provision of a later version to the amendments it incorporates."""

    provision = models.ForeignKey(
        Provision, on_delete=models.PROTECT, related_name="incorporations", verbose_name=_("provision")
    )
    amendment = models.ForeignKey(
        Comment, on_delete=models.PROTECT, related_name="incorporations", verbose_name=_("amendment")
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("linked by")
    )
    linked_at = models.DateTimeField(_("linked at"), default=timezone.now)

    class Meta:
        verbose_name = _("incorporated amendment")
        verbose_name_plural = _("incorporated amendments")
        constraints = [models.UniqueConstraint(fields=["provision", "amendment"], name="one_link_per_amendment")]

    def __str__(self):
        return f"#{self.amendment_id} → {self.provision}"
