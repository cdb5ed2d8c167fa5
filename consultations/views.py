"""Rounds and comments: thin views over the selectors and services."""

import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from drafts.models import Instrument, Provision, Version
from drafts.selectors import default_text_language, reading_rows
from portal.forms import add_service_errors

from . import selectors, services
from .capacities import capacities
from .forms import CommentEditForm, CommentForm
from .models import AmendmentOutcome, Comment, CommentKind, CoSignature


def home(request):
    return render(
        request,
        "consultations/home.html",
        {"open_rounds": selectors.open_rounds(), "instruments": Instrument.objects.order_by("slug")},
    )


def timeline(request, slug):
    instrument = get_object_or_404(Instrument, slug=slug)
    return render(
        request,
        "consultations/timeline.html",
        {
            "instrument": instrument,
            "phases": selectors.timeline(instrument),
            "rounds": selectors.rounds_of_instrument(instrument),
        },
    )


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


def round_detail(request, pk):
    round = selectors.round_for_page(pk)
    context = {"round": round, "now_state": round.state}
    if round.version_id:
        language = request.GET.get("text") or default_text_language(round.version, get_language())
        if language not in settings.LANGUAGE_CODES:
            raise Http404(_("Unknown language."))
        counts = selectors.comment_counts(request.user, round.version)
        rows = reading_rows(round.version, language)
        for row in rows:
            row.counts = counts.get(row.provision.pk)
        context.update(
            rows=rows,
            language=language,
            version=round.version,
            general_counts=counts.get(None),
            can_comment=request.user.has_perm("consultations.comment", round),
        )
    return render(request, "consultations/round_detail.html", context)


def _provision_or_none(round, key):
    if key == "general":
        return None
    return get_object_or_404(
        Provision.objects.select_related("version__instrument"), version_id=round.version_id, key=key
    )


def provision_comments(request, pk, key):
    """The comments on one provision (htmx fragment, or a page of its own without JavaScript)."""
    round = selectors.round_for_page(pk)
    if round.version_id is None:
        raise Http404(_("This round has no text."))
    provision = _provision_or_none(round, key)
    page = selectors.provision_comments(request.user, round, provision, request.GET.get("page"))
    context = {
        "round": round,
        "provision": provision,
        "page": page,
        "key": key,
        "form": _comment_form(request, round, provision=provision)
        if request.user.has_perm("consultations.comment", round)
        else None,
        "earlier": selectors.earlier_comments(request.user, provision) if provision else [],
        "incorporated": selectors.incorporated_amendments(provision) if provision else [],
        "outcomes": AmendmentOutcome.choices,
    }
    template = (
        "consultations/_comments.html" if request.headers.get("HX-Request") else "consultations/provision_comments.html"
    )
    return render(request, template, context)


@login_required
@require_POST
def comment_create(request, pk, key):
    round = selectors.round_for_page(pk)
    provision = _provision_or_none(round, key) if round.version_id else None
    form = _comment_form(request, round, request.POST, provision=provision)
    parent = None
    if request.POST.get("parent"):
        parent = get_object_or_404(selectors.visible_comments(request.user), pk=request.POST["parent"], round=round)
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
        except ValidationError as exc:
            error = exc
        except PermissionDenied as exc:
            error = ValidationError(str(exc))
        else:
            if comment.state == "pending":
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
    initial = {"text": comment.text, "position": comment.position, "proposed_text": comment.proposed_text}
    form = CommentEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_edit(comment=comment, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("consultations:my_contributions")
    return render(request, "consultations/comment_edit.html", {"comment": comment, "form": form})


@login_required
@require_POST
def comment_withdraw(request, pk):
    comment = _own_comment(request, pk)
    try:
        services.comment_withdraw(comment=comment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your comment is withdrawn. It stays on record, marked as withdrawn."))
    return redirect("consultations:my_contributions")


@login_required
@require_POST
def cosignature_decide(request, pk):
    cosignature = get_object_or_404(CoSignature.objects.select_related("comment__round", "organization"), pk=pk)
    try:
        services.cosignature_decide(
            cosignature=cosignature, by=request.user, confirm=request.POST.get("decision") == "confirm"
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your answer is recorded."))
    return redirect("consultations:my_contributions")


@login_required
@require_POST
def amendment_decide(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("round"), pk=pk, kind=CommentKind.AMENDMENT)
    try:
        services.amendment_decide(
            comment=comment, by=request.user, outcome=request.POST.get("outcome", ""), note=request.POST.get("note", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The decision is recorded."))
    key = comment.provision.key if comment.provision_id else "general"
    return redirect("consultations:provision_comments", pk=comment.round_id, key=key)


@login_required
def my_contributions(request):
    return render(request, "consultations/my_contributions.html", selectors.my_contributions(request.user))


@login_required
def amendment_trace(request, slug, number):
    """Drafters link each provision of a later version to the amendments it incorporates."""
    if not request.user.has_perm("consultations.decide_amendment"):
        raise PermissionDenied(_("Only drafters record which amendments a text incorporates."))
    version = get_object_or_404(Version.objects.select_related("instrument"), instrument__slug=slug, number=number)
    rows = selectors.amendments_to_trace(version)
    if request.method == "POST":
        chosen = {
            provision.pk: [int(v) for v in request.POST.getlist(f"provision-{provision.pk}") if v.isdigit()]
            for provision, _a in rows
        }
        try:
            services.amendments_trace(version=version, amendment_ids_by_provision=chosen, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The trace of incorporated amendments is saved."))
            return redirect("consultations:amendment_trace", slug=slug, number=number)
    return render(request, "consultations/amendment_trace.html", {"version": version, "rows": rows})


def comment_permalink(request, pk):
    """The stable address of a comment: it leads to the page of its provision's comments where
    the comment (or the thread it belongs to) stands, at its anchor."""
    comment = get_object_or_404(selectors.visible_comments(request.user).select_related("provision"), pk=pk)
    top = comment
    while top.parent_id:
        top = Comment.objects.get(pk=top.parent_id)
    page = selectors.comment_page_number(request.user, top)
    key = comment.provision.key if comment.provision_id else "general"
    url = reverse("consultations:provision_comments", args=[comment.round_id, key])
    return redirect(f"{url}?page={page}#comment-{comment.pk}")
