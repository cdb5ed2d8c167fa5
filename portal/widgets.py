"""Selects whose options say their language when it is not the page's: a round's title or an
organization's name that exists only in English, listed on an Arabic page."""

from django import forms
from django.utils.translation import get_language, get_language_info

from .translated import InLanguage, fallback_language


class LanguageMarkedSelect(forms.Select):
    def create_option(self, name, value, label, *args, **kwargs):
        option = super().create_option(name, value, label, *args, **kwargs)
        language = getattr(label, "language", None)
        if language and language != get_language():
            direction = "rtl" if get_language_info(language)["bidi"] else "ltr"
            option["attrs"].update({"lang": language, "dir": direction})
        return option


class TranslatedModelChoiceField(forms.ModelChoiceField):
    """A choice of objects named by a translated field (`translated_field`: "name", "title")."""

    widget = LanguageMarkedSelect

    def __init__(self, *args, translated_field, **kwargs):
        self.translated_field = translated_field
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return InLanguage(str(obj), fallback_language(obj, self.translated_field)[1])
