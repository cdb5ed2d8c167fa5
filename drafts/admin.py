"""The drafters' administration of texts: instruments (which no page creates) are written here,
through drafts/services, which ask the permission themselves; a refusal is shown on the form
(portal.admin.ServiceAdminMixin). Versions and provisions are only read here: the drafting
workspace writes them (import, editing, publishing, new versions), and each change page links
to it. History is read here, never reverted or recovered from: a provision's earlier revision
is restored on its history page, by the drafting service, as a new revision."""

from django.conf import settings
from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from reversion.admin import VersionAdmin as ReversionAdmin

from portal.admin import ReadOnlyMixin, ServiceAdminMixin
from portal.permissions import reason_refused

from . import selectors, services
from .models import Instrument, Provision, Version
from .services.versions import INSTRUMENT_FIELDS


class TextAdmin(ReversionAdmin, TranslationAdmin):
    """What the three admins of texts share: permissions from drafts/rules.py, and history
    without revert or recovery."""

    change_list_template = "admin/change_list.html"  # no "Recover deleted …" button

    def reversion_register(self, model, **options):
        # The admin registers the models with reversion before drafts/apps.py does; a version's
        # revisions must never follow its provisions (reverting one would delete them).
        super().reversion_register(model, **{**options, "follow": ()})

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("drafts.edit_text")

    def revision_view(self, request, object_id, version_id, extra_context=None):
        self.message_user(
            request,
            gettext("Earlier revisions are shown here for the record; nothing is reverted from the administration."),
            messages.WARNING,
        )
        opts = self.model._meta
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_history", object_id)

    def recover_view(self, request, version_id, extra_context=None):
        return self.recoverlist_view(request)

    def recoverlist_view(self, request, extra_context=None):
        self.message_user(
            request,
            gettext("Deleted texts are not recovered from the administration: their content stays in the history."),
            messages.WARNING,
        )
        opts = self.model._meta
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_changelist")


@admin.register(Instrument)
class InstrumentAdmin(ServiceAdminMixin, TextAdmin):
    """Instruments are back-office records: no page creates one (nor `import_draft`'s first run)."""

    list_display = ["slug", "title"]
    search_fields = ["slug", "title"]
    prepopulated_fields = {"slug": ["title_en"]}

    def save_model(self, request, obj, form, change):
        by = request.user
        if not change:
            language = next((code for code in settings.LANGUAGE_CODES if obj.value_in("title", code)), "en")
            created = services.instrument_create(
                by=by, slug=obj.slug, title=obj.value_in("title", language), language=language
            )
            obj.pk = created.pk
        changes = self.changed_values(form, obj, INSTRUMENT_FIELDS)
        if changes:
            services.instrument_update(instrument=obj, by=by, **changes)
        obj.refresh_from_db()

    def has_add_permission(self, request):
        return request.user.has_perm("drafts.edit_text")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("drafts.edit_text")

    def has_delete_permission(self, request, obj=None):
        return False  # an instrument is never deleted with its versions

    def changed_values(self, form, obj, allowed):
        return {name: getattr(obj, name) for name in form.changed_data if name in allowed}


def _workspace(version):
    return reverse("drafts:version", args=[version.instrument.slug, version.number])


@admin.register(Version)
class DraftVersionAdmin(ReadOnlyMixin, TextAdmin):
    list_display = ["__str__", "number", "status", "symbol", "original_language", "translations"]
    list_filter = ["status", "instrument", "original_language"]
    search_fields = ["label", "symbol"]
    list_select_related = ["instrument"]

    @admin.display(description=_("translations"))
    def translations(self, version):
        status = selectors.translation_status(version)
        return ", ".join(f"{code} {done}/{total}" for code, (done, total) in status.items())

    def staff_page(self, version):
        return _workspace(version), gettext("the version's page in the drafting workspace")


@admin.register(Provision)
class ProvisionAdmin(ReadOnlyMixin, TextAdmin):
    list_display = ["label", "kind", "version", "position", "key"]
    list_filter = ["version__instrument", "version", "kind"]
    search_fields = ["label", "text", "key"]
    list_select_related = ["version__instrument"]

    def staff_page(self, provision):
        return f"{_workspace(provision.version)}#{provision.key}", gettext("the provision in the drafting workspace")

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """To the provision's own history page, where a drafter restores an earlier revision
        through the service (a new revision) while its version is in editing."""
        provision = get_object_or_404(Provision.objects.select_related("version__instrument"), pk=object_id)
        version = provision.version
        reason = reason_refused(request.user, "drafts.restore_revision", version)
        if reason:
            self.message_user(request, reason, messages.WARNING)
        return redirect(
            reverse("drafts:provision_history", args=[version.instrument.slug, version.number, provision.key])
        )
