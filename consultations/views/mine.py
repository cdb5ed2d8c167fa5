"""A participant's own pages: their contributions, and which notifications they receive."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import selectors, services
from ..models import NotificationKind, NotificationPreference, tracking_number_normalize


@login_required
def my_contributions(request):
    """One's contributions with their tracking numbers (`?number=` finds one), and the requests
    to co-sign addressed to one's organizations."""
    typed = request.GET.get("number", "")[:40]
    number = tracking_number_normalize(typed)
    context = selectors.contribution_lists_for_user(user=request.user, number=number)
    context.update(number=number, typed=typed, not_a_number=bool(typed.strip()) and not number)
    return render(request, "consultations/my_contributions.html", context)


@login_required
def notification_preferences(request):
    kinds = NotificationKind.choices
    if request.method == "POST":
        try:
            services.notification_preferences_set(user=request.user, enabled=set(request.POST.getlist("kinds")))
        except ValidationError as error:
            return HttpResponseBadRequest(" ".join(error.messages))
        messages.success(request, _("Your choices are saved."))
        return redirect("consultations:notification_preferences")
    off = set(NotificationPreference.objects.filter(user=request.user, enabled=False).values_list("kind", flat=True))
    return render(
        request,
        "consultations/notification_preferences.html",
        {"kinds": [(k, label, k not in off) for k, label in kinds]},
    )
