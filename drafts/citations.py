"""A provision's number as its text prints it ("Article 2", "第2条", "(ب)"), and the provision as
a reader cites it, in each language: "Article 2, paragraph 1 (a)", "preambular
paragraph 4", "operative paragraph 7", "الفقرة الفرعية (أ) من الفقرة 1 من المادة 2", "第2条第1款(a)项";
a heading by its own words. Labels such as "PP4" or "H1" are the portal's, never the reader's.

One function, `cite`, for every page, export and the compilation. The patterns are interface
strings, translated in the catalogs with each language's own word order.
"""

import re
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .models import ProvisionKind

# Sub-paragraph letters as Arabic (abjad order) and Russian texts print them; the stored labels
# are Latin, "(a)" to "(z)", and the other languages print those.
LETTERS = {
    "ar": [
        "أ",
        "ب",
        "ج",
        "د",
        "هـ",
        "و",
        "ز",
        "ح",
        "ط",
        "ي",
        "ك",
        "ل",
        "م",
        "ن",
        "س",
        "ع",
        "ف",
        "ص",
        "ق",
        "ر",
        "ش",
        "ت",
        "ث",
        "خ",
        "ذ",
        "ض",
    ],
    "ru": list("абвгдежзиклмнопрстуфхцчшщэ"),
}
# How each language prints an article's number; a typographic convention of the text, not an
# interface string, and the importer reads back exactly these forms.
ARTICLE_NUMBER = {
    "ar": "المادة {n}",
    "zh-hans": "第{n}条",
    "en": "Article {n}",
    "fr": "Article {n}",
    "ru": "Статья {n}",
    "es": "Artículo {n}",
}
_ARTICLE_PREFIX = re.compile(r"^\s*(?:article|art\.)\s*", re.IGNORECASE)
_PART_PREFIX = re.compile(r"^\s*(?:PP|OP)\s*(?=\d)", re.IGNORECASE)
_LETTER_LABEL = re.compile(r"^\(([a-z])\)$")
HEADING_LENGTH = 90  # a heading is cited by its words, shortened past this


def cited_with(prefix=""):
    """What to select_related with provisions (under `prefix`, "provision__" for comments) that
    a list cites: their parents, up to an article's sub-paragraph's item, and their version."""
    return [f"{prefix}parent__parent__parent", f"{prefix}version"]


@dataclass(frozen=True)
class Citation:
    text: str
    language: str  # the language of the words: the reader's, or a heading's own

    def __str__(self):
        return self.text


def number(kind, label):
    """The number in a label as a citation writes it: "PP4" → "4", "Article 2" → "2", "7." → "7"."""
    label = _ARTICLE_PREFIX.sub("", label) if kind == ProvisionKind.ARTICLE else label
    return _PART_PREFIX.sub("", label).strip().rstrip(".")


def letter(label, language, parent_kind=None):
    """A sub-paragraph's letter as texts in `language` print it ("b", "ب", "б"); a roman numeral
    under a lettered sub-paragraph ("(i)") stays Latin."""
    label = label.strip()
    found = _LETTER_LABEL.match(label)
    if found and language in LETTERS and parent_kind != ProvisionKind.SUBPARAGRAPH:
        return LETTERS[language][ord(found.group(1)) - ord("a")]
    return label.strip("()")


def printed_label(kind, label, language, parent_kind=None):
    """The number as the text prints it: "Article 2", "第2条", "7bis.", "(b)", "(ب)"; nothing for
    preambular paragraphs and headings, which are printed without one."""
    if kind == "article":
        return ARTICLE_NUMBER[language].format(n=number(kind, label))
    if kind in ("operative", "paragraph"):
        return f"{label.rstrip('.')}."
    if kind == "subparagraph":
        return f"({letter(label, language, parent_kind)})" if label.startswith("(") else label
    return ""


def cite(provision, language=None, *, by_pk=None) -> Citation:
    """How a reader cites `provision` in `language` (the active language by default).

    Its parents are read through `by_pk` ({pk: provision}, when the caller has the version's
    provisions at hand) or through `provision.parent` (select_related it for a list)."""
    language = language or translation.get_language()
    chain = []
    node = provision
    while node is not None:
        chain.append(node)
        node = _parent(node, by_pk)
    chain.reverse()
    if provision.kind == ProvisionKind.HEADING:
        return _heading(provision, language)
    with translation.override(language):
        words = ""
        parent_kind = None
        for node in chain:
            if node.kind != ProvisionKind.HEADING:
                words = _cite_one(node, words, language, parent_kind)
                parent_kind = node.kind
    return Citation(words, language)


def _parent(provision, by_pk):
    if provision.parent_id is None:
        return None
    return by_pk.get(provision.parent_id) if by_pk is not None else provision.parent


def _cite_one(provision, parent, language, parent_kind):
    kind, values = provision.kind, {"number": number(provision.kind, provision.label), "parent": parent}
    if kind == ProvisionKind.ARTICLE:
        return _("Article %(number)s") % values
    if kind == ProvisionKind.PREAMBLE:
        return _("preambular paragraph %(number)s") % values
    if kind == ProvisionKind.OPERATIVE and not parent:
        return _("operative paragraph %(number)s") % values
    if kind == ProvisionKind.SUBPARAGRAPH:
        values["letter"] = pgettext("a sub-paragraph's letter", "(%(letter)s)") % {
            "letter": letter(provision.label, language, parent_kind)
        }
        return (
            pgettext("a sub-paragraph of a provision", "%(parent)s %(letter)s") % values if parent else values["letter"]
        )
    if parent:
        return pgettext("a paragraph of an article", "%(parent)s, paragraph %(number)s") % values
    return _("paragraph %(number)s") % values


def _heading(provision, language):
    """A heading by its words, in `language` if it has them, else in the original's."""
    for code in (language, None):
        code = code or provision.version.original_language  # read only when needed
        words = provision.value_in("text", code) or provision.value_in("heading", code)
        if words:
            words = " ".join(words.split())
            if len(words) > HEADING_LENGTH:
                words = words[: HEADING_LENGTH - 1].rstrip() + "…"
            return Citation(words, code)
    with translation.override(language):
        return Citation(_("untitled heading"), language)
