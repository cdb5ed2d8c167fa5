"""The drafters' decisions on proposed amendments, the trace of the amendments a later version
incorporates, the public record of how each amendment was handled, and each State's contributions
beside its vote on the adopted text."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from drafts.models import Version
from drafts.selectors.adoptions import adoption_for_version
from drafts.views.reading import readable_version
from portal.ids import database_ids
from portal.permissions import require
from portal.service_errors import service_errors_as_messages

from .. import selectors, services
from ..models import Comment, CommentKind
from ..selectors.positions import positions_of_states


@login_required
@require_POST
def amendment_decide(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("round"), pk=pk, kind=CommentKind.AMENDMENT)
    with service_errors_as_messages(request):
        services.amendment_decide(
            comment=comment, by=request.user, outcome=request.POST.get("outcome", ""), note=request.POST.get("note", "")
        )
        messages.success(request, _("The decision is recorded."))
    key = comment.provision.key if comment.provision_id else "general"
    return redirect("consultations:provision_comments", pk=comment.round_id, key=key)


@login_required
def amendment_trace(request, slug, number):
    """Drafters link each provision of a later version to the amendments it incorporates."""
    require(request.user, "consultations.decide_amendment")
    version = get_object_or_404(Version.objects.select_related("instrument"), instrument__slug=slug, number=number)
    rows = selectors.amendment_trace_rows(version=version)
    if request.method == "POST":
        chosen = {
            provision.pk: database_ids(request.POST.getlist(f"provision-{provision.pk}")) for provision, _a in rows
        }
        with service_errors_as_messages(request):
            services.amendments_trace(version=version, amendment_ids_by_provision=chosen, by=request.user)
            messages.success(request, _("The trace of incorporated amendments is saved."))
            return redirect("consultations:amendment_trace", slug=slug, number=number)
    return render(request, "consultations/amendment_trace.html", {"version": version, "rows": rows})


def adoption_positions(request, slug, number):
    """Each State's contributions to the text beside its vote on the text's adoption."""
    version = get_object_or_404(
        Version.objects.public().select_related("instrument"), instrument__slug=slug, number=number
    )
    adoption = adoption_for_version(version=version)
    if adoption is None:
        raise Http404(_("This version has no recorded adoption."))
    groups = positions_of_states(adoption=adoption)
    return render(
        request, "consultations/adoption_positions.html", {"adoption": adoption, "version": version, "groups": groups}
    )


def amendment_record(request, slug, number):
    """The public record of handling: each public amendment proposed on a version, and what
    became of it. Anyone may read it, as they may read the version."""
    version = readable_version(request, slug, number)
    amendments = selectors.amendment_record(version=version)
    return render(request, "consultations/amendment_record.html", {"version": version, "amendments": amendments})
