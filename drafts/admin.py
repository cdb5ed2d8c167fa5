"""The drafters' administration of texts: another door to the same services.

Every save, deletion and action goes through drafts/services (which ask the permission and the
version's state themselves); a refusal is shown on the form (portal.admin.ServiceAdminMixin).
The admin asks the same permissions to show an action: a published or superseded version and
its provisions show no Save or Delete at all. History is read here, never reverted or recovered
from: a provision's earlier revision is restored on its history page, by the drafting service,
as a new revision."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from reversion.admin import VersionAdmin as ReversionAdmin

from portal.admin import ServiceAdminMixin, refusal_text
from portal.permissions import reason_refused
from portal.service_errors import REFUSALS

from . import selectors, services
from .models import Instrument, Provision, Version
from .services.provisions import CONTENT_FIELDS
from .services.versions import INSTRUMENT_FIELDS, VERSION_FIELDS


def _version_of(obj):
    return obj.version if isinstance(obj, Provision) else obj if isinstance(obj, Version) else None


class TextAdmin(ServiceAdminMixin, ReversionAdmin, TranslationAdmin):
    """What the three admins of texts share: permissions from drafts/rules.py, and history
    without revert or recovery."""

    change_list_template = "admin/change_list.html"  # no "Recover deleted …" button

    def reversion_register(self, model, **options):
        # The admin registers the models with reversion before drafts/apps.py does; a version's
        # revisions must never follow its provisions (reverting one would delete them).
        super().reversion_register(model, **{**options, "follow": ()})

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("drafts.edit_text")

    def has_add_permission(self, request):
        return request.user.has_perm("drafts.edit_text")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("drafts.edit_text", _version_of(obj))

    def has_delete_permission(self, request, obj=None):
        return False  # versions and instruments are never deleted; provisions say otherwise

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

    def changed_values(self, form, obj, allowed):
        return {name: getattr(obj, name) for name in form.changed_data if name in allowed}


@admin.register(Instrument)
class InstrumentAdmin(TextAdmin):
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


class ProvisionAdminForm(forms.ModelForm):
    """The revision the editor started from: the service refuses a save based on a stale one
    instead of overwriting someone's change."""

    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Provision
        exclude = ["revision"]  # noqa: DJ006 (every translated column, which modeltranslation adds)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["base_revision"].initial = self.instance.revision


def _by_language(provision, field):
    return {
        code: provision.value_in(field, code) for code in settings.LANGUAGE_CODES if provision.value_in(field, code)
    }


def _create(provision, by):
    """A provision the admin filled in, added at the end of its version by the service."""
    return services.provision_create(
        version=provision.version,
        by=by,
        kind=provision.kind,
        label=provision.label,
        parent=provision.parent,
        texts=_by_language(provision, "text"),
        headings=_by_language(provision, "heading"),
        footnotes=_by_language(provision, "footnotes"),
    )


CONTENT = (*CONTENT_FIELDS, "parent")
NUMBERING = ("position", "label")


class ProvisionInline(TranslationTabularInline):
    model = Provision
    form = ProvisionAdminForm
    fields = ["position", "kind", "label", "parent", "text", "base_revision"]
    ordering = ["position"]
    extra = 0
    show_change_link = True
    raw_id_fields = ["parent"]

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("drafts.edit_text")

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("drafts.edit_text", obj)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("drafts.edit_text", obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("drafts.edit_text", obj)


def _confirm(modeladmin, request, queryset, action, question):
    """An intermediate page: admin actions that change the status of a text ask first."""
    if request.POST.get("confirmed") == "yes":
        return None
    return TemplateResponse(
        request,
        "admin/drafts/confirm_action.html",
        {
            **modeladmin.admin_site.each_context(request),
            "objects": queryset,
            "action": action,
            "question": question,
            "opts": modeladmin.model._meta,
        },
    )


@admin.register(Version)
class DraftVersionAdmin(TextAdmin):
    list_display = ["__str__", "number", "status", "symbol", "original_language", "translations"]
    list_filter = ["status", "instrument", "original_language"]
    search_fields = ["label", "symbol"]
    readonly_fields = ["number", "status", "published_at", "published_by", "based_on"]
    inlines = [ProvisionInline]
    actions = ["publish", "new_version"]

    @admin.display(description=_("translations"))
    def translations(self, version):
        status = selectors.translation_status(version)
        return ", ".join(f"{code} {done}/{total}" for code, (done, total) in status.items())

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "instrument"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        by = request.user
        if not change:
            language = obj.original_language
            created = services.version_create(
                instrument=obj.instrument,
                by=by,
                label=obj.value_in("label", language) or obj.value_in("label", settings.LANGUAGE_CODE),
                original_language=language,
                symbol=obj.symbol,
                date=obj.date,
                title=obj.value_in("title", language),
            )
            obj.pk = created.pk
        changes = self.changed_values(form, obj, VERSION_FIELDS)
        if changes:
            services.version_update(version=obj, by=by, **changes)
        obj.refresh_from_db()

    def save_formset(self, request, form, formset, change):
        """The provisions of the version, through the services: deleted, edited (each from the
        revision its editor started from), added, then numbered and ordered all at once, so
        that labels may swap (PP2 and PP3) in one save."""
        version, by = form.instance, request.user
        formset.save(commit=False)
        for provision in formset.deleted_objects:
            services.provision_delete(provision=provision, by=by)
        numbering = {}
        for edited in formset.forms:
            provision = edited.instance
            if edited in formset.deleted_forms or not edited.has_changed():
                continue
            if provision.pk is None:
                provision = _create(provision, by)
                numbering[provision.pk] = {"position": edited.cleaned_data["position"]}
                continue
            base = edited.cleaned_data.get("base_revision")
            content = self.changed_values(edited, provision, CONTENT)
            content.pop("label", None)  # labels change together, below
            if content:
                base = services.provision_update(provision=provision, by=by, base_revision=base, **content).revision
            numbering[provision.pk] = {
                "position": edited.cleaned_data["position"],
                "label": edited.cleaned_data["label"],
                "base_revision": base,
            }
        if numbering:
            services.provisions_renumber(version=version, by=by, numbering=numbering)

    def has_publish_permission(self, request):
        return request.user.has_perm("drafts.publish_version")

    @admin.action(description=_("Publish the selected versions"), permissions=["publish"])
    def publish(self, request, queryset):
        response = _confirm(
            self,
            request,
            queryset,
            "publish",
            gettext(
                "Publishing freezes a version: nobody can change it afterwards, and the version it "
                "replaces becomes superseded. Publish?"
            ),
        )
        if response:
            return response
        for version in queryset:
            try:
                services.version_publish(version=version, by=request.user, reason=gettext("Published from the admin"))
            except REFUSALS as error:
                self.message_user(request, f"{version}: {refusal_text(error)}", messages.ERROR)
            else:
                self.message_user(
                    request, gettext("%(version)s is published.") % {"version": version}, messages.SUCCESS
                )
        return None

    @admin.action(description=_("Make a new version from the selected version"), permissions=["add"])
    def new_version(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, gettext("Select exactly one version to copy."), messages.ERROR)
            return None
        response = _confirm(
            self,
            request,
            queryset,
            "new_version",
            gettext("A new version in editing will be made, with every provision copied. Continue?"),
        )
        if response:
            return response
        new = services.version_copy(version=queryset.get(), by=request.user, label=gettext("New version"))
        self.message_user(
            request, gettext("Version %(number)s was created.") % {"number": new.number}, messages.SUCCESS
        )
        return None


@admin.register(Provision)
class ProvisionAdmin(TextAdmin):
    """One provision. Its place in the version is changed in the version's list of provisions."""

    form = ProvisionAdminForm
    list_display = ["label", "kind", "version", "position", "key"]
    list_filter = ["version__instrument", "version", "kind"]
    search_fields = ["label", "text", "key"]
    list_select_related = ["version__instrument"]
    raw_id_fields = ["parent", "version"]

    def get_readonly_fields(self, request, obj=None):
        return ["key", "version", "position"] if obj else ["key", "position"]

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("drafts.edit_text", _version_of(obj))

    def save_model(self, request, obj, form, change):
        if not change:
            obj.pk = _create(obj, request.user).pk
        else:
            changes = self.changed_values(form, obj, CONTENT)
            if changes:
                services.provision_update(
                    provision=obj, by=request.user, base_revision=form.cleaned_data.get("base_revision"), **changes
                )
        obj.refresh_from_db()

    def delete_model(self, request, obj):
        services.provision_delete(provision=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for provision in queryset:
            services.provision_delete(provision=provision, by=request.user)

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
