"""The secretariat's moderation queue, decisions, metrics; readers' reports; notification choices."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.forms import add_service_errors

from . import moderation, selectors
from .models import Comment, ModerationReason, NotificationKind, NotificationPreference
from .moderation_forms import DecisionForm, FlagForm, QueueFilterForm
from .notify import preferences_set


def _require_moderator(request):
    if not request.user.has_perm("consultations.moderate"):
        raise PermissionDenied(_("Only the secretariat, with two-factor authentication, moderates."))


@login_required
def queue(request):
    _require_moderator(request)
    filters = QueueFilterForm(request.GET or None)
    if request.GET and not filters.is_valid():
        return render(request, "consultations/moderation_queue.html", {"filters": filters, "page": None}, status=400)
    items = selectors.moderation_queue(filters.cleaned_data if request.GET else {})
    page = Paginator(items, selectors.QUEUE_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "consultations/moderation_queue.html",
        {
            "filters": filters,
            "page": page,
            "reasons": ModerationReason.objects.filter(active=True),
            "submissions": selectors.pending_submissions()[:50],
            "query": request.GET.urlencode(),
        },
    )


def _item(kind, pk):
    model = moderation.ITEM_MODELS.get(kind)
    if model is None:
        raise PermissionDenied(_("Unknown kind of item."))
    return get_object_or_404(model, pk=pk)


@login_required
@require_POST
def decide(request, kind, pk):
    _require_moderator(request)
    item = _item(kind, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision (and a reason when rejecting or hiding)."))
    else:
        data = form.cleaned_data
        try:
            moderation.decide(
                item=item,
                by=request.user,
                action=data["action"],
                expected_state=data["expected_state"],
                reason_id=data["reason"].pk if data["reason"] else None,
                reason_text=data["reason_text"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Decision recorded."))
    return redirect(
        request.POST.get("next")
        if request.POST.get("next", "").startswith("/") and not request.POST["next"].startswith("//")
        else reverse("consultations:moderation_queue")
    )


@login_required
@require_POST
def decide_bulk(request):
    _require_moderator(request)
    ids = [value for value in request.POST.getlist("items") if value.isdigit()]
    form = DecisionForm({**request.POST.dict(), "expected_state": "pending"})
    if not ids or not form.is_valid():
        messages.error(request, _("Select items and a decision."))
        return redirect("consultations:moderation_queue")
    data = form.cleaned_data
    try:
        decided = moderation.decide_many(
            items=Comment.objects.filter(pk__in=ids),
            by=request.user,
            action=data["action"],
            reason_id=data["reason"].pk if data["reason"] else None,
            reason_text=data["reason_text"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(n)s decisions recorded.") % {"n": len(decided)})
    return redirect("consultations:moderation_queue")


@login_required
@require_POST
def claim(request, kind, pk):
    _require_moderator(request)
    try:
        moderation.claim(item=_item(kind, pk), by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(reverse("consultations:moderation_queue") + f"#item-{kind}-{pk}")


@login_required
def metrics(request):
    if not request.user.has_perm("consultations.view_moderation"):
        raise PermissionDenied(_("Only the secretariat and drafters see the moderation figures."))
    return render(request, "consultations/moderation_metrics.html", selectors.moderation_metrics())


@login_required
def report(request, pk):
    comment = get_object_or_404(selectors.visible_comments(request.user), pk=pk)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.flag(comment=comment, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you: the secretariat will look at your report."))
            return redirect(
                "consultations:provision_comments",
                pk=comment.round_id,
                key=comment.provision.key if comment.provision_id else "general",
            )
    return render(request, "consultations/report.html", {"comment": comment, "form": form})


@login_required
def notification_preferences(request):
    kinds = NotificationKind.choices
    if request.method == "POST":
        try:
            preferences_set(user=request.user, enabled=set(request.POST.getlist("kinds")))
        except ValidationError as error:
            return HttpResponseBadRequest(" ".join(error.messages))
        messages.success(request, _("Your choices are saved."))
        return redirect("consultations:notification_preferences")
    off = set(NotificationPreference.objects.filter(user=request.user, enabled=False).values_list("kind", flat=True))
    return render(
        request,
        "consultations/notification_preferences.html",
        {"kinds": [(k, label, k not in off) for k, label in kinds]},
    )
