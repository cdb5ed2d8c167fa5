"""Comments on a provision (or general ones): reading, posting, editing, withdrawing, their
permanent address, and answering a request to co-sign."""

import secrets
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from drafts.models import Provision
from portal.ids import database_id
from portal.service_errors import REFUSALS, add_service_errors, service_errors_as_messages

from .. import selectors, services
from ..capacities import capacities, capacity_as_posted
from ..forms import CommentEditForm, CommentFilterForm, CommentForm, capacity_choices
from ..models import AmendmentOutcome, Comment, CommentKind, CoSignature, ModerationState


def comment_form(request, round, *, provision=None, parent=None, data=None):
    """The form to comment on `provision` (None: a general comment), or to reply to `parent`.
    Its ids are unique on the page (`form.scope`), whatever number of panels and replies are open."""
    held = capacities(request.user, round) if request.user.is_authenticated else []
    initial = {"language": get_language(), "client_token": secrets.token_urlsafe(16)}
    if held:
        initial["capacity"] = held[0].key
    if provision is not None and parent is None:
        # An amendment is written by editing the provision's own words in place.
        initial["proposed_text"] = provision.value_in("text", get_language()) or provision.value_in(
            "text", round.version.original_language
        )
    scope = f"reply-{parent.pk}" if parent else f"comment-form-{provision.key if provision else 'general'}"
    cosigners = []
    if parent is None and data is not None:
        cosigners = selectors.organization_list_for_cosigning(
            round=round,
            query=data.get("cosigner_query", "")[:100] if "find_cosigners" in data else "",
            chosen=data.getlist("cosigners"),
            exclude=[c.organization.pk for c in held if c.organization],
        )
    form = CommentForm(
        data,
        capacities=held,
        allow_amendments=round.allows_amendments and provision is not None and parent is None,
        reply=parent is not None,
        cosigner_choices=[(str(organization.pk), str(organization)) for organization in cosigners],
        initial=initial,
        auto_id=f"{scope}-%s",
    )
    form.scope = scope
    return form


def _attach_reply_forms(request, round, comments):
    """A reply form, with ids of its own, under each comment that takes replies."""
    for comment in comments:
        if comment.takes_replies and not comment.is_withdrawn:
            comment.reply_form = comment_form(request, round, provision=comment.provision, parent=comment)
        _attach_reply_forms(request, round, comment.visible_replies)


def _provision_or_none(round, key):
    if key == "general":
        return None
    return get_object_or_404(
        Provision.objects.select_related("version__instrument"), version_id=round.version_id, key=key
    )


def provision_comments(request, pk, key, posted=False):
    """The comments on one provision (htmx fragment, or a page of its own without JavaScript),
    ordered and narrowed as the reader chose; `posted`: with the provision's counts on the round
    page brought up to date."""
    round = selectors.round_get(pk=pk)
    if round.version_id is None:
        raise Http404(_("This round has no text."))
    provision = _provision_or_none(round, key)
    filters = CommentFilterForm(request.GET, auto_id=f"filter-{key}-%s")
    chosen = filters.cleaned_data if filters.is_valid() else {}
    page = selectors.comment_list_for_provision(
        user=request.user,
        round=round,
        provision=provision,
        page_number=request.GET.get("page"),
        order=chosen.get("order") or "oldest",
        filters=chosen,
    )
    participation = selectors.participation_for(user=request.user, round=round)
    if participation.allowed:
        _attach_reply_forms(request, round, page.object_list)
    language = get_language()
    context = {
        "round": round,
        "provision": provision,
        "quoted_language": language
        if provision is None or provision.value_in("text", language)
        else round.version.original_language,
        "page": page,
        "key": key,
        "filters": filters,
        "query": urlencode({name: value for name, value in chosen.items() if value}),
        "form": comment_form(request, round, provision=provision) if participation.allowed else None,
        "participation": participation,
        "earlier": selectors.comment_list_earlier(user=request.user, provision=provision, language=language)
        if provision
        else [],
        "incorporated": selectors.amendment_list_incorporated(provision=provision) if provision else [],
        "follow_key": provision.key if provision else "",
        "following": (provision.key if provision else "")
        in selectors.follow_keys(user=request.user, instrument=round.version.instrument),
        "outcomes": AmendmentOutcome.choices,
        "posted": posted,
        "counts": selectors.comment_counts_for_reader(user=request.user, version=round.version).get(
            provision.pk if provision else None
        )
        if posted
        else None,
    }
    template = (
        "consultations/_comments.html" if request.headers.get("HX-Request") else "consultations/provision_comments.html"
    )
    return render(request, template, context)


def _form_again(request, round, provision, key, form, parent, status):
    """The form as it was sent, with what was typed and the errors named, in place (htmx) or
    on a page of its own."""
    form.mark_errors()
    htmx = request.headers.get("HX-Request")
    return render(
        request,
        "consultations/_comment_form.html" if htmx else "consultations/comment_form_page.html",
        {"round": round, "provision": provision, "form": form, "key": key, "parent": parent},
        status=status if htmx else 200,
    )


@require_POST
def comment_create(request, pk, key):
    """Post a comment, amendment, question or reply. Whatever goes wrong, the form comes back
    with the text as typed; a session that ended while the person typed is said so."""
    round = selectors.round_get(pk=pk)
    provision = _provision_or_none(round, key) if round.version_id else None
    parent = None
    if request.POST.get("parent"):
        if database_id(request.POST["parent"]) is None:
            raise Http404(_("No such comment."))
        parent = get_object_or_404(
            selectors.comment_list_visible(user=request.user), pk=database_id(request.POST["parent"]), round=round
        )
    form = comment_form(request, round, provision=provision, parent=parent, data=request.POST)
    if not request.user.is_authenticated:
        # Kept as it was chosen, for the form to go again once signed in (the service checks it then).
        form.fields["capacity"].choices = capacity_choices([capacity_as_posted(request.POST.get("capacity", ""))])
        form.is_valid()
        form.add_error(
            None,
            _(
                "Your session has ended, so nothing was sent. Your text is kept below: sign in again (the link opens in a new tab), then send it again."
            ),
        )
        form.session_ended = True
        return _form_again(request, round, provision, key, form, parent, 422)
    if "find_cosigners" in request.POST:
        form.is_valid()
        form.errors.clear()  # only looking for organizations: nothing is sent, nothing is wrong yet
        form.searched = True
        return _form_again(request, round, provision, key, form, parent, 200)
    if not form.is_valid():
        return _form_again(request, round, provision, key, form, parent, 422)
    data = form.cleaned_data
    try:
        comment = services.comment_create(
            round=round,
            author=request.user,
            capacity_key=data["capacity"],
            text=data["text"],
            language=data["language"],
            kind=data.get("kind") or CommentKind.COMMENT,
            position=data["position"],
            provision=provision,
            proposed_text=data.get("proposed_text", ""),
            parent=parent,
            confidentiality=data["confidentiality"],
            on_behalf_note=data.get("on_behalf_note", ""),
            client_token=data["client_token"],
            cosigner_ids=data.get("cosigners", []),
        )
    except REFUSALS as error:
        add_service_errors(form, error)
        return _form_again(request, round, provision, key, form, parent, 422)
    messages.success(request, receipt_message(comment))
    if request.headers.get("HX-Request"):
        response = provision_comments(request, round.pk, key, posted=True)
        response["HX-Retarget"] = f"#comments-{key}"
        response["HX-Reswap"] = "innerHTML"
        return response
    return redirect("consultations:provision_comments", pk=round.pk, key=key)


def receipt_message(contribution):
    """What its author reads at once: received (or published), and its tracking number."""
    if contribution.state == ModerationState.PENDING:
        said = _("Thank you. Your contribution is received and will appear once the secretariat has reviewed it.")
    else:
        said = _("Thank you. Your contribution is published.")
    number = _(
        "Its tracking number is %(number)s; it is also in My contributions and in the receipt sent by email."
    ) % {"number": contribution.tracking_number}
    return f"{said} {number}"


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
    form = CommentEditForm(request.POST or None, initial=initial, auto_id="edit-%s")
    form.scope = "edit"
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
    form.mark_errors()
    return render(
        request,
        "consultations/comment_edit.html",
        {"comment": comment, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
def comment_withdraw(request, pk):
    """Asks first (a page that works without JavaScript), then withdraws on the confirmation."""
    comment = _own_comment(request, pk)
    if request.method != "POST":
        return render(request, "consultations/comment_withdraw.html", {"comment": comment})
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
