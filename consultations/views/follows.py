"""Following a text or a provision (notifications of new versions, comments and replies)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from drafts.models import Instrument
from portal.service_errors import service_errors_as_messages

from .. import services


@login_required
@require_POST
def follow(request, slug):
    instrument = get_object_or_404(Instrument, slug=slug)
    key = request.POST.get("key", "")[:40]
    following = False  # what the page shows when the service refuses
    with service_errors_as_messages(request):
        following = services.follow_set(
            user=request.user, instrument=instrument, key=key, follow=request.POST.get("follow") == "1"
        )
        messages.success(
            request,
            _("You will be told by email of new versions, comments and replies.")
            if following
            else _("You no longer follow it."),
        )
    if request.headers.get("HX-Request"):
        return render(
            request,
            "consultations/_follow.html",
            {"instrument": instrument, "key": key, "following": following, "announce": True},
        )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "consultations:my_contributions"
    return redirect(target)
