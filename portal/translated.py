"""Reading modeltranslation columns explicitly, so a missing translation stays missing."""

from django.conf import settings
from django.db.models import JSONField
from django.utils.functional import lazy


def column(field, language):
    """The column modeltranslation made for `field` in `language`: text, zh-hans -> text_zh_hans."""
    return f"{field}_{language.replace('-', '_')}"


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
