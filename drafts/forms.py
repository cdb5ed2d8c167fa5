from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.translated import InLanguage, column, lazy_format
from portal.widgets import LanguageMarkedSelect

from .citations import cite
from .importer import MAX_IMPORT_BYTES
from .models import AdoptingBody, ProvisionKind
from .services.versions import PARTICULARS

SPLIT_MARK = "\n---\n"  # a line holding only --- splits the text there


class ProvisionEditForm(forms.Form):
    """Edit one provision in all six languages; `base_revision` detects a concurrent edit."""

    base_revision = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProvisionKind.choices)
    label = forms.CharField(label=_("Label"), max_length=40)
    reason = forms.CharField(label=_("Reason for the change"), max_length=300, required=False)
    split_label = forms.CharField(
        label=_("Label of the new provision, when splitting"),
        max_length=40,
        required=False,
        help_text=_(
            "To split this provision in two, put a line holding only --- in its text where it should be split."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in settings.LANGUAGES:
            attrs = {"lang": code, "dir": "rtl" if code == "ar" else "ltr"}
            self.fields[column("heading", code)] = forms.CharField(
                label=_("Heading (%(language)s)") % {"language": name},
                max_length=500,
                required=False,
                widget=forms.TextInput(attrs=attrs),
            )
            self.fields[column("text", code)] = forms.CharField(
                label=_("Text (%(language)s)") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs={**attrs, "rows": 5}),
            )
            self.fields[column("footnotes", code)] = forms.CharField(
                label=_("Footnotes (%(language)s), one a line") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs={**attrs, "rows": 2}),
            )

    def languages(self):
        """For the template: each language with its heading, text and footnotes fields."""
        return [
            (code, name, [self[column(field, code)] for field in ("heading", "text", "footnotes")])
            for code, name in settings.LANGUAGES
        ]

    @classmethod
    def initial_for(cls, provision):
        initial = {"base_revision": provision.revision, "kind": provision.kind, "label": provision.label}
        for code in settings.LANGUAGE_CODES:
            initial[column("heading", code)] = provision.value_in("heading", code)
            initial[column("text", code)] = provision.value_in("text", code)
            initial[column("footnotes", code)] = "\n".join(provision.value_in("footnotes", code))
        return initial

    def changes(self):
        changes = {name: self.cleaned_data[name] for name in ("kind", "label")}
        for code in settings.LANGUAGE_CODES:
            changes[column("heading", code)] = self.cleaned_data[column("heading", code)].strip()
            changes[column("text", code)] = self.cleaned_data[column("text", code)]
            notes = self.cleaned_data[column("footnotes", code)].splitlines()
            changes[column("footnotes", code)] = [note.strip() for note in notes if note.strip()]
        return changes

    def clean(self):
        cleaned = super().clean()
        marked = [
            code
            for code in settings.LANGUAGE_CODES
            if SPLIT_MARK in (cleaned.get(column("text", code)) or "").replace("\r\n", "\n")
        ]
        if len(marked) > 1:
            raise forms.ValidationError(_("Split one language at a time: the other languages follow by hand."))
        if marked and not cleaned.get("split_label"):
            self.add_error("split_label", _("Give the new provision a label."))
        self.split_language = marked[0] if marked else None
        if self.split_language:
            name = column("text", self.split_language)
            text = cleaned[name].replace("\r\n", "\n")
            self.split_offset = text.index(SPLIT_MARK)
            cleaned[name] = text.replace(SPLIT_MARK, "\n", 1)
        return cleaned


class TranslationUploadForm(forms.Form):
    document = forms.FileField(
        label=_("Document (Word .docx or plain text in UTF-8)"),
        help_text=lazy_format(_("At most %(size)s MB."), size=MAX_IMPORT_BYTES // (1024 * 1024)),
    )
    language = forms.ChoiceField(label=_("Language of the document"), choices=settings.LANGUAGES)

    def clean_document(self):
        upload = self.cleaned_data["document"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(
                _("The file is larger than %(limit)s MB. Split it, or remove images, and try again.")
                % {"limit": MAX_IMPORT_BYTES // (1024 * 1024)}
            )
        return upload


class MoveForm(forms.Form):
    """Where to move a provision; `base_revision` detects a concurrent edit."""

    base_revision = forms.IntegerField(widget=forms.HiddenInput)
    where = forms.ChoiceField(
        label=_("Move"),
        choices=[
            ("up", _("Up, before the provision above")),
            ("down", _("Down, after the provision below")),
            ("indent", _("In, under the provision above")),
            ("outdent", _("Out, to the level of its parent")),
            ("after", _("After the provision chosen below")),
            ("into", _("First inside the provision chosen below")),
        ],
    )
    target = forms.ChoiceField(label=_("Provision"), required=False, widget=LanguageMarkedSelect)
    keep_numbers = forms.BooleanField(
        label=_("Keep the existing numbers (the moved provision takes “bis”, “ter”…)"), required=False
    )

    def __init__(self, *args, provisions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.provisions = {str(p.pk): p for p in provisions}
        by_pk = {p.pk: p for p in provisions}
        cited = [(str(p.pk), cite(p, by_pk=by_pk)) for p in provisions]
        self.fields["target"].choices = [("", "—")] + [(pk, InLanguage(c.text, c.language)) for pk, c in cited]

    def clean_target(self):
        return self.provisions.get(self.cleaned_data["target"])


class PublishForm(forms.Form):
    label = forms.CharField(label=_("Label of the published version"), max_length=200)
    changelog = forms.CharField(
        label=_("What changed since the previous version"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    untranslated_ok = forms.BooleanField(label=_("Publish without the missing languages"), required=False)


class NewVersionForm(forms.Form):
    label = forms.CharField(
        label=_("Label of the new version"), max_length=200, help_text=_("For example “Revised draft”.")
    )


class ParticularsForm(forms.Form):
    """What describes a version in editing: symbol and date, then label, title and changelog in
    each language; `base` (services.versions.particulars_stamp) detects a concurrent edit."""

    base = forms.CharField(widget=forms.HiddenInput)
    symbol = forms.CharField(
        label=_("Document symbol"), max_length=60, required=False, help_text=_("For example A/HRC/35/35.")
    )
    date = forms.DateField(
        label=_("Date of the document"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = forms.CharField(label=_("Reason for the change"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in settings.LANGUAGES:
            attrs = {"lang": code, "dir": "rtl" if code == "ar" else "ltr"}
            values = {"language": name}
            self.fields[column("label", code)] = forms.CharField(
                label=_("Label (%(language)s)") % values, max_length=200, required=False, widget=forms.TextInput(attrs)
            )
            self.fields[column("title", code)] = forms.CharField(
                label=_("Title of the text (%(language)s)") % values,
                max_length=500,
                required=False,
                widget=forms.TextInput(attrs),
            )
            self.fields[column("changelog", code)] = forms.CharField(
                label=_("Changes from the previous version (%(language)s)") % values,
                required=False,
                widget=forms.Textarea(attrs={**attrs, "rows": 3}),
            )

    def languages(self):
        """For the template: each language with its label, title and changelog fields."""
        return [
            (code, name, [self[column(field, code)] for field in ("label", "title", "changelog")])
            for code, name in settings.LANGUAGES
        ]

    @classmethod
    def initial_for(cls, version, stamp):
        return {"base": stamp, **{name: getattr(version, name) for name in PARTICULARS}}

    def changes(self):
        return {name: self.cleaned_data[name] for name in PARTICULARS}


class RestoreForm(forms.Form):
    base_revision = forms.IntegerField(widget=forms.HiddenInput)


class ImportUploadForm(TranslationUploadForm):
    label = forms.CharField(label=_("Label of the new version"), max_length=200)
    symbol = forms.CharField(label=_("Document symbol"), max_length=60, required=False)


class AddForm(forms.Form):
    """A new provision after this one: its kind, its text in one language (the others follow
    in the edit form), and whether the numbers around it stay."""

    kind = forms.ChoiceField(label=_("Kind"), choices=ProvisionKind.choices)
    language = forms.ChoiceField(label=_("Language of the text"), choices=settings.LANGUAGES)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}))
    keep_numbers = forms.BooleanField(
        label=_("Keep the existing numbers (the new provision takes “bis”, “ter”…)"), required=False
    )


class AdoptionForm(forms.Form):
    """The adoption of a published version, as the secretariat enters or corrects it: the block
    as printed (in any of the six languages) and what the block does not say."""

    body = forms.ChoiceField(label=_("Adopting body"), choices=AdoptingBody.choices)
    session = forms.IntegerField(label=_("Session"), min_value=1, max_value=999, required=False)
    symbol = forms.CharField(label=_("Resolution or decision symbol"), max_length=60, required=False)
    block = forms.CharField(
        label=_("Adoption block as printed"),
        widget=forms.Textarea(attrs={"rows": 14, "dir": "auto"}),
        help_text=_(
            "The meeting, the date and the bracketed statement, with the States under "
            "“In favour:”, “Against:”, “Abstaining:” and, where the record lists them, “Absent:”, "
            "in any of the six languages."
        ),
    )
    main_sponsors = forms.CharField(
        label=_("Main sponsors"), widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}), required=False
    )
    co_sponsors = forms.CharField(
        label=_("Co-sponsors"), widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}), required=False
    )
    explanations = forms.CharField(
        label=_("Explanations of vote"),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
        required=False,
        help_text=_(
            "One a line: its web address (https://…), then, each after “|”, the State that explained "
            "its vote and a label, for example: https://… | Cuba | Explanation of vote before the vote."
        ),
    )
