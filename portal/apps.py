from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps  # the module, so Django finds one default config
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("People and organizations")

    def email_context(self, data, *, site_url):
        """What the portal's own emails show (portal/outbox.py asks each app through this hook)."""
        from .selectors import email_context

        return email_context(data=data, site_url=site_url)


class PortalAdminConfig(admin_apps.AdminConfig):
    """The admin, behind the portal's own sign-in and its MFA requirement."""

    default = False
    default_site = "portal.admin_site.PortalAdminSite"
