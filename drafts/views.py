from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from reversion.models import Version as RevisionRecord

from portal.forms import add_service_errors

from . import exports, redline, selectors, services
from .forms import ProvisionEditForm
from .models import Provision


def _language_param(request, name, default):
    value = request.GET.get(name) or default
    if value not in settings.LANGUAGE_CODES:
        raise Http404(_("Unknown language."))
    return value


def _readable_version(request, slug, number):
    version = selectors.version_by_number(slug=slug, number=number)
    if not request.user.has_perm("drafts.read_version", version):
        raise Http404(_("No such version."))  # an unpublished draft is not even acknowledged
    return version


def instrument_list(request):
    return render(request, "drafts/instrument_list.html", {"instruments": selectors.instruments_for_listing()})


def instrument_detail(request, slug):
    instrument = get_object_or_404(selectors.instruments_for_listing(), slug=slug)
    versions = [v for v in instrument.versions.all() if request.user.has_perm("drafts.read_version", v)]
    statuses = selectors.translation_statuses(versions)
    rows = [(v, statuses[v.pk]) for v in versions]
    return render(request, "drafts/instrument_detail.html", {"instrument": instrument, "rows": rows})


def version_detail(request, slug, number):
    version = _readable_version(request, slug, number)
    language = _language_param(request, "text", selectors.default_text_language(version, get_language()))
    beside = request.GET.get("beside") or None
    if beside is not None:
        beside = _language_param(request, "beside", beside)
    return render(
        request,
        "drafts/version_detail.html",
        {
            "version": version,
            "instrument": version.instrument,
            "document_html": _document_html(request, version, language, beside),
            "language": language,
            "beside": beside,
            "translation_status": selectors.translation_status(version),
            "other_versions": [
                v for v in version.instrument.versions.all() if request.user.has_perm("drafts.read_version", v)
            ],
        },
    )


def _document_html(request, version, language, beside):
    """The text itself. A published version never changes, so its rendering is cached for
    good, per text language, side language, interface language and whether the reader sees
    the editing links; a version in editing is rendered afresh every time."""
    can_edit = request.user.has_perm("drafts.edit_text")

    def render_document():
        rows = selectors.reading_rows(version, language, beside)
        context = {
            "version": version,
            "instrument": version.instrument,
            "rows": rows,
            "toc": selectors.table_of_contents(rows),
            "language": language,
            "beside": beside,
            "title": version.value_in("title", language),
        }
        return mark_safe(render_to_string("drafts/_document.html", context, request=request))  # noqa: S308 (rendered template)

    if not version.is_frozen:
        return render_document()
    key = f"drafts:document:{version.pk}:{language}:{beside}:{get_language()}:{int(can_edit)}"
    return cache.get_or_set(key, render_document, timeout=None)


def _comparison(request, slug):
    try:
        old_number, new_number = int(request.GET["from"]), int(request.GET["to"])
    except (KeyError, ValueError):
        return None
    old = _readable_version(request, slug, old_number)
    new = _readable_version(request, slug, new_number)
    language = _language_param(request, "text", get_language())
    return {"old": old, "new": new, "language": language, "rows": selectors.compare_versions(old, new, language)}


def compare(request, slug):
    instrument = get_object_or_404(selectors.instruments_for_listing(), slug=slug)
    versions = [v for v in instrument.versions.all() if request.user.has_perm("drafts.read_version", v)]
    context = {"instrument": instrument, "versions": versions}
    comparison = _comparison(request, slug)
    if comparison is None and len(versions) >= 2:
        # Default: the two latest readable versions.
        return redirect(f"{request.path}?from={versions[-2].number}&to={versions[-1].number}")
    context.update(comparison or {})
    return render(request, "drafts/compare.html", context)


def compare_fragment(request, slug):
    """The comparison table alone, for htmx and for exports."""
    comparison = _comparison(request, slug)
    if comparison is None:
        raise Http404(_("Choose two versions to compare."))
    return render(request, "drafts/_compare_rows.html", comparison)


def _provision(request, slug, number, key):
    version = _readable_version(request, slug, number)
    return get_object_or_404(Provision.objects.select_related("version__instrument"), version=version, key=key)


def provision_history(request, slug, number, key):
    provision = _provision(request, slug, number, key)
    return render(
        request,
        "drafts/provision_history.html",
        {
            "provision": provision,
            "version": provision.version,
            "entries": selectors.provision_history(provision),
            "can_restore": request.user.has_perm("drafts.restore_revision") and not provision.version.is_frozen,
        },
    )


@login_required
@require_POST
def provision_restore(request, slug, number, key, record_id):
    provision = _provision(request, slug, number, key)
    if not request.user.has_perm("drafts.restore_revision"):
        raise PermissionDenied(_("Only drafters can restore an earlier revision."))
    record = get_object_or_404(RevisionRecord.objects.get_for_object(provision), pk=record_id)
    try:
        services.provision_restore(provision=provision, revision_record=record, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The earlier revision was restored as a new revision."))
    return redirect("drafts:provision_history", slug=slug, number=number, key=key)


@login_required
def provision_edit(request, slug, number, key):
    provision = _provision(request, slug, number, key)
    if not request.user.has_perm("drafts.edit_text"):
        raise PermissionDenied(_("Only drafters and the secretariat edit texts."))
    if provision.version.is_frozen:
        messages.error(request, _("This version is published and can no longer be changed."))
        return redirect(reverse("drafts:version", args=[slug, number]) + f"#{key}")
    conflict = None
    if request.method == "POST":
        form = ProvisionEditForm(request.POST)
        if form.is_valid():
            try:
                with transaction.atomic():  # an edit and its split stand or fall together
                    updated = services.provision_update(
                        provision=provision,
                        by=request.user,
                        base_revision=form.cleaned_data["base_revision"],
                        reason=form.cleaned_data["reason"],
                        **form.changes(),
                    )
                    if form.split_language:
                        services.provision_split(
                            provision=updated,
                            by=request.user,
                            language=form.split_language,
                            offset=form.split_offset,
                            new_label=form.cleaned_data["split_label"],
                        )
            except services.EditConflict as error:
                conflict = _conflict_view(error.current, form)
                # Keep what this editor typed; move the base forward so a deliberate re-save wins.
                data = request.POST.copy()
                data["base_revision"] = error.current.revision
                form = ProvisionEditForm(data)
                form.is_valid()
                add_service_errors(form, error)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(reverse("drafts:version", args=[slug, number]) + f"#{key}")
    else:
        form = ProvisionEditForm(initial=ProvisionEditForm.initial_for(provision))
    return render(request, "drafts/provision_edit.html", {"provision": provision, "form": form, "conflict": conflict})


@login_required
@require_POST
def provision_merge(request, slug, number, key):
    provision = _provision(request, slug, number, key)
    if not request.user.has_perm("drafts.edit_text"):
        raise PermissionDenied(_("Only drafters and the secretariat edit texts."))
    try:
        services.provision_merge(provision=provision, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The next provision was merged into this one."))
    return redirect(reverse("drafts:version", args=[slug, number]) + f"#{key}")


def _conflict_view(current, form):
    """For each language where the other person's text differs from this editor's: a redline."""
    rows = []
    for code, name in settings.LANGUAGES:
        theirs = current.value_in("text", code)
        mine = form.cleaned_data.get(f"text_{code.replace('-', '_')}", "")
        if theirs != mine:
            rows.append(
                {
                    "language": name,
                    "code": code,
                    "theirs": theirs,
                    "redline": redline.render_html(redline.diff(theirs, mine)),
                }
            )
    return rows


# --- Exports --------------------------------------------------------------------------------

EXPORT_FORMATS = {  # the file extension in the URL -> (writer, content type)
    "docx": (exports.version_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "html": (exports.version_html, "text/html; charset=utf-8"),
    "xml": (exports.version_akn, "application/xml; charset=utf-8"),
}


def _download(content, extension, name):
    # `name` is made of a URL slug, numbers and a known language code, so it is a safe file
    # name; content_disposition_header still quotes it.
    disposition = content_disposition_header(True, f"{name}.{extension}")
    return HttpResponse(
        content, content_type=EXPORT_FORMATS[extension][1], headers={"Content-Disposition": disposition}
    )


def version_export(request, slug, number, fmt):
    """A version in one language as DOCX, print HTML or Akoma Ntoso XML (?text=<language>)."""
    if fmt not in EXPORT_FORMATS:
        raise Http404(_("Unknown export format."))
    version = _readable_version(request, slug, number)
    language = _language_param(request, "text", get_language())
    write = EXPORT_FORMATS[fmt][0]
    return _download(write(version, language), fmt, f"{slug}-v{number}-{language}")


def compare_export(request, slug):
    """The comparison of two versions as Akoma Ntoso XML, changes marked with <ins>/<del>."""
    try:
        old_number, new_number = int(request.GET["from"]), int(request.GET["to"])
    except (KeyError, ValueError):
        raise Http404(_("Choose two versions to compare.")) from None
    old = _readable_version(request, slug, old_number)
    new = _readable_version(request, slug, new_number)
    language = _language_param(request, "text", get_language())
    content = exports.version_compare_akn(old, new, language)
    return _download(content, "xml", f"{slug}-v{old.number}-v{new.number}-{language}")
