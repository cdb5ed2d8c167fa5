"""A version as DOCX, print HTML or Akoma Ntoso XML; a comparison as Akoma Ntoso."""

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .. import exports, selectors
from .reading import language_param, readable_version

EXPORT_FORMATS = {  # the file extension in the URL -> (writer, content type)
    "docx": (exports.version_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "html": (exports.version_html, "text/html; charset=utf-8"),
    "xml": (exports.version_akn, "application/xml; charset=utf-8"),
}


def _download(content, extension, name):
    # `name` is made of a URL slug, numbers and a known language code, so it is a safe file
    # name; content_disposition_header still quotes it. The print HTML opens in the browser
    # (to be read or printed there); the other formats are saved.
    disposition = content_disposition_header(extension != "html", f"{name}.{extension}")
    return HttpResponse(
        content, content_type=EXPORT_FORMATS[extension][1], headers={"Content-Disposition": disposition}
    )


def version_export(request, slug, number, fmt):
    """A version in one language as DOCX, print HTML or Akoma Ntoso XML (?text=<language>)."""
    if fmt not in EXPORT_FORMATS:
        raise Http404(_("Unknown export format."))
    version = readable_version(request, slug, number)
    language = language_param(request, "text", selectors.default_text_language(version, get_language()))
    write = EXPORT_FORMATS[fmt][0]
    return _download(write(version, language), fmt, f"{slug}-v{number}-{language}")


def compare_export(request, slug):
    """The comparison of two versions as Akoma Ntoso XML, changes marked with <ins>/<del>."""
    try:
        old_number, new_number = int(request.GET["from"]), int(request.GET["to"])
    except (KeyError, ValueError):
        raise Http404(_("Choose two versions to compare.")) from None
    old = readable_version(request, slug, old_number)
    new = readable_version(request, slug, new_number)
    language = language_param(request, "text", selectors.compare_language(old, new, get_language()))
    content = exports.version_compare_akn(old, new, language)
    return _download(content, "xml", f"{slug}-v{old.number}-v{new.number}-{language}")
