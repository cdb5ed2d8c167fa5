from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

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
