from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from reversion.admin import VersionAdmin as ReversionAdmin

from . import selectors, services
from .models import Instrument, Provision, Version


@admin.register(Instrument)
class InstrumentAdmin(ReversionAdmin, TranslationAdmin):
    list_display = ["slug", "title"]
    search_fields = ["slug", "title"]
    prepopulated_fields = {"slug": ["title_en"]}


class ProvisionInline(TranslationTabularInline):
    model = Provision
    fields = ["position", "kind", "label", "parent", "text"]
    ordering = ["position"]
    extra = 0
    show_change_link = True
    raw_id_fields = ["parent"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.is_frozen)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not (obj and obj.is_frozen)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_frozen)


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
class DraftVersionAdmin(ReversionAdmin, TranslationAdmin):
    list_display = ["__str__", "number", "status", "symbol", "original_language", "translations"]
    list_filter = ["status", "instrument", "original_language"]
    search_fields = ["label", "symbol"]
    readonly_fields = ["status", "published_at", "published_by", "based_on"]
    inlines = [ProvisionInline]
    actions = ["publish", "new_version"]

    @admin.display(description=_("translations"))
    def translations(self, version):
        status = selectors.translation_status(version)
        return ", ".join(f"{code} {done}/{total}" for code, (done, total) in status.items())

    def get_readonly_fields(self, request, obj=None):
        if obj and obj.is_frozen:
            return [f.name for f in self.model._meta.fields]  # frozen: nothing editable
        return self.readonly_fields

    @admin.action(description=_("Publish the selected versions"))
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
            except ValidationError as error:
                self.message_user(request, f"{version}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(
                    request, gettext("%(version)s is published.") % {"version": version}, messages.SUCCESS
                )

    @admin.action(description=_("Make a new version from the selected version"))
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
        source = queryset.get()
        new = services.version_copy(version=source, by=request.user, label=gettext("New version"))
        self.message_user(
            request, gettext("Version %(number)s was created.") % {"number": new.number}, messages.SUCCESS
        )
        return None


class ProvisionAdminForm(forms.ModelForm):
    """Refuses a save based on a stale revision instead of overwriting someone's change."""

    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Provision
        exclude = ["revision"]  # noqa: DJ006 (every translated column, which modeltranslation adds)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["base_revision"].initial = self.instance.revision

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            if self.instance.version.is_frozen:
                raise ValidationError(gettext("This version is published and can no longer be changed."))
            current = Provision.objects.filter(pk=self.instance.pk).values_list("revision", flat=True).first()
            if cleaned.get("base_revision") != current:
                raise ValidationError(
                    gettext(
                        "Someone saved this provision while you were editing it. Open it again to see "
                        "their change; your text is still in this form."
                    )
                )
        return cleaned


@admin.register(Provision)
class ProvisionAdmin(ReversionAdmin, TranslationAdmin):
    form = ProvisionAdminForm
    list_display = ["label", "kind", "version", "position", "key"]
    list_filter = ["version__instrument", "version", "kind"]
    search_fields = ["label", "text", "key"]
    list_select_related = ["version__instrument"]
    readonly_fields = ["key"]
    raw_id_fields = ["parent", "version"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.version.is_frozen)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.version.is_frozen)

    def save_model(self, request, obj, form, change):
        if change:
            obj.revision += 1
        super().save_model(request, obj, form, change)
