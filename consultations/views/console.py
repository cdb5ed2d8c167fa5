"""The secretariat's console: its landing page after sign-in, with what needs attention now."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from portal.permissions import require

from .. import selectors


@login_required
def console(request):
    require(request.user, "consultations.moderate")
    return render(
        request,
        "consultations/console.html",
        {
            "figures": selectors.console_figures(),
            "closing_soon": selectors.round_list_closing_soon(),
            "superseded": selectors.round_list_on_superseded_versions(),
        },
    )
