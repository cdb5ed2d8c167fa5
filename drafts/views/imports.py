"""Web import: upload a document, correct the parsed structure, save it as a version."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.permissions import require

from .. import services
from ..forms import ImportUploadForm
from ..importer.preview import SPLIT_MARK, metadata_rows, numbering_summary
from ..models import ImportDraft, Instrument, ProvisionKind


def _redirect(request, url):
    """htmx follows an HX-Redirect header; a plain form follows a 302."""
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


@login_required
def import_upload(request, slug):
    require(request.user, "drafts.edit_text")
    instrument = get_object_or_404(Instrument, slug=slug)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        try:
            draft = services.import_draft_create(
                instrument=instrument,
                by=request.user,
                data=upload.read(),
                filename=upload.name,
                language=form.cleaned_data["language"],
                label=form.cleaned_data["label"],
                symbol=form.cleaned_data["symbol"],
            )
        except ValidationError as error:
            form.add_error("document", error)
        else:
            return _redirect(request, reverse("drafts:import_preview", args=[slug, draft.pk]))
    template = "drafts/_import_upload_form.html" if request.headers.get("HX-Request") else "drafts/import_upload.html"
    return render(request, template, {"instrument": instrument, "form": form})


def _edits_from(post, rows):
    """Read the preview form; an unknown kind is an error, not a silent default."""
    kinds = set(ProvisionKind.values)
    edits, errors = {}, []
    for row in rows:
        prefix = f"row-{row['id']}-"
        if f"{prefix}label" not in post:
            continue
        kind = post.get(f"{prefix}kind", row["kind"])
        if kind not in kinds:
            errors.append(_("Row %(label)s: choose a kind from the list.") % {"label": row["label"]})
            continue
        edits[row["id"]] = {
            "kind": kind,
            "label": post.get(f"{prefix}label", "").strip(),
            "text": post.get(f"{prefix}text", ""),
            "join": post.get(f"{prefix}join") == "on",
        }
    return edits, errors


@login_required
def import_preview(request, slug, pk):
    require(request.user, "drafts.edit_text")
    draft = get_object_or_404(ImportDraft, pk=pk, instrument__slug=slug, owner=request.user)
    errors = []
    if request.method == "POST" and request.POST.get("action") == "plain":
        services.import_draft_plain(draft=draft, by=request.user)
        return redirect("drafts:import_preview", slug=slug, pk=pk)
    if request.method == "POST":
        edits, errors = _edits_from(request.POST, draft.rows)
        if not errors:
            try:
                services.import_draft_update(draft=draft, by=request.user, edits=edits)
            except ValidationError as error:
                errors = error.messages
        if not errors:
            if request.POST.get("action") == "save":
                try:
                    version = services.import_draft_save(draft=draft, by=request.user)
                except ValidationError as error:
                    errors = error.messages
                else:
                    messages.success(
                        request, _("Version %(number)s is created, in editing.") % {"number": version.number}
                    )
                    return redirect("drafts:version", slug=slug, number=version.number)
            else:
                return redirect("drafts:import_preview", slug=slug, pk=pk)
    depth = {}
    for row in draft.rows:
        depth[row["id"]] = depth.get(row["parent"], -1) + 1 if row["parent"] is not None else 0
    return render(
        request,
        "drafts/import_preview.html",
        {
            "draft": draft,
            "rows": [{**row, "depth": depth[row["id"]]} for row in draft.rows],
            "kinds": ProvisionKind.choices,
            "errors": errors,
            "split_mark": SPLIT_MARK,
            "numbering": numbering_summary(draft.rows, dict(ProvisionKind.choices)),
            "metadata": metadata_rows(draft.metadata),
        },
    )
