"""Web import: upload a document, correct the parsed structure, save it as a version; or upload
a translation of a version in editing, correct it beside the original, then fill its language."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.permissions import require
from portal.service_errors import REFUSALS, as_validation_error

from .. import services
from ..forms import ImportUploadForm, TranslationUploadForm
from ..importer import import_bytes
from ..importer.document import ParsedDocument, ParsedProvision
from ..importer.preview import SPLIT_MARK, metadata_rows, numbering_summary, row_at_line
from ..models import ImportDraft, Instrument, ProvisionKind
from .reading import readable_version


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
            "doubts": [{**warning, "row": row_at_line(draft.rows, warning["line"])} for warning in draft.warnings],
            "kinds": ProvisionKind.choices,
            "errors": errors,
            "split_mark": SPLIT_MARK,
            "numbering": numbering_summary(draft.rows, dict(ProvisionKind.choices)),
            "metadata": metadata_rows(draft.metadata),
        },
    )


@login_required
def translation_import(request, slug, number):
    """Step 1, upload: the translation is read and shown beside the original, row by row, to
    correct. Step 2, apply: the corrected rows fill the language (nothing is written before)."""
    version = readable_version(request, slug, number)
    require(request.user, "drafts.edit_text", version)
    form = TranslationUploadForm(request.POST if request.FILES else None, request.FILES or None)
    context = {"version": version, "form": form, "rows": None, "errors": []}
    if request.method == "POST" and request.POST.get("step") == "apply":
        language = request.POST.get("language")
        if language not in settings.LANGUAGE_CODES:
            raise Http404(_("Unknown language."))
        rows = _posted_translation(request.POST, version)
        document = ParsedDocument(
            title=request.POST.get("title") or None,
            provisions=[
                ParsedProvision(
                    row["provision"].kind, row["provision"].label, row["text"], footnotes=row["notes"].splitlines()
                )
                for row in rows
            ],
            warnings=[],
        )
        try:
            services.translation_import(
                version=version,
                by=request.user,
                document=document,
                language=language,
                base_revisions={row["provision"].pk: row["base"] for row in rows},
            )
        except REFUSALS as error:
            context.update(
                rows=rows, language=language, title=document.title, errors=as_validation_error(error).messages
            )
        else:
            messages.success(request, _("The translation is saved."))
            return redirect(reverse("drafts:version", args=[slug, number]) + f"?text={language}")
    elif form.is_valid():
        upload, language = form.cleaned_data["document"], form.cleaned_data["language"]
        try:
            document = import_bytes(upload.read(), upload.name, language)
            pairs = services.translation_pairs(version=version, document=document)
        except ValidationError as error:
            form.add_error("document", error)
        else:
            rows = [_row(p, version, parsed.text, "\n".join(parsed.footnotes), p.revision) for p, parsed in pairs]
            context.update(rows=rows, language=language, title=document.title or "", warnings=document.warnings)
    return render(request, "drafts/translation_import.html", context)


def _posted_translation(post, version):
    rows = []
    for provision in version.provisions.order_by("position"):
        try:
            base = int(post.get(f"base-{provision.pk}", ""))
        except ValueError:
            base = None  # a conflict: the service refuses it
        rows.append(
            _row(
                provision,
                version,
                post.get(f"text-{provision.pk}", ""),
                post.get(f"notes-{provision.pk}", ""),
                base,
            )
        )
    return rows


def _row(provision, version, text, notes, base):
    original = provision.value_in("text", version.original_language)
    return {"provision": provision, "original": original, "text": text, "notes": notes, "base": base}
