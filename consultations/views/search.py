"""Full-text search over the public texts and the comments the reader may see."""

from django.shortcuts import render
from django.utils.translation import get_language

from ..forms import SearchForm
from ..selectors import search as searching


def search(request):
    form = SearchForm(request.GET or None)
    context = {
        "form": form,
        "query": "",
        "scope": searching.PROVISIONS,
        "results": None,
        "PROVISIONS": searching.PROVISIONS,
        "COMMENTS": searching.COMMENTS,
    }
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
    found = searching.search_results(
        user=request.user,
        query=data["q"],
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
