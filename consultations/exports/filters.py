"""What an export request may ask for, validated before anything is read: an unknown value is
a clear message (400), never an empty file or an error page."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.models import OrganizationKind, RegionalGroup

from ..models import CommentKind, ModerationState, Position

# Comments given in a personal capacity have no organization; exports and filters name them so.
INDEPENDENT_EXPERT = "independent_expert"
GENERAL = "general"  # the provision filter's value for comments on the version as a whole

PUBLIC, SECRETARIAT = "public", "secretariat"
AUDIENCES = [(PUBLIC, _("Public: published comments, anonymity honoured")), (SECRETARIAT, _("Secretariat: everything"))]
FLAT, BY_PROVISION = "flat", "by_provision"
LAYOUTS = [(FLAT, _("One sheet")), (BY_PROVISION, _("One sheet per provision"))]

# Only the secretariat's export page offers these; a public request naming them is still
# validated (and refused with 403 for the secretariat audience).
STAFF_FIELDS = ("audience", "state")
# In the URL a date range reads ?from=…&to=…, but `from` is a Python keyword.
_PARAMETER_NAMES = {"date_from": "from", "date_to": "to"}


def _any(choices):
    return [("", _("Any"))] + list(choices)


class ExportFilterForm(forms.Form):
    provision = forms.CharField(
        label=_("Provision"),
        required=False,
        max_length=40,
        help_text=_("The provision's stable key (the end of its link), or “general” for general comments."),
    )
    organization_kind = forms.ChoiceField(
        label=_("Kind of organization"),
        required=False,
        choices=_any(OrganizationKind.choices + [(INDEPENDENT_EXPERT, _("Independent expert"))]),
    )
    regional_group = forms.ChoiceField(
        label=_("UN regional group"), required=False, choices=_any(RegionalGroup.choices)
    )
    language = forms.ChoiceField(label=_("Language of writing"), required=False, choices=_any(settings.LANGUAGES))
    position = forms.ChoiceField(label=_("Position"), required=False, choices=_any(Position.choices))
    kind = forms.ChoiceField(label=_("Kind of contribution"), required=False, choices=_any(CommentKind.choices))
    state = forms.ChoiceField(label=_("Moderation state"), required=False, choices=_any(ModerationState.choices))
    date_from = forms.DateField(label=_("Written from"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Written until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    audience = forms.ChoiceField(label=_("Audience"), required=False, choices=AUDIENCES)
    layout = forms.ChoiceField(label=_("Spreadsheet layout"), required=False, choices=LAYOUTS)
    headings = forms.ChoiceField(
        label=_("Language of the compilation's headings"),
        required=False,
        choices=[("", _("The language of this page"))] + settings.LANGUAGES,
    )
    text = forms.ChoiceField(
        label=_("Language of the provisions in the compilation"),
        required=False,
        choices=[("", _("The version's original language"))] + settings.LANGUAGES,
    )

    def __init__(self, *args, provisions=None, **kwargs):
        """`provisions`: the provisions of the text exported, to check a provision key against."""
        super().__init__(*args, **kwargs)
        self.provisions = provisions

    @classmethod
    def for_page(cls, data, *, staff):
        """The export page's form: the spreadsheet layout is chosen by the link followed, and
        the audience and state are offered to the secretariat only."""
        form = cls(data)
        del form.fields["layout"]
        if not staff:
            for name in STAFF_FIELDS:
                del form.fields[name]
        return form

    def add_prefix(self, field_name):
        return _PARAMETER_NAMES.get(field_name, field_name)

    def clean_provision(self):
        key = self.cleaned_data["provision"].strip()
        if key and key != GENERAL and self.provisions is not None and not self.provisions.filter(key=key).exists():
            raise forms.ValidationError(_("No provision of this text has the key “%(key)s”."), params={"key": key})
        return key

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("The start date is after the end date."))
        data["audience"] = data.get("audience") or PUBLIC
        data["layout"] = data.get("layout") or FLAT
        return data

    def query_string(self):
        """The filters chosen, as they were typed, for the download links of a valid form."""
        names = (self.add_prefix(name) for name in self.fields)
        return urlencode([(name, self.data[name]) for name in names if self.data.get(name)])

    def error_lines(self):
        """Each problem as one readable line, naming the parameter's label."""
        lines = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else None
            lines += [f"{label}: {error}" if label else str(error) for error in errors]
        return lines
