from django import template
from django.utils.text import Truncator
from django.utils.translation import get_language

from portal.templatetags.portal_tags import in_language

from ..citations import cite as cite_provision

register = template.Library()


@register.simple_tag
def cite(provision, language=None):
    """The provision as a reader cites it ("Article 2, paragraph 1 (a)"), in the interface
    language; a heading by its words, marked with their language when it is another."""
    citation = cite_provision(provision, language)
    return in_language(citation.text, citation.language)


@register.filter
def citation(provision, language=None):
    """The same words as plain text, for a page title or an attribute."""
    return str(cite_provision(provision, language))


@register.simple_tag
def provision_text(provision, length=None):
    """The provision's words in the interface language, or, when not yet translated, in the
    original's, marked as such; shortened to `length` characters if given."""
    for code in (get_language(), provision.version.original_language):
        text = provision.value_in("text", code) or provision.value_in("heading", code)
        if text:
            return in_language(Truncator(text).chars(length) if length else text, code)
    return ""
