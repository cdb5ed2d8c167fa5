from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .security import needs_mfa_setup


class PortalAdminSite(admin.AdminSite):
    """The admin: one sign-in for the whole portal (allauth's, with its MFA stage), and no
    way in for secretariat or drafter accounts that have not set up a second factor."""

    # Lazy: read in the language of each request, not in the one active when this module loaded.
    site_header = gettext_lazy("Solidarity portal administration")
    site_title = gettext_lazy("Solidarity portal administration")
    index_title = gettext_lazy("Administration")

    def has_permission(self, request):
        return request.user.has_perm("portal.reach_admin")

    def login(self, request, extra_context=None):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("account_login"))
        if needs_mfa_setup(user):
            messages.warning(request, _("Set up two-factor authentication to reach the administration."))
            return redirect("mfa_index")
        raise PermissionDenied(_("Your account has no access to the administration."))
