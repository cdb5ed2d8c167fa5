from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import MembershipRole, Organization, OrganizationKind, User
from .text_checks import clean_text
from .translated import lazy_format
from .widgets import TranslatedModelChoiceField


class SignupExtraForm(forms.Form):
    """What allauth's sign-up form asks on top of email and password."""

    display_name = forms.CharField(
        label=_("Your name"), max_length=150, help_text=_("As it should appear next to your contributions.")
    )

    def clean_display_name(self):
        return clean_text(self.cleaned_data["display_name"], field_name="display_name", max_length=150)

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"]
        user.save(update_fields=["display_name"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "preferred_language", "accreditation_emails"]


class MembershipRequestForm(forms.Form):
    """Ask to speak for an organization from the directory, for a new one, or as an expert."""

    organization = TranslatedModelChoiceField(
        translated_field="name",
        label=_("Organization"),
        queryset=Organization.objects.verified(),
        required=False,
        help_text=_("Choose from the directory, or leave empty and propose a new organization below."),
        error_messages={"invalid_choice": _("Choose an organization from the directory.")},
    )
    role = forms.ChoiceField(label=_("Your role"), choices=MembershipRole.choices)
    new_organization_name = forms.CharField(label=_("New organization: name"), max_length=255, required=False)
    new_organization_kind = forms.ChoiceField(
        label=_("New organization: kind"),
        choices=[("", "—")] + [c for c in OrganizationKind.choices if c[0] not in OrganizationKind.states()],
        required=False,
    )
    new_organization_acronym = forms.CharField(label=_("New organization: acronym"), max_length=40, required=False)
    note = forms.CharField(
        label=_("Note to the secretariat"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )
    letter = forms.FileField(
        label=_("Letter of accreditation (PDF, DOCX or ODT)"),
        required=False,
        help_text=lazy_format(_("At most %(size)s MB."), size=settings.MAX_DOCUMENT_UPLOAD_BYTES // (1024 * 1024)),
    )

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        has_new = bool(cleaned.get("new_organization_name"))
        if role == MembershipRole.EXPERT:
            if cleaned.get("organization") or has_new:
                raise forms.ValidationError(
                    _("Independent experts take part in their personal capacity: choose no organization.")
                )
        elif not cleaned.get("organization") and not has_new:
            raise forms.ValidationError(_("Choose an organization, or propose a new one."))
        elif cleaned.get("organization") and has_new:
            raise forms.ValidationError(_("Choose an organization or propose a new one, not both."))
        elif has_new and not cleaned.get("new_organization_kind"):
            self.add_error("new_organization_kind", _("Say what kind of organization it is."))
        return cleaned


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("refuse", _("Refuse")), ("revoke", _("Revoke"))])
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    organization = TranslatedModelChoiceField(
        translated_field="name",
        label=_("Organization"),
        queryset=Organization.objects.verified(),
        required=False,
        help_text=_("Leave empty to invite an independent expert."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)
    language = forms.ChoiceField(label=_("Language of the email"), choices=settings.LANGUAGES)


class CloseAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I understand that my account will be closed for good, and that what I wrote on behalf of an organization stays, attributed to it."
        ),
    )
