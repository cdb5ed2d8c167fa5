import re

from django import template
from django.conf import settings
from django.template.defaultfilters import linebreaks_filter
from django.urls import translate_url
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, gettext, ngettext

from portal.translated import fallback_language

register = template.Library()


@register.inclusion_tag("portal/_language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this same page in each UN language (plain links: keyboard- and cache-friendly)."""
    request = context["request"]
    current = get_language()
    languages = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        languages.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "url": translate_url(request.get_full_path(), code),
                "current": code == current,
            }
        )
    return {"languages": languages}


@register.filter
def text_direction(language_code):
    """dir attribute for a block of text in `language_code` (it may differ from the page's)."""
    return "rtl" if get_language_info(language_code)["bidi"] else "ltr"


@register.filter
def language_name(language_code):
    """The language's name in the interface language: "Arabic", "arabe", "árabe"..."""
    from django.utils.translation import gettext

    return gettext(dict(settings.LANGUAGES).get(language_code, language_code))


@register.simple_tag
def lang_attrs(language_code=None):
    """` lang="…" dir="…"` for an element whose words are in `language_code` (by default the
    interface's, for its words inside a text shown in another language)."""
    code = language_code or get_language()
    return format_html(' lang="{}" dir="{}"', code, text_direction(code))


@register.simple_tag
def in_language(text, language_code):
    """`text`, written in `language_code`: as it is when that is the page's language, otherwise
    in an element that says which language it is and isolates its direction."""
    if not text or language_code == get_language():
        return conditional_escape(text)
    return format_html("<span{}>{}</span>", lang_attrs(language_code), text)


def format_translated(pattern, **values):
    """A translated "%(name)s …" pattern filled with pieces of HTML: the pattern's words are
    escaped, and so is every value that is not already safe."""
    pieces = re.split(r"%\((\w+)\)s", str(pattern))
    parts = [values[piece] if index % 2 else piece for index, piece in enumerate(pieces)]
    return format_html("{}" * len(parts), *parts)


@register.filter
def bdi(text):
    """Text whose language and direction are unknown (a person's name), isolated from its
    surroundings so that it cannot reorder them."""
    return format_html("<bdi>{}</bdi>", text)


# First-strong isolate … pop directional isolate: the plain-text form of <bdi>.
FSI, PDI = "\u2068", "\u2069"


@register.filter
def isolate(text):
    """For plain text (emails): a name, title or someone's words isolated from the sentence
    around them (FSI … PDI), so that an Arabic name cannot reorder a French sentence."""
    text = str(text or "").replace(FSI, "").replace(PDI, "")
    return f"{FSI}{text}{PDI}" if text else text


@register.filter
def plain_text_as_html(text):
    """The HTML part of an email from its plain text: escaped, in paragraphs, each FSI … PDI as
    a <bdi>."""
    pieces = re.split(f"([{FSI}{PDI}])", str(text))
    markup = {FSI: mark_safe("<bdi>"), PDI: mark_safe("</bdi>")}  # noqa: S308 (constant markup)
    return linebreaks_filter(format_html("{}" * len(pieces), *(markup.get(piece, piece) for piece in pieces)))


@register.simple_tag
def translated(obj, field, default=""):
    """A translated field (a round's title, an organization's name…) in the interface language,
    or, when it has none, in the first language it exists in, marked as that language."""
    value, code = fallback_language(obj, field) if obj else ("", None)
    return in_language(value, code) if value else default


@register.simple_tag
def fallback_lang_attrs(obj, field):
    """` lang="…" dir="…"` when the field is shown in another language than the interface's, for
    an element that can hold only text (an <option>)."""
    value, code = fallback_language(obj, field)
    return lang_attrs(code) if value and code != get_language() else ""


@register.filter
def duration(value):
    """A timedelta as people read it: "2 days 3 hours", "1 hour 5 minutes", "less than a minute"
    (the largest two units, plurals of each language); "—" when there is none."""
    if value is None:
        return "—"
    minutes = int(value.total_seconds() // 60)
    if minutes < 1:
        return gettext("less than a minute")
    days, hours, minutes = minutes // 1440, minutes // 60 % 24, minutes % 60
    parts = [
        ngettext("%(n)s day", "%(n)s days", days) % {"n": days} if days else "",
        ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours} if hours else "",
        ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes} if minutes and not days else "",
    ]
    return " ".join(part for part in parts if part)
