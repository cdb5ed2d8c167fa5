from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.translated import column, lazy_format

from .importer import MAX_IMPORT_BYTES
from .models import AdoptingBody, ProvisionKind

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
            self.fields[column("text", code)] = forms.CharField(
                label=_("Text (%(language)s)") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs={"lang": code, "dir": "rtl" if code == "ar" else "ltr", "rows": 5}),
            )

    @classmethod
    def initial_for(cls, provision):
        initial = {"base_revision": provision.revision, "kind": provision.kind, "label": provision.label}
        for code in settings.LANGUAGE_CODES:
            initial[column("text", code)] = provision.value_in("text", code)
        return initial

    def changes(self):
        names = ["kind", "label"] + [column("text", code) for code in settings.LANGUAGE_CODES]
        return {name: self.cleaned_data[name] for name in names}

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


class ImportUploadForm(forms.Form):
    document = forms.FileField(
        label=_("Document (Word .docx or plain text in UTF-8)"),
        help_text=lazy_format(_("At most %(size)s MB."), size=MAX_IMPORT_BYTES // (1024 * 1024)),
    )
    language = forms.ChoiceField(label=_("Language of the document"), choices=settings.LANGUAGES)
    label = forms.CharField(label=_("Label of the new version"), max_length=200)
    symbol = forms.CharField(label=_("Document symbol"), max_length=60, required=False)

    def clean_document(self):
        upload = self.cleaned_data["document"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(
                _("The file is larger than %(limit)s MB. Split it, or remove images, and try again.")
                % {"limit": MAX_IMPORT_BYTES // (1024 * 1024)}
            )
        return upload


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
            "“In favour:”, “Against:” and “Abstaining:”, in any of the six languages."
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
        help_text=_("One web address a line."),
    )
