"""Answering a round's questionnaire, and the compiled replies."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.permissions import require
from portal.service_errors import REFUSALS, as_validation_error

from .. import selectors, services
from ..capacities import capacities, capacity_for
from ..models import Confidentiality


@login_required
def questionnaire(request, pk):
    round = selectors.round_get(pk=pk)
    if round.questionnaire_id is None:
        raise Http404(_("This round has no questionnaire."))
    require(request.user, "consultations.answer_questionnaire", round)
    held = capacities(request.user, round)
    key = request.POST.get("capacity") or request.GET.get("capacity") or held[0].key
    capacity = capacity_for(request.user, key, round)
    questions = list(round.questionnaire.questions.all())
    errors = []
    if request.method == "POST":
        answers = {question.pk: request.POST.get(f"answer-{question.pk}", "") for question in questions}
        try:
            services.response_save(
                round=round,
                respondent=request.user,
                capacity_key=capacity.key,
                answers=answers,
                submit=request.POST.get("action") == "submit",
                confidentiality=request.POST.get("confidentiality", Confidentiality.PUBLIC),
            )
        except REFUSALS as error:
            errors = as_validation_error(error).messages
        else:
            if request.POST.get("action") == "submit":
                messages.success(request, _("Your answers are submitted. Thank you."))
                return redirect("consultations:my_contributions")
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
