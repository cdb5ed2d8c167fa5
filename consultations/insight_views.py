"""Search and participation figures: thin views over consultations.search and .analytics."""

from django import forms
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import get_language, get_language_bidi, gettext_lazy
from django.utils.translation import gettext as _

from drafts.models import Instrument

from . import analytics as figures
from . import search as searching
from .models import Round


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search for"), required=False, strip=False)
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False)
    scope = forms.ChoiceField(
        label=gettext_lazy("Search in"),
        required=False,
        choices=[
            (searching.PROVISIONS, gettext_lazy("Texts (provisions)")),
            (searching.COMMENTS, gettext_lazy("Comments")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("All six languages"))] + [
            (code, _(name)) for code, name in settings.LANGUAGES
        ]
        # NUL and other controls are removed by clean_query rather than refused.
        self.fields["q"].validators = []
        self.fields["q"].widget.attrs.update(
            {"type": "search", "maxlength": searching.MAX_QUERY_LENGTH, "autocomplete": "off", "dir": "auto"}
        )

    def clean_q(self):
        query = searching.clean_query(self.cleaned_data.get("q") or "")
        if len(query) > searching.MAX_QUERY_LENGTH:
            raise forms.ValidationError(
                _("The search is %(length)s characters long; the limit is %(limit)s. Search for fewer words.")
                % {"length": len(query), "limit": searching.MAX_QUERY_LENGTH},
                code="too_long",
            )
        return query


def search(request):
    form = SearchForm(request.GET or None)
    context = {"form": form, "query": "", "scope": searching.PROVISIONS, "results": None}
    if not form.is_bound:
        return render(request, "consultations/search.html", context)
    if not form.is_valid():
        return render(request, "consultations/search.html", context, status=400)
    data = form.cleaned_data
    scope = data["scope"] or searching.PROVISIONS
    context.update(query=data["q"], scope=scope, language=data["language"])
    if not data["q"]:
        context["empty"] = True
        return render(request, "consultations/search.html", context)
    found = searching.run(
        request.user,
        data["q"],
        scope=scope,
        language=data["language"],
        interface_language=get_language(),
        page_number=request.GET.get("page"),
    )
    params = request.GET.copy()
    params.pop("page", None)
    context.update(found, base_query=params.urlencode())
    switch = {}
    for other in (searching.PROVISIONS, searching.COMMENTS):
        params["scope"] = other
        switch[other] = params.urlencode()
    context["switch"] = switch
    return render(request, "consultations/search.html", context)


class AnalyticsForm(forms.Form):
    round = forms.ModelChoiceField(
        label=gettext_lazy("Round"),
        required=False,
        empty_label=gettext_lazy("All rounds"),
        queryset=Round.objects.filter(version__isnull=False)
        .select_related("version__instrument")
        .order_by("-opens_at"),
    )
    instrument = forms.ModelChoiceField(
        label=gettext_lazy("Text"),
        required=False,
        empty_label=gettext_lazy("All texts"),
        to_field_name="slug",
        queryset=Instrument.objects.order_by("slug"),
    )
    sort = forms.ChoiceField(
        required=False, choices=[(value, value) for value in figures.SORTS], widget=forms.HiddenInput
    )
    view = forms.ChoiceField(required=False, choices=[("", ""), ("public", "public")], widget=forms.HiddenInput)


def analytics(request):
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
        **figures.figures(
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
    for value in figures.SORTS:
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
