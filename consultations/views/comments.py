"""Comments on a provision (or general ones): reading, posting, editing, withdrawing, their
permanent address, and answering a request to co-sign."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from drafts.models import Provision
from portal.service_errors import REFUSALS, add_service_errors, service_errors_as_messages

from .. import selectors, services
from ..capacities import capacities
from ..forms import CommentEditForm, CommentForm
from ..models import AmendmentOutcome, Comment, CoSignature, ModerationState


def _comment_form(request, round, data=None, provision=None):
    held = capacities(request.user, round) if request.user.is_authenticated else []
    initial = {"language": get_language(), "client_token": secrets.token_urlsafe(16)}
    if held:
        initial["capacity"] = held[0].key
    if provision is not None:
        # An amendment is written by editing the provision's own words in place.
        initial["proposed_text"] = provision.value_in("text", get_language()) or provision.value_in(
            "text", round.version.original_language
        )
    return CommentForm(data, capacities=held, allow_amendments=round.allows_amendments, initial=initial)


def _provision_or_none(round, key):
    if key == "general":
        return None
    return get_object_or_404(
        Provision.objects.select_related("version__instrument"), version_id=round.version_id, key=key
    )


def provision_comments(request, pk, key):
    """The comments on one provision (htmx fragment, or a page of its own without JavaScript)."""
    round = selectors.round_get(pk=pk)
    if round.version_id is None:
        raise Http404(_("This round has no text."))
    provision = _provision_or_none(round, key)
    page = selectors.comment_list_for_provision(
        user=request.user, round=round, provision=provision, page_number=request.GET.get("page")
    )
    context = {
        "round": round,
        "provision": provision,
        "page": page,
        "key": key,
        "form": _comment_form(request, round, provision=provision)
        if request.user.has_perm("consultations.comment", round)
        else None,
        "earlier": selectors.comment_list_earlier(user=request.user, provision=provision) if provision else [],
        "incorporated": selectors.amendment_list_incorporated(provision=provision) if provision else [],
        "outcomes": AmendmentOutcome.choices,
    }
    template = (
        "consultations/_comments.html" if request.headers.get("HX-Request") else "consultations/provision_comments.html"
    )
    return render(request, template, context)


@login_required
@require_POST
def comment_create(request, pk, key):
    round = selectors.round_get(pk=pk)
    provision = _provision_or_none(round, key) if round.version_id else None
    form = _comment_form(request, round, request.POST, provision=provision)
    parent = None
    if request.POST.get("parent"):
        parent = get_object_or_404(
            selectors.comment_list_visible(user=request.user), pk=request.POST["parent"], round=round
        )
    error = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            comment = services.comment_create(
                round=round,
                author=request.user,
                capacity_key=data["capacity"],
                text=data["text"],
                language=data["language"],
                kind=data["kind"],
                position=data["position"],
                provision=provision,
                proposed_text=data["proposed_text"],
                parent=parent,
                confidentiality=data["confidentiality"],
                on_behalf_note=data["on_behalf_note"],
                client_token=data["client_token"],
                cosigner_ids=[value for value in data["cosigners"].split(",") if value.strip()],
            )
        except REFUSALS as exc:
            error = exc
        else:
            if comment.state == ModerationState.PENDING:
                messages.success(
                    request,
                    _("Thank you. Your contribution is received and will appear once the secretariat has reviewed it."),
                )
            else:
                messages.success(request, _("Thank you. Your contribution is published."))
            if request.headers.get("HX-Request"):
                return provision_comments(request, round.pk, key)
            return redirect("consultations:provision_comments", pk=round.pk, key=key)
    else:
        error = ValidationError(_("Check the form: some fields are missing or not valid."))
    add_service_errors(form, error)
    template = (
        "consultations/_comment_form.html"
        if request.headers.get("HX-Request")
        else "consultations/comment_form_page.html"
    )
    return render(
        request,
        template,
        {"round": round, "provision": provision, "form": form, "key": key, "parent": parent},
        status=422 if request.headers.get("HX-Request") else 200,
    )


def _own_comment(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("round", "provision", "version__instrument"), pk=pk)
    if comment.author_id != request.user.pk:
        raise Http404(_("No such comment."))  # someone else's comment is not even acknowledged
    return comment


@login_required
def comment_edit(request, pk):
    comment = _own_comment(request, pk)
    if comment.has_pending_edit:  # the author goes on from the edit that waits for review
        initial = {
            "text": comment.pending_text,
            "position": comment.pending_position,
            "proposed_text": comment.pending_proposed_text,
        }
    else:
        initial = {"text": comment.text, "position": comment.position, "proposed_text": comment.proposed_text}
    form = CommentEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            edited = services.comment_edit(comment=comment, by=request.user, **form.cleaned_data)
        except REFUSALS as error:
            add_service_errors(form, error)
        else:
            if edited.has_pending_edit:
                messages.success(
                    request,
                    _(
                        "Your edit is received. It replaces the published text once the secretariat has "
                        "reviewed it; until then the published text stays as it is."
                    ),
                )
            else:
                messages.success(request, _("Your changes are saved."))
            return redirect("consultations:my_contributions")
    return render(request, "consultations/comment_edit.html", {"comment": comment, "form": form})


@login_required
@require_POST
def comment_withdraw(request, pk):
    comment = _own_comment(request, pk)
    with service_errors_as_messages(request):
        services.comment_withdraw(comment=comment, by=request.user)
        messages.success(request, _("Your comment is withdrawn. It stays on record, marked as withdrawn."))
    return redirect("consultations:my_contributions")


@login_required
@require_POST
def cosignature_decide(request, pk):
    cosignature = get_object_or_404(CoSignature.objects.select_related("comment__round", "organization"), pk=pk)
    with service_errors_as_messages(request):
        services.cosignature_decide(
            cosignature=cosignature, by=request.user, confirm=request.POST.get("decision") == "confirm"
        )
        messages.success(request, _("Your answer is recorded."))
    return redirect("consultations:my_contributions")


def comment_permalink(request, pk):
    """The stable address of a comment: it leads to the page of its provision's comments where
    the comment (or the thread it belongs to) stands, at its anchor."""
    comment = get_object_or_404(selectors.comment_list_visible(user=request.user).select_related("provision"), pk=pk)
    top = comment
    while top.parent_id:
        top = Comment.objects.get(pk=top.parent_id)
    page = selectors.comment_page_number(user=request.user, comment=top)
    key = comment.provision.key if comment.provision_id else "general"
    url = reverse("consultations:provision_comments", args=[comment.round_id, key])
    return redirect(f"{url}?page={page}#comment-{comment.pk}")
