"""Written submissions: sending one, and downloading a submitted document."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.service_errors import REFUSALS, add_service_errors

from .. import selectors, services
from ..capacities import capacities
from ..forms import SubmissionForm
from ..models import Confidentiality, ModerationState, SubmissionFile
from .comments import receipt_message


@login_required
def submission_create(request, pk):
    round = selectors.round_get(pk=pk)
    participation = selectors.participation_for(user=request.user, round=round, action="submit")
    if not participation.allowed:
        return cannot_take_part(request, round, participation)
    held = capacities(request.user, round)
    initial = {
        "language": get_language(),
        "client_token": secrets.token_urlsafe(16),
        "confidentiality": Confidentiality.PUBLIC,
    }
    form = SubmissionForm(
        request.POST or None, request.FILES or None, capacities=held, initial=initial, auto_id="submission-%s"
    )
    form.scope = "submission"
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submission = services.submission_create(
                round=round,
                author=request.user,
                capacity_key=data["capacity"],
                summary=data["summary"],
                language=data["language"],
                files=data["files"],
                confidentiality=data["confidentiality"],
                client_token=data["client_token"],
            )
        except REFUSALS as error:
            add_service_errors(form, error)
        else:
            messages.success(request, receipt_message(submission))
            return redirect("consultations:my_contributions")
    form.mark_errors()
    return render(
        request,
        "consultations/submission_form.html",
        {"round": round, "form": form},
        status=422 if form.errors else 200,
    )


def cannot_take_part(request, round, participation):
    """Why this person cannot do this in this round, and what to do next (instead of a bare 403)."""
    return render(
        request, "consultations/cannot_take_part.html", {"round": round, "participation": participation}, status=403
    )


def submission_list(request, pk):
    """A round's written submissions that are public, with their documents."""
    round = selectors.round_get(pk=pk)
    return render(
        request,
        "consultations/submission_list.html",
        {"round": round, "submissions": selectors.submission_list_public(round=round)},
    )


def submission_file(request, pk):
    """Download a submitted document, if the reader may see the submission."""
    document = get_object_or_404(SubmissionFile.objects.select_related("submission"), pk=pk)
    submission = document.submission
    public = submission.state == ModerationState.PUBLISHED and submission.confidentiality != Confidentiality.SECRETARIAT
    if not (public or submission.author_id == request.user.pk or selectors.sees_everything(request.user)):
        raise Http404(_("No such document."))
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.original_name)
