"""Written submissions and questionnaires."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.forms import add_service_errors

from . import selectors, services
from .capacities import capacities, capacity_for
from .forms import SubmissionForm
from .models import Confidentiality, ModerationState, SubmissionFile


@login_required
def submission_create(request, pk):
    round = selectors.round_for_page(pk)
    if not request.user.has_perm("consultations.submit", round):
        raise PermissionDenied(_("You cannot send a written submission to this round."))
    held = capacities(request.user, round)
    initial = {
        "language": get_language(),
        "client_token": secrets.token_urlsafe(16),
        "confidentiality": Confidentiality.PUBLIC,
    }
    form = SubmissionForm(request.POST or None, request.FILES or None, capacities=held, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.submission_create(
                round=round,
                author=request.user,
                capacity_key=data["capacity"],
                summary=data["summary"],
                language=data["language"],
                files=data["files"],
                confidentiality=data["confidentiality"],
                client_token=data["client_token"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your written submission is received."))
            return redirect("consultations:my_contributions")
    return render(request, "consultations/submission_form.html", {"round": round, "form": form})


def submission_file(request, pk):
    """Download a submitted document, if the reader may see the submission."""
    document = get_object_or_404(SubmissionFile.objects.select_related("submission"), pk=pk)
    submission = document.submission
    public = submission.state == ModerationState.PUBLISHED and submission.confidentiality != Confidentiality.SECRETARIAT
    if not (public or submission.author_id == request.user.pk or selectors.sees_everything(request.user)):
        raise Http404(_("No such document."))
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.original_name)


@login_required
def questionnaire(request, pk):
    round = selectors.round_for_page(pk)
    if round.questionnaire_id is None:
        raise Http404(_("This round has no questionnaire."))
    if not request.user.has_perm("consultations.answer_questionnaire", round):
        raise PermissionDenied(_("You cannot answer this questionnaire."))
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
        except ValidationError as error:
            errors = error.messages
        else:
            if request.POST.get("action") == "submit":
                messages.success(request, _("Your answers are submitted. Thank you."))
                return redirect("consultations:my_contributions")
            messages.success(request, _("Your draft is saved. You can come back to it until the round closes."))
            return redirect(f"{request.path}?capacity={capacity.key}")
    response = selectors.response_for(request.user, round, capacity)
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
    round = selectors.round_for_page(pk)
    if round.questionnaire_id is None:
        raise Http404(_("This round has no questionnaire."))
    if not request.user.has_perm("consultations.compile_responses"):
        raise PermissionDenied(_("Only the secretariat and drafters see the compiled replies."))
    return render(
        request,
        "consultations/compiled_responses.html",
        {"round": round, "compilation": selectors.compiled_responses(round.questionnaire)},
    )
