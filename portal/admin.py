from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from . import outbox, services
from .models import (
    AuditAction,
    AuditEntry,
    Invitation,
    Membership,
    MembershipStatus,
    Organization,
    OrganizationName,
    OutgoingEmail,
    User,
)
from .service_errors import REFUSALS, add_service_errors, as_validation_error

# Roles are groups the migrations create (portal/roles.py) and the rules read; what a group's
# own permissions would grant is never asked, so the group admin would only mislead.
admin.site.unregister(Group)


def refusal_text(error):
    return " ".join(as_validation_error(error).messages)


class ServiceAdminMixin:
    """For admins whose saves and deletions go through the services: a service's refusal
    (ValidationError, PermissionDenied) raised while saving undoes the whole save (the admin
    saves in one transaction) and shows the same form again, with what the person typed and
    the refusal above it; a refused deletion comes back as a message."""

    def add_view(self, request, form_url="", extra_context=None):
        return self._again_if_refused(super().add_view, request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return self._again_if_refused(super().change_view, request, object_id, form_url, extra_context)

    def _again_if_refused(self, view, request, *args):
        # Outside the view's transaction (and its reversion revision), so both are undone.
        try:
            return view(request, *args)
        except REFUSALS as error:
            if request.method != "POST" or hasattr(request, "service_refusal"):
                raise
            request.service_refusal = error
            return view(request, *args)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        refusal = getattr(request, "service_refusal", None)
        if refusal is None:
            return form

        class RefusedForm(form):
            def clean(self):
                cleaned = super().clean()
                add_service_errors(self, refusal)
                return cleaned

        return RefusedForm

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except REFUSALS as error:
            self.message_user(request, refusal_text(error), messages.ERROR)
            opts = self.model._meta
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_changelist")


class StaffPageMixin:
    """`staff_page(obj)` names the staff page that writes the record: its change page links there."""

    change_form_template = "admin/staff_page_change_form.html"

    def staff_page(self, obj):
        """(address, link text) of the staff page that writes `obj`, or None."""
        return None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        page = self.staff_page(obj) if obj is not None else None
        if page:
            extra_context = {**(extra_context or {}), "staff_page_url": page[0], "staff_page_text": page[1]}
        return super().change_view(request, object_id, form_url, extra_context)


class ReadOnlyMixin(StaffPageMixin):
    """For records that only services write (logs, decisions, contributions, and everything staff
    change on their own pages)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "preferred_language", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups", "preferred_language"]
    search_fields = ["email", "display_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["display_name", "preferred_language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "display_name", "password1", "password2"]}),
    ]

    def has_delete_permission(self, request, obj=None):
        return False  # people are never deleted with their words: close the account instead

    def get_readonly_fields(self, request, obj=None):
        # The secretariat grants roles; only a superuser makes another superuser.
        readonly = ["last_login", "date_joined"]
        return readonly if request.user.is_superuser else [*readonly, "is_superuser"]

    def save_related(self, request, form, formsets, change):
        before = set(form.instance.groups.values_list("name", flat=True)) if change else set()
        super().save_related(request, form, formsets, change)
        after = set(form.instance.groups.values_list("name", flat=True))
        if before != after:
            services.audit_record(
                actor=request.user,
                action=AuditAction.ROLES_CHANGED,
                subject=form.instance,
                added=sorted(after - before),
                removed=sorted(before - after),
            )


class OrganizationNameInline(admin.TabularInline):
    """A State's names in the six languages and their other forms: written by `load_states`
    from the UN's data, shown here, never edited by hand."""

    model = OrganizationName
    fields = ["language", "name", "official"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Organization)
class OrganizationAdmin(StaffPageMixin, TranslationAdmin):
    """The directory, a back-office record: its names, kinds and statuses are corrected here.
    Verifying an organization is an accreditation decision, taken on the accreditation requests
    page through the service (permission, audit log), never here."""

    inlines = [OrganizationNameInline]
    list_display = ["name", "acronym", "kind", "country", "regional_group", "ecosoc_status", "verified"]
    list_filter = ["kind", "regional_group", "ecosoc_status", "verified"]
    search_fields = ["name", "acronym", "country"]
    readonly_fields = ["verified"]

    def has_delete_permission(self, request, obj=None):
        return False

    def staff_page(self, organization):
        if organization.verified:
            return reverse("organization_members", args=[organization.pk]), _members_text()
        return _requests_page()


def _members_text():
    return gettext("the organization's members")


def _requests_page():
    return reverse("pending_requests"), gettext(
        "the accreditation requests, where decisions and verifications are made"
    )


@admin.register(Membership)
class MembershipAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Decisions are taken on the accreditation pages, through the services (permission, audit,
    no double decision)."""

    list_display = ["user", "organization", "role", "status", "requested_at", "decided_at", "decided_by"]
    list_filter = ["status", "role", "organization__kind", "organization__regional_group"]
    search_fields = ["user__email", "user__display_name", "organization__name"]
    list_select_related = ["user", "organization", "decided_by"]
    readonly_fields = [
        "user",
        "organization",
        "role",
        "status",
        "note",
        "letter",
        "requested_at",
        "decided_at",
        "decided_by",
        "decision_reason",
    ]

    def staff_page(self, membership):
        if membership.status == MembershipStatus.PENDING or not membership.organization_id:
            return _requests_page()
        return reverse("organization_members", args=[membership.organization_id]), _members_text()


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    pass


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["email", "organization", "role", "created_by", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email"]
    exclude = ["token_hash"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "subject", "organization", "reason"]
    list_filter = ["action"]
    search_fields = ["subject__email", "actor__email", "reason"]
    list_select_related = ["actor", "subject", "organization"]


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ReadOnlyAdmin):
    """The outbox: what was sent, what waits, what failed and why; failed ones can be sent again.
    Bodies are not shown (some hold a secret link)."""

    list_display = [
        "created_at",
        "to",
        "kind",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "sent_at",
    ]
    list_filter = ["status", "kind", "language"]
    search_fields = ["to", "subject"]
    fields = [*list_display, "language", "claimed_by", "claimed_until"]
    actions = ["resend"]

    def has_resend_permission(self, request):
        return request.user.has_perm("portal.resend_email")

    @admin.action(description=_("Send again now"), permissions=["resend"])
    def resend(self, request, queryset):
        try:
            count = outbox.emails_resend(emails=list(queryset), by=request.user)
        except REFUSALS as error:
            self.message_user(request, refusal_text(error), messages.ERROR)
        else:
            self.message_user(request, gettext("%(n)s emails queued again.") % {"n": count}, messages.SUCCESS)
