"""The adoption of a published version: entered and confirmed by the secretariat (with a preview
of every State matched), read by anyone (by regional group, as a table and a chart), the votes
on a text over successive resolutions, and the open data (CSV, JSON)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from portal.ids import database_id
from portal.permissions import require
from portal.tabular import csv_stream, json_stream

from .. import selectors, services
from ..forms import AdoptionForm
from ..models import AdoptingBody, Instrument, StateRole
from ..selectors import adoptions as adoption_selectors
from .reading import readable_version

EXPORT_COLUMNS = [
    "instrument",
    "version",
    "symbol",
    "body",
    "session",
    "date",
    "method",
    "state",
    "country",
    "regional_group",
    "role",
    "printed_as",
]


def _initial(version):
    adoption = adoption_selectors.adoption_for_version(version=version)
    if adoption is None:
        return {"body": AdoptingBody.HUMAN_RIGHTS_COUNCIL, "block": version.adoption.get("text", "")}
    names = {
        field: ", ".join(s.name for s in adoption_selectors.sponsors(adoption=adoption, role=role))
        for field, role in (("main_sponsors", StateRole.Role.MAIN_SPONSOR), ("co_sponsors", StateRole.Role.CO_SPONSOR))
    }
    return {
        "body": adoption.body,
        "session": adoption.session,
        "symbol": adoption.symbol,
        "block": adoption.block,
        "explanations": "\n".join(_explanation_line(explanation) for explanation in adoption.explanations),
        **names,
    }


def _explanation_line(explanation):
    """An explanation of vote as the form types it: "address | State | label"."""
    parts = [explanation["address"], explanation["printed_as"], explanation["label"]]
    while parts[-1] == "":
        parts.pop()
    return " | ".join(parts)


def _choices(post):
    """The States a person chose for names not matched with confidence: {row index: State id}."""
    return {
        int(key.removeprefix("state-")): value
        for key, value in post.items()
        if key.startswith("state-")
        and key.removeprefix("state-").isascii()
        and key.removeprefix("state-").isdigit()
        and database_id(value)
    }


@login_required
def adoption_enter(request, slug, number):
    version = selectors.version_by_number(slug=slug, number=number)
    require(request.user, "drafts.enter_adoption", version)
    form = AdoptionForm(request.POST or None, initial=_initial(version))
    preview = None
    if request.method == "POST" and form.is_valid():
        entered = {**form.cleaned_data, "choices": _choices(request.POST)}
        preview = services.adoption_preview(by=request.user, version=version, **entered)
        if "confirm" in request.POST and not preview.problems:
            try:
                services.adoption_record(by=request.user, version=version, **entered)
            except ValidationError as error:  # changed between the preview and the record
                preview.problems = error.messages
            else:
                messages.success(request, _("The adoption is recorded."))
                return redirect("drafts:adoption", slug, number)
    context = {
        "version": version,
        "instrument": version.instrument,
        "form": form,
        "preview": preview,
        "may_confirm": request.user.has_perm("drafts.confirm_adoption", version),
    }
    return render(request, "drafts/adoption_enter.html", context)


def adoption_detail(request, slug, number):
    version = readable_version(request, slug, number)
    adoption = adoption_selectors.adoption_for_version(version=version)
    if adoption is None:
        raise Http404(_("This version has no recorded adoption."))
    groups = adoption_selectors.votes_by_group(adoption=adoption)
    context = {
        "version": version,
        "instrument": version.instrument,
        "adoption": adoption,
        "groups": groups,
        "chart": adoption_selectors.votes_chart(groups=groups, rtl=get_language_bidi()) if groups else None,
        "main_sponsors": adoption_selectors.sponsors(adoption=adoption, role=StateRole.Role.MAIN_SPONSOR),
        "co_sponsors": adoption_selectors.sponsors(adoption=adoption, role=StateRole.Role.CO_SPONSOR),
        "explanations": adoption_selectors.explanations(adoption=adoption),
        "may_enter": request.user.has_perm("drafts.enter_adoption", version),
    }
    return render(request, "drafts/adoption_detail.html", context)


def instrument_votes(request, slug):
    instrument = get_object_or_404(Instrument, slug=slug)
    adoptions = list(adoption_selectors.adoptions_of_instrument(instrument=instrument))
    context = {
        "instrument": instrument,
        "adoptions": adoptions,
        "rows": adoption_selectors.votes_over_time(adoptions=adoptions),
    }
    return render(request, "drafts/instrument_votes.html", context)


def votes_export(request, slug, fmt):
    """Every vote and sponsorship recorded on a text's adoptions, as CSV or JSON."""
    if fmt not in ("csv", "json"):
        raise Http404(_("Unknown export format."))
    instrument = get_object_or_404(Instrument, slug=slug)
    adoptions = adoption_selectors.adoptions_of_instrument(instrument=instrument)
    rows = adoption_selectors.vote_rows(adoptions=adoptions)
    stream = csv_stream(rows, EXPORT_COLUMNS) if fmt == "csv" else json_stream(rows)
    content_type = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
    disposition = content_disposition_header(True, f"{slug}-votes.{fmt}")
    return StreamingHttpResponse(stream, content_type=content_type, headers={"Content-Disposition": disposition})
