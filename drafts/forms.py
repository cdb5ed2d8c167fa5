from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.translated import column

from .models import ProvisionKind


class ProvisionEditForm(forms.Form):
    """Edit one provision in all six languages; `base_revision` detects a concurrent edit."""

    base_revision = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProvisionKind.choices)
    label = forms.CharField(label=_("Label"), max_length=40)
    reason = forms.CharField(label=_("Reason for the change"), max_length=300, required=False)

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
