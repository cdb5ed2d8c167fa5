"""Finds text whose language is not the one its element declares.

Every piece of text in a language other than the page's must carry its own `lang` and `dir`
(or be isolated: `<bdi>`, `dir="auto"`). A text's script tells its language family: Arabic
letters belong in an element whose language is Arabic, Han characters in Chinese, Cyrillic in
Russian, Latin words (with a lower-case letter: "DOCX" or "A/HRC/35/35" are the same in every
language) in English, French or Spanish. Tested on pages in Arabic, Chinese and Russian, this
catches every text that falls back to another language without saying so.
"""

import re

from lxml import html as lxml_html

SCRIPTS = {
    "Arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+"),
    "Han": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+"),
    "Cyrillic": re.compile(r"[\u0400-\u04ff]{2,}"),
    "Latin": re.compile(r"\b(?=[A-Za-zÀ-ɏ]*[a-zß-ÿ])[A-Za-zÀ-ɏ]{2,}\b"),
}
LANGUAGE_SCRIPT = {"ar": "Arabic", "zh-hans": "Han", "ru": "Cyrillic", "en": "Latin", "fr": "Latin", "es": "Latin"}
# Language-neutral pieces: addresses, file names, e-mail addresses, and the names of products,
# formats and keys, which the UN writes the same way in all six languages.
NEUTRAL = re.compile(
    r"\S+@\S+|https?://\S+|/\S*|\S*\.(?:docx|xlsx|csv|json|xml|pdf|odt|txt|html)\b"
    r"|\b(?:Word|Excel|Akoma Ntoso|Enter|Esc|docx|xlsx|odt)\b|[“«\"]general[”»\"]",
    re.IGNORECASE,
)
ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")
# Not checked: code, and the page's <title>, which cannot mark a part of itself.
SKIPPED = {"script", "style", "template", "title"}


def _language(element):
    for node in (element, *element.iterancestors()):
        code = node.get("lang")
        if code is not None:
            return code.lower(), node
    return "", None


def _isolated(element, stop):
    """Whether `element` is inside a <bdi> or a dir="auto" (up to the element giving its lang)."""
    for node in (element, *element.iterancestors()):
        if node.tag == "bdi" or node.get("dir") == "auto":
            return True
        if node is stop:
            return False
    return False


def _scripts(text):
    text = NEUTRAL.sub(" ", text)
    return {name for name, pattern in SCRIPTS.items() if pattern.search(text)}


def unmarked(page_html, page_language):
    """[(where, text)] for every text whose script is not its declared language's, or whose
    element declares another language than the page's without a `dir`. A fragment (htmx) is
    read as part of a page in `page_language`."""
    document = lxml_html.document_fromstring(page_html)
    if document.get("lang") is None:
        document.set("lang", page_language)
    page_language = document.get("lang").lower()
    problems = []
    for element in document.iter():
        if not isinstance(element.tag, str) or element.tag in SKIPPED:
            continue
        if any(ancestor.tag in SKIPPED for ancestor in element.iterancestors()):
            continue
        pieces = [(element, element.text)]
        pieces += [(element.getparent(), element.tail)] if element.getparent() is not None else []
        pieces += [(element, element.get(name)) for name in ATTRIBUTES]
        for holder, text in pieces:
            if not text or not text.strip():
                continue
            language, declared_by = _language(holder)
            expected = LANGUAGE_SCRIPT.get(language)
            for script in _scripts(text):
                if script == expected or _isolated(holder, declared_by):
                    continue
                problems.append((_where(holder), f"{script} text in lang={language!r}: {text.strip()[:80]!r}"))
            undirected = declared_by is not None and declared_by.get("dir") is None and declared_by.tag != "bdi"
            if undirected and language != page_language and _scripts(text):
                problems.append((_where(declared_by), f"lang={language!r} without dir: {text.strip()[:80]!r}"))
    return sorted(set(problems))


def _where(element):
    path = []
    for node in (element, *element.iterancestors()):
        name = node.tag + (f"#{node.get('id')}" if node.get("id") else "")
        path.append(name)
        if node.get("id"):
            break
    return " < ".join(path)
