"""The secretariat sets rounds up (the rounds form), and closes or continues a round left open
on a superseded version, through the rounds services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from drafts.models import Version, VersionStatus
from portal.permissions import require
from portal.service_errors import REFUSALS, add_service_errors, service_errors_as_messages

from .. import services
from ..forms import RoundForm
from ..models import Round


def _round_form(request, round, permission):
    require(request.user, permission)
    form = RoundForm(request.POST or None, instance=round)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.round_save(round=form.instance, by=request.user)
        except REFUSALS as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The round is saved."))
            return redirect("consultations:round", pk=saved.pk)
    return render(request, "consultations/round_form.html", {"form": form, "round": round})


@login_required
def round_create(request):
    return _round_form(request, Round(), "consultations.add_round")


@login_required
def round_edit(request, pk):
    return _round_form(request, get_object_or_404(Round, pk=pk), "consultations.change_round")


@login_required
@require_POST
def round_close(request, pk):
    round = get_object_or_404(Round, pk=pk)
    with service_errors_as_messages(request):
        services.round_close(round=round, by=request.user)
        messages.success(request, _("The round “%(title)s” is closed.") % {"title": round.title})
    return redirect("consultations:console")


@login_required
@require_POST
def round_continue(request, pk):
    round = get_object_or_404(Round.objects.select_related("version"), pk=pk)
    version = get_object_or_404(Version, pk=request.POST.get("version") or 0, status=VersionStatus.PUBLISHED)
    with service_errors_as_messages(request):
        following = services.round_continue(round=round, version=version, by=request.user)
        messages.success(
            request,
            _("The round “%(title)s” is closed and continues on version %(number)s.")
            % {"title": round.title, "number": version.number},
        )
        return redirect("consultations:round", pk=following.pk)
    return redirect("consultations:console")
