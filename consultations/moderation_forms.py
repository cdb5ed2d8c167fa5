from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from drafts.models import Version
from portal.models import OrganizationKind, RegionalGroup

from .models import FlagKind, ModerationAction, ModerationReason, ModerationState, Round
from .models.moderation import MAX_REASON_LENGTH

DECISION_ACTIONS = [(value, label) for value, label in ModerationAction.choices if value != ModerationAction.AUTO_HIDE]


class QueueFilterForm(forms.Form):
    """Filters of the moderation queue; an unknown value is an error, never ignored."""

    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("Pending")), ("any", _("Any"))] + [c for c in ModerationState.choices if c[0] != "pending"],
    )
    round = forms.ModelChoiceField(label=_("Round"), queryset=Round.objects.all(), required=False)
    version = forms.ModelChoiceField(
        label=_("Version"), queryset=Version.objects.public().select_related("instrument"), required=False
    )
    provision = forms.CharField(label=_("Provision key"), max_length=40, required=False)
    kind = forms.ChoiceField(
        label=_("Kind of organization"), required=False, choices=[("", "—")] + OrganizationKind.choices
    )
    regional_group = forms.ChoiceField(
        label=_("Regional group"), required=False, choices=[("", "—")] + RegionalGroup.choices
    )
    language = forms.ChoiceField(label=_("Language"), required=False, choices=[("", "—")] + list(settings.LANGUAGES))
    flagged = forms.BooleanField(label=_("Reported only"), required=False)
    older_than_days = forms.IntegerField(
        label=_("Waiting for at least (days)"), required=False, min_value=0, max_value=3650
    )


class DecisionForm(forms.Form):
    action = forms.ChoiceField(choices=DECISION_ACTIONS)
    expected_state = forms.ChoiceField(choices=ModerationState.choices, widget=forms.HiddenInput)
    reason = forms.ModelChoiceField(
        label=_("Reason"), queryset=ModerationReason.objects.filter(active=True), required=False
    )
    reason_text = forms.CharField(
        label=_("Explanation for the author"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": MAX_REASON_LENGTH}),
    )


class FlagForm(forms.Form):
    kind = forms.ChoiceField(label=_("What is wrong"), choices=FlagKind.choices)
    reason = forms.CharField(
        label=_("Details"), widget=forms.Textarea(attrs={"rows": 2, "maxlength": MAX_REASON_LENGTH})
    )
