"""Written submissions: a summary and documents, each checked by its content before anything is
stored."""

import re
import unicodedata

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.permissions import require
from portal.text_checks import clean_text
from portal.uploads import check_document

from ..capacities import capacity_for
from ..models import Confidentiality, Submission, SubmissionFile
from ..text_checks import MAX_SUMMARY_LENGTH
from .checks import check_form_token, choice, initial_state, revision
from .tracking import receipt_queue, tracking_number_issue

MAX_FILES_PER_SUBMISSION = 20


@transaction.atomic
def submission_create(
    *, round, author, capacity_key, summary, language, files, confidentiality=Confidentiality.PUBLIC, client_token=""
) -> Submission:
    check_form_token(client_token)
    if client_token:
        existing = Submission.objects.filter(author=author, client_token=client_token).first()
        if existing:
            return existing
    require(author, "consultations.submit", round)
    capacity = capacity_for(author, capacity_key, round)
    summary = clean_text(summary, field_name="summary", max_length=MAX_SUMMARY_LENGTH)
    choice(confidentiality, Confidentiality, "confidentiality")
    if not files:
        raise ValidationError({"files": _("Attach at least one document.")}, code="no_files")
    if len(files) > MAX_FILES_PER_SUBMISSION:
        raise ValidationError(
            {"files": _("At most %(n)s files per submission.") % {"n": MAX_FILES_PER_SUBMISSION}}, code="too_many_files"
        )
    checked = [(upload, check_document(upload)) for upload in files]  # all checked before anything is stored
    submission = Submission.objects.create(
        round=round,
        author=author,
        organization=capacity.organization,
        summary=summary,
        language=language,
        confidentiality=confidentiality,
        state=initial_state(round, capacity),
        client_token=client_token,
        tracking_number=tracking_number_issue(),
    )
    for upload, extension in checked:
        document = SubmissionFile(
            submission=submission, original_name=safe_filename(upload.name, extension), size=upload.size
        )
        document.file.save(f"document{extension}", upload, save=False)
        document.save()
    with reversion.create_revision():
        revision(author, _("Submitted"))
        reversion.add_to_revision(submission)
    receipt_queue(contribution=submission, author=author, what="submission", round=round, text=summary)
    return submission


def safe_filename(name, extension):
    """A display name without paths, control or direction characters, ending in the real type."""
    stem = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    stem = re.sub(r"[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069<>:\"|?*]", "", stem)
    stem = stem.rsplit(".", 1)[0].strip(" .") or "document"
    return f"{stem[:150]}{extension}"
