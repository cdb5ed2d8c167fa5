"""Reading texts: the list of instruments, an instrument's versions, a version (cached once
published), the comparison of two versions, a provision's history."""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.page_cache import cached_for_anonymous_readers

from .. import selectors
from ..models import Provision


def language_param(request, name, default):
    value = request.GET.get(name) or default
    if value not in settings.LANGUAGE_CODES:
        raise Http404(_("Unknown language."))
    return value


def readable_version(request, slug, number):
    version = selectors.version_by_number(slug=slug, number=number)
    if not request.user.has_perm("drafts.read_version", version):
        raise Http404(_("No such version."))  # an unpublished draft is not even acknowledged
    return version


def readable_provision(request, slug, number, key):
    version = readable_version(request, slug, number)
    return get_object_or_404(Provision.objects.select_related("version__instrument"), version=version, key=key)


def instrument_list(request):
    return render(request, "drafts/instrument_list.html", {"instruments": selectors.instruments_for_listing()})


def instrument_detail(request, slug):
    instrument = get_object_or_404(selectors.instruments_for_listing(), slug=slug)
    versions = [v for v in instrument.versions.all() if request.user.has_perm("drafts.read_version", v)]
    statuses = selectors.translation_statuses(versions)
    rows = [(v, statuses[v.pk]) for v in versions]
    return render(request, "drafts/instrument_detail.html", {"instrument": instrument, "rows": rows})


@cached_for_anonymous_readers
def version_detail(request, slug, number):
    version = readable_version(request, slug, number)
    language = language_param(request, "text", selectors.default_text_language(version, get_language()))
    beside = request.GET.get("beside") or None
    if beside is not None:
        beside = language_param(request, "beside", beside)
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
            "beside_title": version.value_in("title", beside) if beside else "",
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
    old = readable_version(request, slug, old_number)
    new = readable_version(request, slug, new_number)
    language = language_param(request, "text", selectors.compare_language(old, new, get_language()))
    rows = selectors.compare_versions(old, new, language)
    return {
        "old": old,
        "new": new,
        "language": language,
        "rows": rows,
        "missing": sum(row.missing for row in rows),
        "original_language": new.original_language,
    }


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


def provision_history(request, slug, number, key):
    provision = readable_provision(request, slug, number, key)
    return render(
        request,
        "drafts/provision_history.html",
        {
            "provision": provision,
            "version": provision.version,
            "entries": selectors.provision_history(provision),
            "can_restore": request.user.has_perm("drafts.restore_revision", provision.version),
        },
    )
