"""Every form of taking part. They shape the pages; the services validate again, and refuse
with their own messages."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from drafts.models import Instrument, Version
from portal.models import OrganizationKind, RegionalGroup
from portal.translated import InLanguage, fallback_language
from portal.widgets import LanguageMarkedSelect, TranslatedModelChoiceField

from .models import (
    CommentKind,
    Confidentiality,
    FlagKind,
    ModerationAction,
    ModerationReason,
    ModerationState,
    Position,
    Round,
)
from .models.moderation import MAX_REASON_LENGTH
from .selectors import analytics, search
from .selectors.moderation import ANY_STATE
from .text_checks import MAX_COMMENT_LENGTH, MAX_SUMMARY_LENGTH


def capacity_choices(capacities):
    return [
        (capacity.key, InLanguage(str(capacity), fallback_language(capacity.organization, "name")[1]))
        if capacity.organization
        else (capacity.key, str(capacity))
        for capacity in capacities
    ]


class CommentForm(forms.Form):
    """Fields are validated again by the service; the form only shapes the page."""

    capacity = forms.ChoiceField(label=_("On behalf of"), widget=LanguageMarkedSelect)
    kind = forms.ChoiceField(label=_("Kind"), choices=CommentKind.choices, initial=CommentKind.COMMENT)
    position = forms.ChoiceField(label=_("Position"), choices=Position.choices, initial=Position.NEUTRAL)
    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(
            attrs={"rows": 5, "maxlength": MAX_COMMENT_LENGTH, "data-counter": "true", "dir": "auto"}
        ),
        # No max_length here: the service refuses an over-long text with its own message,
        # and never truncates it.
    )
    proposed_text = forms.CharField(
        label=_("Proposed wording (amendments only)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_COMMENT_LENGTH, "dir": "auto"}),
    )
    language = forms.ChoiceField(label=_("Language of your comment"), choices=settings.LANGUAGES)
    confidentiality = forms.ChoiceField(
        label=_("Who may read it"), choices=Confidentiality.choices, initial=Confidentiality.PUBLIC
    )
    on_behalf_note = forms.CharField(label=_("Speaking also on behalf of (optional)"), max_length=200, required=False)
    cosigners = forms.CharField(
        label=_("Co-signing organizations (optional)"), required=False, widget=forms.HiddenInput
    )
    client_token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, capacities=(), allow_amendments=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["capacity"].choices = capacity_choices(capacities)
        if not allow_amendments:
            self.fields["kind"].choices = [c for c in CommentKind.choices if c[0] != CommentKind.AMENDMENT]


class CommentEditForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(
            attrs={"rows": 5, "maxlength": MAX_COMMENT_LENGTH, "data-counter": "true", "dir": "auto"}
        ),
    )
    position = forms.ChoiceField(label=_("Position"), choices=Position.choices)
    proposed_text = forms.CharField(
        label=_("Proposed wording"), required=False, widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"})
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.odt"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class SubmissionForm(forms.Form):
    capacity = forms.ChoiceField(label=_("On behalf of"), widget=LanguageMarkedSelect)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_SUMMARY_LENGTH})
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    confidentiality = forms.ChoiceField(label=_("Who may read it"), choices=Confidentiality.choices)
    files = MultipleFileField(label=_("Documents (PDF, DOCX or ODT; up to 20 files of 10 MB each)"), required=False)
    client_token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, capacities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["capacity"].choices = capacity_choices(capacities)


# --- Moderation ---------------------------------------------------------------------------------

# What a moderator decides (the others are recorded by the portal itself: hidden after reports,
# edited after publication).
DECISION_ACTIONS = [
    (value, label)
    for value, label in ModerationAction.choices
    if value not in (ModerationAction.AUTO_HIDE, ModerationAction.EDITED)
]


class QueueFilterForm(forms.Form):
    """Filters of the moderation queue; an unknown value is an error, never ignored."""

    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("Waiting for a decision")), (ANY_STATE, _("Any"))] + ModerationState.choices,
    )
    round = TranslatedModelChoiceField(
        translated_field="title", label=_("Round"), queryset=Round.objects.all(), required=False
    )
    version = TranslatedModelChoiceField(
        translated_field="label",
        label=_("Version"),
        queryset=Version.objects.public().select_related("instrument"),
        required=False,
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


# --- Search and analytics -------------------------------------------------------------------------


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), required=False, strip=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    scope = forms.ChoiceField(
        label=_("Search in"),
        required=False,
        choices=[
            (search.PROVISIONS, _("Texts (provisions)")),
            (search.COMMENTS, _("Comments")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", gettext("All six languages"))] + [
            (code, gettext(name)) for code, name in settings.LANGUAGES
        ]
        # NUL and other controls are removed by clean_query rather than refused.
        self.fields["q"].validators = []
        self.fields["q"].widget.attrs.update(
            {"type": "search", "maxlength": search.MAX_QUERY_LENGTH, "autocomplete": "off", "dir": "auto"}
        )

    def clean_q(self):
        query = search.clean_query(self.cleaned_data.get("q") or "")
        if len(query) > search.MAX_QUERY_LENGTH:
            raise forms.ValidationError(
                gettext("The search is %(length)s characters long; the limit is %(limit)s. Search for fewer words.")
                % {"length": len(query), "limit": search.MAX_QUERY_LENGTH},
                code="too_long",
            )
        return query


class AnalyticsForm(forms.Form):
    round = TranslatedModelChoiceField(
        translated_field="title",
        label=_("Round"),
        required=False,
        empty_label=_("All rounds"),
        queryset=Round.objects.filter(version__isnull=False)
        .select_related("version__instrument")
        .order_by("-opens_at"),
    )
    instrument = TranslatedModelChoiceField(
        translated_field="title",
        label=_("Text"),
        required=False,
        empty_label=_("All texts"),
        to_field_name="slug",
        queryset=Instrument.objects.order_by("slug"),
    )
    sort = forms.ChoiceField(
        required=False, choices=[(value, value) for value in analytics.SORTS], widget=forms.HiddenInput
    )
    view = forms.ChoiceField(required=False, choices=[("", ""), ("public", "public")], widget=forms.HiddenInput)
