"""A person's own pages: profile, memberships, personal data, closing the account."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import selectors, services
from ..forms import CloseAccountForm, ProfileForm
from ..service_errors import add_service_errors


@login_required
def profile(request):
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=request.user)
        if form.is_valid():
            try:
                services.profile_update(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your profile is saved."))
                return redirect("profile")
    else:
        form = ProfileForm(instance=request.user)
    return render(request, "portal/profile.html", {"form": form, **selectors.profile_overview(request.user)})


@login_required
def personal_data(request):
    data = json.dumps(selectors.personal_data(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@login_required
def close_account(request):
    form = CloseAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.account_close(user=request.user, reason=_("Closed by the account holder"))
        logout(request)
        messages.success(request, _("Your account is closed. Thank you for taking part."))
        return redirect("home")
    return render(request, "portal/close_account.html", {"form": form})
