from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import CommentKind, Confidentiality, Position
from .text_checks import MAX_COMMENT_LENGTH, MAX_SUMMARY_LENGTH


def capacity_choices(capacities):
    return [(capacity.key, str(capacity)) for capacity in capacities]


class CommentForm(forms.Form):
    """Fields are validated again by the service; the form only shapes the page."""

    capacity = forms.ChoiceField(label=_("On behalf of"))
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
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MAX_COMMENT_LENGTH, "data-counter": "true"}),
    )
    position = forms.ChoiceField(label=_("Position"), choices=Position.choices)
    proposed_text = forms.CharField(
        label=_("Proposed wording"), required=False, widget=forms.Textarea(attrs={"rows": 4})
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
    capacity = forms.ChoiceField(label=_("On behalf of"))
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
