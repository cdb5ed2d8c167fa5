"""Comment exports: each view validates the filters, checks the audience, reads and writes."""

import tempfile

from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from drafts.models import Instrument, Provision
from drafts.selectors import version_by_number
from portal.permissions import require
from portal.tabular import json_stream

from ..exports.compilation import version_compilation as compilation_docx
from ..exports.csv_export import comments_csv
from ..exports.filters import BY_PROVISION, SECRETARIAT, ExportFilterForm
from ..exports.xlsx import write_workbook
from ..models import Round
from ..selectors.exports import Permalinks, columns_for, comment_export_rows, comments_by_provision, export_targets

DATA_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def export_page(request):
    """Every round, version and instrument with its download links, and the filters (GET)."""
    staff = request.user.has_perm("consultations.see_secretariat_only")
    form = ExportFilterForm.for_page(request.GET or None, staff=staff)
    query = form.query_string() if form.is_bound and form.is_valid() else ""
    return render(request, "consultations/exports/index.html", {"form": form, "query": query, **export_targets()})


def round_comments(request, pk, fmt):
    round = get_object_or_404(Round, pk=pk, version__isnull=False)
    provisions = Provision.objects.filter(version_id=round.version_id)
    return _data_export(request, fmt, scope={"round": round}, provisions=provisions, name=f"round-{round.pk}-comments")


def version_comments(request, slug, number, fmt):
    version = _readable_version(request, slug, number)
    return _data_export(
        request, fmt, scope={"version": version}, provisions=version.provisions.all(), name=f"{slug}-v{number}-comments"
    )


def instrument_comments(request, slug, fmt):
    instrument = get_object_or_404(Instrument, slug=slug)
    provisions = Provision.objects.filter(version__instrument=instrument)
    return _data_export(
        request, fmt, scope={"version__instrument": instrument}, provisions=provisions, name=f"{slug}-comments"
    )


def version_compilation(request, slug, number):
    version = _readable_version(request, slug, number)
    form = ExportFilterForm(request.GET, provisions=version.provisions.all())
    if not form.is_valid():
        return _bad_request(request, form)
    filters = form.cleaned_data
    audience = _audience(request, filters)
    comments = comments_by_provision(version=version, filters=filters, audience=audience)
    headings = filters["headings"] or translation.get_language()
    content = compilation_docx(
        version,
        comments,
        headings_language=headings,
        text_language=filters["text"] or version.original_language,
        secretariat=audience == SECRETARIAT,
    )
    filename = _filename(f"{slug}-v{number}-compilation-{headings}", audience, "docx")
    return HttpResponse(
        content, content_type=DOCX, headers={"Content-Disposition": content_disposition_header(True, filename)}
    )


def _data_export(request, fmt, *, scope, provisions, name):
    if fmt not in DATA_FORMATS:
        raise Http404(_("Unknown export format."))
    form = ExportFilterForm(request.GET, provisions=provisions)
    if not form.is_valid():
        return _bad_request(request, form)
    filters = form.cleaned_data
    audience = _audience(request, filters)
    query = {"scope": scope, "filters": filters, "audience": audience, "permalink": Permalinks(request)}
    filename = _filename(name, audience, fmt)
    if fmt == "xlsx":
        # Deleted when closed, which FileResponse does once the download ends: no `with` here.
        file = tempfile.TemporaryFile()  # noqa: SIM115
        write_workbook(
            file, comments_csv(**query), columns_for(audience), by_provision=filters["layout"] == BY_PROVISION
        )
        file.seek(0)
        return FileResponse(file, as_attachment=True, filename=filename, content_type=DATA_FORMATS[fmt])
    chunks = comments_csv(**query) if fmt == "csv" else json_stream(comment_export_rows(**query))
    response = StreamingHttpResponse(_in_language(translation.get_language(), chunks), content_type=DATA_FORMATS[fmt])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _in_language(language, chunks):
    """Rows are read while the response is sent, after the view has returned: organization
    names and permalinks keep the language of the request."""
    with translation.override(language):
        yield from chunks


def _readable_version(request, slug, number):
    version = version_by_number(slug=slug, number=number)
    if not request.user.has_perm("drafts.read_version", version):
        raise Http404(_("No such version."))  # an unpublished draft is not even acknowledged
    return version


def _audience(request, filters):
    """The secretariat's exports hold confidential and unmoderated contributions: they need
    the secretariat's (or a drafter's) role, held with a second factor."""
    if filters["audience"] == SECRETARIAT:
        require(request.user, "consultations.see_secretariat_only")
    return filters["audience"]


def _filename(name, audience, extension):
    # `name` is built from a slug and numbers: a safe file name.
    return f"{name}-secretariat.{extension}" if audience == SECRETARIAT else f"{name}.{extension}"


def _bad_request(request, form):
    return render(request, "consultations/exports/bad_request.html", {"errors": form.error_lines()}, status=400)
