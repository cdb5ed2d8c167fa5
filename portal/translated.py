"""Reading modeltranslation columns explicitly, so a missing translation stays missing."""

from django.conf import settings
from django.db.models import JSONField
from django.utils.functional import lazy
from django.utils.translation import get_language


def column(field, language):
    """The column modeltranslation made for `field` in `language`: text, zh-hans -> text_zh_hans."""
    return f"{field}_{language.replace('-', '_')}"


def fallback_language(obj, field):
    """(value, language) of a translated field as the interface shows it: in the interface
    language, or else in the first language it exists in (settings' fallback order)."""
    for code in (get_language(), *settings.MODELTRANSLATION_FALLBACK_LANGUAGES):
        value = getattr(obj, column(field, code), None)
        if value:
            return value, code
    return "", get_language()


class InLanguage(str):
    """A text that knows its language, for a choice label (see portal/widgets.py)."""

    def __new__(cls, text, language):
        made = super().__new__(cls, text)
        made.language = language
        return made


def lazy_format(message, **values):
    """`message % values`, translated when shown: `gettext_lazy(...) % values` would be
    translated once, when the module is imported, in whatever language was active then."""
    return lazy(lambda: str(message) % values, str)()


class TranslatedFieldsMixin:
    def value_in(self, field, language):
        """The field in exactly this language; empty when not translated (never another language)."""
        name = column(field, language)
        value = getattr(self, name)
        if value is None:
            value = [] if isinstance(self._meta.get_field(name), JSONField) else ""
        return value

    def languages_with(self, field):
        return [code for code in settings.LANGUAGE_CODES if self.value_in(field, code)]
