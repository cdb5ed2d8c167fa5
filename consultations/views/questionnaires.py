"""Answering a round's questionnaire, and the compiled replies."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.permissions import require
from portal.service_errors import REFUSALS, as_validation_error

from .. import selectors, services
from ..capacities import capacities, capacity_for
from ..models import Confidentiality
from .comments import receipt_message
from .submissions import cannot_take_part


def _errors_named(error, questions):
    """A service's refusal as (what, message) pairs, each answer named by its question's label."""
    labels = {f"answer_{question.pk}": question.label for question in questions}
    if not hasattr(error, "error_dict"):
        return [("", message) for message in error.messages]
    return [
        (labels.get(field, ""), message)
        for field, errors in error.error_dict.items()
        for message in ValidationError(errors).messages
    ]


@login_required
def questionnaire(request, pk):
    """Answer a round's questionnaire: save a draft as often as needed; "Review and submit"
    saves it and shows the answers once more, and only the confirmation submits them, final."""
    round = selectors.round_get(pk=pk)
    if round.questionnaire_id is None:
        raise Http404(_("This round has no questionnaire."))
    participation = selectors.participation_for(user=request.user, round=round, action="answer")
    if not participation.allowed:
        return cannot_take_part(request, round, participation)
    held = capacities(request.user, round)
    key = request.POST.get("capacity") or request.GET.get("capacity") or held[0].key
    capacity = capacity_for(request.user, key, round)
    questions = list(round.questionnaire.questions.all())
    errors = []
    action = request.POST.get("action")
    if request.method == "POST":
        answers = {question.pk: request.POST.get(f"answer-{question.pk}", "") for question in questions}
        try:
            response = services.response_save(
                round=round,
                respondent=request.user,
                capacity_key=capacity.key,
                answers=answers,
                submit=action == "submit",
                confidentiality=request.POST.get("confidentiality", Confidentiality.PUBLIC),
            )
        except REFUSALS as error:
            errors = _errors_named(as_validation_error(error), questions)
        else:
            if action == "submit":
                messages.success(request, receipt_message(response))
                return redirect("consultations:my_contributions")
            if action == "review":
                return render(
                    request,
                    "consultations/questionnaire_confirm.html",
                    {
                        "round": round,
                        "capacity": capacity,
                        "response": response,
                        "rows": [(question, answers[question.pk].strip()) for question in questions],
                    },
                )
            messages.success(request, _("Your draft is saved. You can come back to it until the round closes."))
            return redirect(f"{request.path}?capacity={capacity.key}")
    response = selectors.response_get(user=request.user, round=round, capacity=capacity)
    saved = {answer.question_id: answer.text for answer in response.answers.all()} if response else {}
    rows = [(question, request.POST.get(f"answer-{question.pk}", saved.get(question.pk, ""))) for question in questions]
    return render(
        request,
        "consultations/questionnaire.html",
        {
            "round": round,
            "rows": rows,
            "capacity": capacity,
            "capacities": held,
            "response": response,
            "errors": errors,
            "confidentiality_choices": Confidentiality.choices,
        },
        status=422 if errors else 200,
    )


@login_required
def compiled_responses(request, pk):
    round = selectors.round_get(pk=pk)
    if round.questionnaire_id is None:
        raise Http404(_("This round has no questionnaire."))
    require(request.user, "consultations.compile_responses")
    return render(
        request,
        "consultations/compiled_responses.html",
        {"round": round, "compilation": selectors.response_compilation(questionnaire=round.questionnaire)},
    )
