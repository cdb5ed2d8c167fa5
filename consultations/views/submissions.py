"""Written submissions: sending one, and downloading a submitted document."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.permissions import require
from portal.service_errors import REFUSALS, add_service_errors

from .. import selectors, services
from ..capacities import capacities
from ..forms import SubmissionForm
from ..models import Confidentiality, ModerationState, SubmissionFile


@login_required
def submission_create(request, pk):
    round = selectors.round_get(pk=pk)
    require(request.user, "consultations.submit", round)
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
        except REFUSALS as error:
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
