"""Reads of questionnaire responses."""

from collections import defaultdict

from portal.models import User

from ..capacities import Capacity
from ..models import Answer, Question, Questionnaire, QuestionnaireResponse, ResponseStatus, Round


def response_compilation(
    *, questionnaire: Questionnaire
) -> list[tuple[Question, list[tuple[QuestionnaireResponse, Answer]]]]:
    """Question by question, every submitted answer with who gave it."""
    responses = (
        QuestionnaireResponse.objects.filter(questionnaire=questionnaire, status=ResponseStatus.SUBMITTED)
        .select_related("organization", "respondent")
        .prefetch_related("answers")
    )
    by_question = defaultdict(list)
    for response in responses:
        for answer in response.answers.all():
            if answer.text:
                by_question[answer.question_id].append((response, answer))
    return [(question, by_question.get(question.pk, [])) for question in questionnaire.questions.all()]


def response_get(*, user: User, round: Round, capacity: Capacity) -> QuestionnaireResponse | None:
    """The response of this capacity (organization, or the expert) to the round's questionnaire."""
    lookup = {"questionnaire_id": round.questionnaire_id, "organization": capacity.organization}
    if capacity.organization is None:
        lookup["respondent"] = user
    return QuestionnaireResponse.objects.filter(**lookup).prefetch_related("answers").first()
