"""Every form of taking part. They shape the pages; the services validate again, and refuse
with their own messages."""

from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils import timezone
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
    Phase,
    Position,
    Questionnaire,
    Round,
    tracking_number_normalize,
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


# Fields a reply leaves out: it answers a comment, in the same thread, on the same provision.
REPLY_LEAVES_OUT = ("kind", "on_behalf_note", "cosigners", "cosigner_query")


def counted_textarea(rows, limit=MAX_COMMENT_LENGTH):
    """A textarea whose length is counted as one types (static/js/consultation.js), with no
    `maxlength`: a browser would cut a pasted text silently; the service refuses it instead."""
    return forms.Textarea(attrs={"rows": rows, "data-max-length": limit, "dir": "auto"})


class DescribedFieldsMixin:
    """Ties each field to what is said about it, for assistive technology: its length counter
    (`<id>-counter`) and, once in error, `aria-invalid` and its message (`<id>-error`); both
    ids are given by templates/consultations/_field.html."""

    def _describe(self, name, *ids):
        widget = self.fields[name].widget
        widget.attrs["aria-describedby"] = " ".join(f"{self[name].auto_id}-{suffix}" for suffix in ids)

    def describe_counters(self):
        for name, field in self.fields.items():
            if field.widget.attrs.get("data-max-length"):
                self._describe(name, "counter")

    def mark_errors(self):
        for name in self.errors:
            if name in self.fields and not self.fields[name].widget.is_hidden:
                counted = bool(self.fields[name].widget.attrs.get("data-max-length"))
                self.fields[name].widget.attrs["aria-invalid"] = "true"
                self._describe(name, *(("counter", "error") if counted else ("error",)))


class CommentForm(DescribedFieldsMixin, forms.Form):
    """A comment, amendment or question on a provision, or a reply (`reply=True`: only what a
    reply takes; amendments only where `allow_amendments`: never general, never a reply). `auto_id` makes every id unique on a page holding several forms. Fields are
    validated again by the service; the form only shapes the page."""

    capacity = forms.ChoiceField(label=_("On behalf of"), widget=LanguageMarkedSelect)
    kind = forms.ChoiceField(label=_("Kind"), choices=CommentKind.choices, initial=CommentKind.COMMENT)
    position = forms.ChoiceField(label=_("Position"), choices=Position.choices, initial=Position.NEUTRAL)
    # No max_length: the service refuses an over-long text with its own message, never cuts it.
    text = forms.CharField(label=_("Your comment"), widget=counted_textarea(5))
    proposed_text = forms.CharField(
        label=_("Proposed wording (amendments only)"), required=False, widget=counted_textarea(4)
    )
    language = forms.ChoiceField(label=_("Language of your comment"), choices=settings.LANGUAGES)
    confidentiality = forms.ChoiceField(
        label=_("Who may read it"), choices=Confidentiality.choices, initial=Confidentiality.PUBLIC
    )
    # No max_length on these either: the service refuses a long note; a search is cut to 100 by the view.
    on_behalf_note = forms.CharField(label=_("Speaking also on behalf of (optional)"), required=False)
    cosigner_query = forms.CharField(
        label=_("Find organizations to co-sign (optional)"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "dir": "auto"}),
    )
    cosigners = forms.MultipleChoiceField(
        label=_("Co-signing organizations"), required=False, widget=forms.CheckboxSelectMultiple
    )
    client_token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, capacities=(), allow_amendments=True, reply=False, cosigner_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["capacity"].choices = capacity_choices(capacities)
        self.fields["cosigners"].choices = list(cosigner_choices)
        if not allow_amendments:
            self.fields["kind"].choices = [c for c in CommentKind.choices if c[0] != CommentKind.AMENDMENT]
            del self.fields["proposed_text"]
        if reply:
            self.fields["text"].label = _("Your reply")
            for name in REPLY_LEAVES_OUT:
                del self.fields[name]
        self.describe_counters()


class CommentEditForm(DescribedFieldsMixin, forms.Form):
    text = forms.CharField(label=_("Your comment"), widget=counted_textarea(5))
    position = forms.ChoiceField(label=_("Position"), choices=Position.choices)
    proposed_text = forms.CharField(label=_("Proposed wording"), required=False, widget=counted_textarea(4))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.describe_counters()


class CommentFilterForm(forms.Form):
    """How a reader orders and narrows a provision's comments (selectors.comment_list_for_provision)."""

    order = forms.ChoiceField(
        label=_("Order"), required=False, choices=[("oldest", _("Oldest first")), ("newest", _("Newest first"))]
    )
    position = forms.ChoiceField(label=_("Position"), required=False, choices=[("", _("Any"))] + Position.choices)
    kind = forms.ChoiceField(
        label=_("Kind of organization"),
        required=False,
        choices=[("", _("Any")), *OrganizationKind.choices, ("expert", _("Independent expert"))],
    )
    region = forms.ChoiceField(
        label=_("Regional group"), required=False, choices=[("", _("Any"))] + RegionalGroup.choices
    )
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", gettext("Any"))] + [
            (code, gettext(name)) for code, name in settings.LANGUAGES
        ]

    @property
    def narrowed(self):
        """The reader chose something other than the defaults."""
        return self.is_bound and self.is_valid() and any(self.cleaned_data.values())


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.odt"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class SubmissionForm(DescribedFieldsMixin, forms.Form):
    capacity = forms.ChoiceField(label=_("On behalf of"), widget=LanguageMarkedSelect)
    summary = forms.CharField(label=_("Summary"), widget=counted_textarea(4, limit=MAX_SUMMARY_LENGTH))
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    confidentiality = forms.ChoiceField(label=_("Who may read it"), choices=Confidentiality.choices)
    files = MultipleFileField(label=_("Documents (PDF, DOCX or ODT; up to 20 files of 10 MB each)"), required=False)
    client_token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, capacities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["capacity"].choices = capacity_choices(capacities)
        self.describe_counters()


# --- Moderation ---------------------------------------------------------------------------------

# What a moderator decides (the others are recorded by the portal itself: hidden after reports,
# edited after publication).
DECISION_ACTIONS = [
    (value, label)
    for value, label in ModerationAction.choices
    if value not in (ModerationAction.AUTO_HIDE, ModerationAction.EDITED, ModerationAction.UNGROUP)
]


class QueueFilterForm(forms.Form):
    """Filters of the moderation queue; an unknown value is an error, never ignored."""

    number = forms.CharField(
        label=_("Tracking number"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "SOL-2026-000123", "dir": "ltr"}),
    )

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

    def clean_number(self):
        typed = self.cleaned_data["number"]
        number = tracking_number_normalize(typed)
        if typed.strip() and not number:
            raise forms.ValidationError(_("A tracking number looks like SOL-2026-000123."), code="number")
        return number


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

    def decision(self):
        """The valid form's decision as the moderation services take it."""
        data = self.cleaned_data
        return {
            "action": data["action"],
            "reason_id": data["reason"].pk if data["reason"] else None,
            "reason_text": data["reason_text"],
        }


class CampaignDecisionForm(DecisionForm):
    """One decision for a whole campaign, on the campaign as the moderator saw it."""

    expected_state = None
    expected_revision = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


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


TIME_ZONES = [
    ("Europe/Zurich", _("Geneva time")),
    ("America/New_York", _("New York time")),
    ("Africa/Nairobi", _("Nairobi time")),
    ("Asia/Bangkok", _("Bangkok time")),
    ("UTC", _("Coordinated Universal Time (UTC)")),
]
KIND_CHOICES = OrganizationKind.choices


class RoundForm(forms.ModelForm):
    """A round as the secretariat sets it up: the version by its label, audiences and their
    moderation as checkboxes, dates in a chosen time zone. The service checks it again."""

    version = TranslatedModelChoiceField(
        translated_field="label",
        label=_("Version consulted on"),
        queryset=Version.objects.public().select_related("instrument").order_by("instrument", "-number"),
        required=False,
    )
    questionnaire = TranslatedModelChoiceField(
        translated_field="title", label=_("Questionnaire"), queryset=Questionnaire.objects.all(), required=False
    )
    phase = TranslatedModelChoiceField(
        translated_field="name", label=_("Phase of the plan"), queryset=Phase.objects.all(), required=False
    )
    opens_at = forms.DateTimeField(
        label=_("Opens"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    closes_at = forms.DateTimeField(
        label=_("Closes"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    time_zone = forms.ChoiceField(label=_("Time zone of these dates"), choices=TIME_ZONES, initial="Europe/Zurich")
    audience_kinds = forms.MultipleChoiceField(
        label=_("Organizations invited"), choices=KIND_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    premoderated_kinds = forms.MultipleChoiceField(
        label=_("Held for review before publication"),
        choices=KIND_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Round
        fields = [
            "title",
            "description",
            "version",
            "questionnaire",
            "phase",
            "opens_at",
            "closes_at",
            "audience_kinds",
            "audience_experts",
            "premoderated_kinds",
            "premoderate_experts",
            "allows_paragraph_comments",
            "allows_general_comments",
            "allows_amendments",
            "allows_submissions",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        zone = ZoneInfo(data.get("time_zone") or "Europe/Zurich")
        for name in ("opens_at", "closes_at"):
            if data.get(name):  # typed as a time in `zone`, not in the server's
                data[name] = timezone.make_naive(data[name]).replace(tzinfo=zone)
        if not data.get("version") and not data.get("questionnaire"):
            self.add_error("version", _("Choose the version, or the questionnaire, the round consults on."))
        return data

    def _post_clean(self):
        # The service validates the round (full_clean and its own checks): errors come back as
        # its messages, on the right fields (portal.service_errors).
        opts = self._meta
        self.instance = forms.models.construct_instance(self, self.instance, opts.fields, opts.exclude)
