"""The home page, a text's timeline of phases and rounds, and a round's page."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from drafts.models import Instrument
from drafts.selectors import default_text_language, reading_rows
from portal.page_cache import cached_for_anonymous_readers, page_true_until

from .. import selectors


def home(request):
    return render(
        request,
        "consultations/home.html",
        {"open_rounds": selectors.round_list_open(), "instruments": Instrument.objects.order_by("slug")},
    )


def timeline(request, slug):
    instrument = get_object_or_404(Instrument, slug=slug)
    return render(
        request,
        "consultations/timeline.html",
        {
            "instrument": instrument,
            "phases": selectors.phase_list_for_instrument(instrument=instrument),
            "rounds": selectors.round_list_for_instrument(instrument=instrument),
        },
    )


@cached_for_anonymous_readers
def round_detail(request, pk):
    round = selectors.round_get(pk=pk)
    page_true_until(request, round.state_changes_at(timezone.now()))
    participation = selectors.participation_for(
        user=request.user, round=round, action="comment" if round.version_id else "answer"
    )
    context = {
        "round": round,
        "now_state": round.state,
        "participation": participation,
        "can_submit": request.user.has_perm("consultations.submit", round),
        "can_answer": request.user.has_perm("consultations.answer_questionnaire", round),
        "superseded": selectors.round_superseded_notice(round=round),
    }
    if round.version_id:
        language = request.GET.get("text") or default_text_language(round.version, get_language())
        if language not in settings.LANGUAGE_CODES:
            raise Http404(_("Unknown language."))
        counts = selectors.comment_counts_for_reader(user=request.user, version=round.version)
        rows = reading_rows(round.version, language)
        for row in rows:
            row.counts = counts.get(row.provision.pk)
        context.update(
            rows=rows,
            language=language,
            version=round.version,
            general_counts=counts.get(None),
            following="" in selectors.follow_keys(user=request.user, instrument=round.version.instrument),
        )
    return render(request, "consultations/round_detail.html", context)
