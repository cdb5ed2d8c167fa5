"""Taking part: phases and activities, rounds, comments and amendments, co-signatures,
written submissions and questionnaires."""

__all__ = [
    "Phase",
    "ActivityKind",
    "Activity",
    "ActivityDocument",
    "Questionnaire",
    "Question",
    "RoundState",
    "Round",
    "Confidentiality",
    "ModerationState",
    "CommentKind",
    "Position",
    "AmendmentOutcome",
    "Comment",
    "CoSignatureStatus",
    "CoSignature",
    "AmendmentIncorporation",
    "Submission",
    "SubmissionFile",
    "ResponseStatus",
    "QuestionnaireResponse",
    "Answer",
    "submission_file_path",
]

import secrets
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from drafts.models import Instrument, Provision, Version
from portal.models import Organization
from portal.translated import TranslatedFieldsMixin

# --- Phases and activities ------------------------------------------------------------------


class Phase(TranslatedFieldsMixin, models.Model):
    """A phase of the Independent Expert's plan (A/68/176, §13)."""

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="phases")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["instrument", "number"]
        constraints = [models.UniqueConstraint(fields=["instrument", "number"], name="one_phase_number")]

    def __str__(self):
        return f"{self.number}. {self.name}"


class ActivityKind(models.TextChoices):
    QUESTIONNAIRE = "questionnaire", _("Questionnaire")
    DELEGATIONS = "delegations", _("Consultations with delegations")
    REGIONAL = "regional", _("Regional consultation")
    WORKSHOP = "workshop", _("Expert workshop")
    COUNTRY_VISIT = "country_visit", _("Country visit")
    ONLINE = "online", _("Online discussion")
    PRELIMINARY_TEXT = "preliminary_text", _("Circulation of a preliminary text")


class Activity(TranslatedFieldsMixin, models.Model):
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="activities")
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    regional_group = models.CharField(_("UN regional group"), max_length=20, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["phase", "starts_on", "pk"]

    def __str__(self):
        return self.title


class ActivityDocument(TranslatedFieldsMixin, models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    symbol = models.CharField(_("document symbol"), max_length=60, blank=True)
    url = models.URLField(_("link"), blank=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.symbol or self.title


# --- Questionnaires -------------------------------------------------------------------------


class Questionnaire(TranslatedFieldsMixin, models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="questionnaires")
    title = models.CharField(_("title"), max_length=300)
    introduction = models.TextField(_("introduction"), blank=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self):
        return self.title


class Question(TranslatedFieldsMixin, models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"))
    label = models.CharField(_("label"), max_length=10)
    text = models.TextField(_("question"))

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["questionnaire", "position"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "position"], name="one_question_position")]

    def __str__(self):
        return f"{self.label} {self.text[:60]}"


# --- Rounds ---------------------------------------------------------------------------------


class RoundState(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Round(TranslatedFieldsMixin, models.Model):
    """A window in which chosen audiences give input on a published version or a questionnaire."""

    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, null=True, blank=True, related_name="rounds")
    version = models.ForeignKey(Version, on_delete=models.PROTECT, null=True, blank=True, related_name="rounds")
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, null=True, blank=True, related_name="rounds"
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    # Audiences: organization kinds (OrganizationKind values) and/or independent experts.
    audience_kinds = models.JSONField(_("organization kinds invited"), default=list, blank=True)
    audience_experts = models.BooleanField(_("independent experts invited"), default=False)
    allows_paragraph_comments = models.BooleanField(_("comments on provisions"), default=True)
    allows_amendments = models.BooleanField(_("proposed amendments"), default=True)
    allows_general_comments = models.BooleanField(_("general comments"), default=True)
    allows_submissions = models.BooleanField(_("written submissions"), default=True)
    # Moderation policy per audience: contributions from these are held for review first;
    # everyone else's are published at once and moderated afterwards.
    premoderated_kinds = models.JSONField(_("pre-moderated organization kinds"), default=list, blank=True)
    premoderate_experts = models.BooleanField(_("pre-moderate independent experts"), default=False)

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__lt=models.F("closes_at")), name="round_opens_before_it_closes"
            ),
            models.CheckConstraint(
                condition=Q(version__isnull=False) | Q(questionnaire__isnull=False), name="round_has_a_subject"
            ),
        ]
        indexes = [models.Index(fields=["opens_at", "closes_at"])]

    def __str__(self):
        return self.title

    def state_at(self, moment):
        if moment < self.opens_at:
            return RoundState.UPCOMING
        if moment < self.closes_at:
            return RoundState.OPEN
        return RoundState.CLOSED

    @property
    def state(self):
        return self.state_at(timezone.now())

    @property
    def state_label(self):
        return RoundState(self.state).label

    def invites(self, organization_kind=None, expert=False):
        return self.audience_experts if expert else organization_kind in self.audience_kinds

    def premoderates(self, organization_kind=None, expert=False):
        return self.premoderate_experts if expert else organization_kind in self.premoderated_kinds


# --- Contributions --------------------------------------------------------------------------


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


class Moderated(models.Model):
    """What moderation records on an item: its state, why, when, and who is reviewing it."""

    state = models.CharField(
        _("state"), max_length=10, choices=ModerationState.choices, default=ModerationState.PENDING
    )
    moderation_reason = models.TextField(_("moderation reason"), blank=True)
    moderated_at = models.DateTimeField(_("decided"), null=True, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class CommentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=ModerationState.PUBLISHED)

    def public(self):
        """What anyone may read: published, not secretariat-only (withdrawn ones stay, marked)."""
        return self.published().exclude(confidentiality=Confidentiality.SECRETARIAT)


class Comment(Moderated):
    """A comment, proposed amendment or question: on a provision (an article's provision
    for the whole article), or general on the version when `provision` is empty."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="comments")
    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="comments")
    provision = models.ForeignKey(Provision, on_delete=models.PROTECT, null=True, blank=True, related_name="comments")
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="replies")
    depth = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=12, choices=CommentKind.choices, default=CommentKind.COMMENT)
    position = models.CharField(_("position"), max_length=8, choices=Position.choices, default=Position.NEUTRAL)
    text = models.TextField(_("text"))
    proposed_text = models.TextField(_("proposed text"), blank=True)
    language = models.CharField(_("language of writing"), max_length=10, choices=settings.LANGUAGES)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments")
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="comments",
        help_text=_("Empty: an independent expert in their personal capacity."),
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
    outcome = models.CharField(_("drafter's decision"), max_length=20, choices=AmendmentOutcome.choices, blank=True)
    outcome_note = models.TextField(_("drafter's note"), blank=True)
    client_token = models.CharField(max_length=64, blank=True, editable=False)
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
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None


class CoSignatureStatus(models.TextChoices):
    REQUESTED = "requested", _("Awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")


class CoSignature(models.Model):
    """Another organization joining a comment; shown as joint only once one of its members confirms."""

    comment = models.ForeignKey(Comment, on_delete=models.PROTECT, related_name="cosignatures")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="cosignatures")
    status = models.CharField(max_length=10, choices=CoSignatureStatus.choices, default=CoSignatureStatus.REQUESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

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

    provision = models.ForeignKey(Provision, on_delete=models.PROTECT, related_name="incorporations")
    amendment = models.ForeignKey(Comment, on_delete=models.PROTECT, related_name="incorporations")
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    linked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provision", "amendment"], name="one_link_per_amendment")]

    def __str__(self):
        return f"#{self.amendment_id} → {self.provision}"


# --- Written submissions ----------------------------------------------------------------------


class Submission(Moderated):
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="submissions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="submissions")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="submissions"
    )
    summary = models.TextField(_("summary"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    confidentiality = models.CharField(
        _("confidentiality"), max_length=12, choices=Confidentiality.choices, default=Confidentiality.PUBLIC
    )
    client_token = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("written submission")
        verbose_name_plural = _("written submissions")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "client_token"], condition=~Q(client_token=""), name="one_submission_per_form"
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {self.organization or self.author}"


def submission_file_path(document, filename):
    # Stored under a random name with the extension found in the content; the sanitized
    # original name is kept apart for display and download.
    return f"submissions/{document.submission.round_id}/{secrets.token_hex(12)}{Path(filename).suffix.lower()}"


class SubmissionFile(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="files")
    file = models.FileField(upload_to=submission_file_path)
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.original_name


# --- Questionnaire responses ------------------------------------------------------------------


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class QuestionnaireResponse(models.Model):
    """One response per organization (or per expert) per questionnaire; saved as draft, then submitted."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="responses")
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="responses")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="responses"
    )
    respondent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="responses")
    status = models.CharField(max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT)
    confidentiality = models.CharField(
        _("confidentiality"), max_length=12, choices=Confidentiality.choices, default=Confidentiality.PUBLIC
    )
    state = models.CharField(
        _("state"), max_length=10, choices=ModerationState.choices, default=ModerationState.PENDING
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("questionnaire response")
        verbose_name_plural = _("questionnaire responses")
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "organization"], name="one_response_per_organization"),
            models.UniqueConstraint(
                fields=["questionnaire", "respondent"], condition=Q(organization=None), name="one_response_per_expert"
            ),
        ]

    def __str__(self):
        return f"{self.questionnaire} — {self.organization or self.respondent}"


class Answer(models.Model):
    response = models.ForeignKey(QuestionnaireResponse, on_delete=models.PROTECT, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(blank=True)
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")]

    def __str__(self):
        return f"#{self.response_id} / {self.question_id}"
