"""The secretariat's moderation queue, decisions, claims and figures; readers' reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from portal.ids import database_id, database_ids
from portal.permissions import require
from portal.service_errors import REFUSALS, add_service_errors, service_errors_as_messages

from .. import selectors, services
from ..forms import CampaignDecisionForm, DecisionForm, FlagForm, QueueFilterForm
from ..models import Campaign, Comment, ModerationReason, ModerationState, Round
from ..services.campaign_decisions import campaign_actions_for
from ..services.moderation import ITEM_MODELS


@login_required
def queue(request):
    require(request.user, "consultations.moderate")
    filters = QueueFilterForm(request.GET or None)
    if request.GET and not filters.is_valid():
        return render(request, "consultations/moderation_queue.html", {"filters": filters, "page": None}, status=400)
    items = selectors.comment_list_for_moderation(filters=filters.cleaned_data if request.GET else {})
    page = Paginator(items, selectors.QUEUE_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "consultations/moderation_queue.html",
        {
            "filters": filters,
            "page": page,
            "reasons": ModerationReason.objects.filter(active=True),
            "submissions": selectors.submission_list_pending(
                number=filters.cleaned_data.get("number", "") if request.GET else ""
            )[:50],
            "query": request.GET.urlencode(),
        },
    )


def _item(kind, pk):
    model = ITEM_MODELS.get(kind)
    if model is None:
        raise PermissionDenied(_("Unknown kind of item."))
    return get_object_or_404(model, pk=pk)


def _back(request):
    """Where the moderator came from (`next`), if it is on this site; the queue otherwise."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("consultations:moderation_queue")


@login_required
@require_POST
def decide(request, kind, pk):
    require(request.user, "consultations.moderate")
    item = _item(kind, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision (and a reason when rejecting or hiding)."))
    else:
        with service_errors_as_messages(request):
            services.moderation_decide(
                item=item, by=request.user, expected_state=form.cleaned_data["expected_state"], **form.decision()
            )
            messages.success(request, _("Decision recorded."))
    return redirect(_back(request))


@login_required
@require_POST
def decide_bulk(request):
    require(request.user, "consultations.moderate")
    ids = database_ids(request.POST.getlist("items"))
    shown = (value.partition(":") for value in request.POST.getlist("campaigns"))  # "id:revision"
    campaigns = {database_id(pk): database_id(revision) or 0 for pk, _colon, revision in shown if database_id(pk)}
    form = DecisionForm({**request.POST.dict(), "expected_state": ModerationState.PENDING})
    if not (ids or campaigns) or not form.is_valid():
        messages.error(request, _("Select items and a decision."))
        return redirect("consultations:moderation_queue")
    with service_errors_as_messages(request):
        decided = services.moderation_decide_selected(
            comments=Comment.objects.filter(pk__in=ids), campaigns=campaigns, by=request.user, **form.decision()
        )
        messages.success(
            request,
            ngettext("%(n)s decision recorded.", "%(n)s decisions recorded.", len(decided)) % {"n": len(decided)},
        )
    return redirect("consultations:moderation_queue")


@login_required
@require_POST
def claim(request, kind, pk):
    require(request.user, "consultations.moderate")
    with service_errors_as_messages(request):
        services.moderation_claim(item=_item(kind, pk), by=request.user)
    return redirect(reverse("consultations:moderation_queue") + f"#item-{kind}-{pk}")


@login_required
def campaign(request, pk):
    require(request.user, "consultations.moderate")
    campaign, members = selectors.campaign_detail(pk=pk)
    return render(
        request,
        "consultations/campaign.html",
        {
            "campaign": campaign,
            "members": members,
            "campaign_actions": campaign_actions_for({member.state for member, _redline in members}),
            "reasons": ModerationReason.objects.filter(active=True),
        },
    )


@login_required
@require_POST
def campaign_decide(request, pk):
    require(request.user, "consultations.moderate")
    campaign = get_object_or_404(Campaign, pk=pk)
    form = CampaignDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision (and a reason when rejecting or hiding)."))
    else:
        with service_errors_as_messages(request):
            decided = services.campaign_decide(
                campaign=campaign,
                by=request.user,
                expected_revision=form.cleaned_data["expected_revision"],
                **form.decision(),
            )
            messages.success(request, _("%(n)s decisions recorded.") % {"n": len(decided)})
    return redirect(_back(request))


@login_required
@require_POST
def campaign_member_remove(request, pk, comment):
    require(request.user, "consultations.moderate")
    revision = request.POST.get("expected_revision", "")
    with service_errors_as_messages(request):
        services.campaign_member_remove(
            campaign=Campaign(pk=pk),  # perhaps dissolved meanwhile: the service says so
            comment=get_object_or_404(Comment, pk=comment),
            by=request.user,
            expected_revision=database_id(revision) or 0,
        )
        messages.success(request, _("The comment was taken out of the campaign."))
    if Campaign.objects.filter(pk=pk).exists():
        return redirect("consultations:campaign", pk=pk)
    return redirect("consultations:moderation_queue")


@login_required
@require_POST
def campaigns_regroup(request, pk):
    require(request.user, "consultations.moderate")
    with service_errors_as_messages(request):
        found = services.campaigns_regroup(round=get_object_or_404(Round, pk=pk), by=request.user)
        messages.success(request, ngettext("%(n)s campaign found.", "%(n)s campaigns found.", found) % {"n": found})
    return redirect("consultations:moderation_queue")


@login_required
def metrics(request):
    require(request.user, "consultations.view_moderation")
    return render(request, "consultations/moderation_metrics.html", selectors.moderation_metrics())


@login_required
def report(request, pk):
    comment = get_object_or_404(selectors.comment_list_visible(user=request.user), pk=pk)
    require(request.user, "consultations.report", comment)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_flag(comment=comment, by=request.user, **form.cleaned_data)
        except REFUSALS as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you: the secretariat will look at your report."))
            return redirect(
                "consultations:provision_comments",
                pk=comment.round_id,
                key=comment.provision.key if comment.provision_id else "general",
            )
    return render(request, "consultations/report.html", {"comment": comment, "form": form})
