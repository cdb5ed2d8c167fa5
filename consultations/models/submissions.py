"""Written submissions with their documents, and questionnaire responses with their answers."""

__all__ = [
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

from portal.models import Organization

from .contributions import Confidentiality, Moderated, ModerationState, Tracked
from .rounds import Question, Questionnaire, Round


class Submission(Tracked, Moderated):
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("round"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("author")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name=_("organization"),
    )
    summary = models.TextField(_("summary"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    confidentiality = models.CharField(
        _("confidentiality"), max_length=12, choices=Confidentiality.choices, default=Confidentiality.PUBLIC
    )
    client_token = models.CharField(_("submission token"), max_length=64, blank=True, editable=False)
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
    submission = models.ForeignKey(
        Submission, on_delete=models.PROTECT, related_name="files", verbose_name=_("submission")
    )
    file = models.FileField(_("file"), upload_to=submission_file_path)
    original_name = models.CharField(_("original name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))

    class Meta:
        verbose_name = _("submitted file")
        verbose_name_plural = _("submitted files")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class QuestionnaireResponse(Tracked, models.Model):
    """One response per organization (or per expert) per questionnaire; saved as draft, then submitted."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="responses", verbose_name=_("questionnaire")
    )
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="responses", verbose_name=_("round"))
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responses",
        verbose_name=_("organization"),
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="responses", verbose_name=_("respondent")
    )
    status = models.CharField(_("status"), max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT)
    confidentiality = models.CharField(
        _("confidentiality"), max_length=12, choices=Confidentiality.choices, default=Confidentiality.PUBLIC
    )
    state = models.CharField(
        _("state"), max_length=10, choices=ModerationState.choices, default=ModerationState.PENDING
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

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
    response = models.ForeignKey(
        QuestionnaireResponse, on_delete=models.PROTECT, related_name="answers", verbose_name=_("response")
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question"))
    text = models.TextField(_("text"), blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")]

    def __str__(self):
        return f"#{self.response_id} / {self.question_id}"
