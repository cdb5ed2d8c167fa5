"""Participation figures: charts and the heat map of the provisions."""

from django.shortcuts import render
from django.utils.translation import get_language, get_language_bidi

from ..forms import AnalyticsForm
from ..selectors import analytics


def analytics_page(request):
    form = AnalyticsForm(request.GET or None)
    staff = request.user.has_perm("consultations.see_secretariat_only")
    if form.is_bound and not form.is_valid():
        return render(request, "consultations/analytics.html", {"form": form, "staff": staff}, status=400)
    data = form.cleaned_data if form.is_bound else {}
    round, instrument = data.get("round"), data.get("instrument")
    if round is not None:
        instrument = None  # the round names its text
    everything = staff and data.get("view") != "public"
    sort = data.get("sort") or "document"
    context = {
        "form": form,
        "staff": staff,
        "everything": everything,
        "round": round,
        "instrument": instrument,
        "sort": sort,
        "rtl": get_language_bidi(),
        **analytics.participation_figures(
            round=round,
            instrument=instrument,
            everything=everything,
            language=get_language(),
            rtl=get_language_bidi(),
            sort=sort,
        ),
    }
    params = request.GET.copy()
    sort_links = {}
    for value in analytics.SORTS:
        params["sort"] = value
        sort_links[value] = params.urlencode()
    params = request.GET.copy()
    params.pop("sort", None)
    if everything:
        params["view"] = "public"
    else:
        params.pop("view", None)
    context.update(sort_links=sort_links, view_switch=params.urlencode())
    return render(request, "consultations/analytics.html", context)
