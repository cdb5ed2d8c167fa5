"""Questionnaire responses: one per organization (or expert), saved as a draft, then submitted."""

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.permissions import require
from portal.text_checks import clean_text

from ..capacities import capacity_for
from ..models import Answer, Confidentiality, QuestionnaireResponse, ResponseStatus
from ..text_checks import MAX_ANSWER_LENGTH, guess_language
from .checks import choice, initial_state, revision
from .tracking import receipt_queue, tracking_number_issue


@transaction.atomic
def response_save(
    *, round, respondent, capacity_key, answers, submit=False, confidentiality=Confidentiality.PUBLIC
) -> QuestionnaireResponse:
    """Save the answers of one organization (or expert) as a draft, or submit them."""
    require(respondent, "consultations.answer_questionnaire", round)
    capacity = capacity_for(respondent, capacity_key, round)
    choice(confidentiality, Confidentiality, "confidentiality")
    questions = {question.pk: question for question in round.questionnaire.questions.all()}
    lookup = {"questionnaire": round.questionnaire, "organization": capacity.organization}
    if capacity.organization is None:
        lookup["respondent"] = respondent
    response = QuestionnaireResponse.objects.select_for_update().filter(**lookup).first()
    if response and response.status == ResponseStatus.SUBMITTED:
        raise ValidationError(
            _("This questionnaire was already answered and submitted for %(who)s.") % {"who": capacity},
            code="already_submitted",
        )
    if response is None:
        response = QuestionnaireResponse.objects.create(
            round=round, tracking_number=tracking_number_issue(), **{"respondent": respondent, **lookup}
        )
    cleaned = {}
    for question_id, text in answers.items():
        if int(question_id) not in questions:
            raise ValidationError(
                _("An answer refers to a question that is not in this questionnaire."), code="unknown_question"
            )
        cleaned[int(question_id)] = clean_text(
            text, field_name=f"answer_{question_id}", max_length=MAX_ANSWER_LENGTH, required=False
        )
    if submit and not any(cleaned.values()) and not response.answers.exclude(text="").exists():
        raise ValidationError(_("Answer at least one question before submitting."), code="empty_response")
    for question_id, text in cleaned.items():
        Answer.objects.update_or_create(
            response=response,
            question_id=question_id,
            defaults={"text": text, "language": guess_language(text, respondent.preferred_language)},
        )
    response.confidentiality = confidentiality
    response.respondent = respondent
    if submit:
        response.status = ResponseStatus.SUBMITTED
        response.submitted_at = timezone.now()
        response.state = initial_state(round, capacity)
    with reversion.create_revision():
        revision(respondent, _("Submitted") if submit else _("Draft saved"))
        response.save()
    if submit:
        receipt_queue(
            contribution=response,
            author=respondent,
            what="questionnaire",
            round=round,
            text="\n\n".join(text for text in cleaned.values() if text),
        )
    return response
