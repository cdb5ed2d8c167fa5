"""Numbering a version's provisions level by level, as UN texts number them: preambular
paragraphs PP1, PP2…; operative paragraphs and an article's paragraphs 1, 2…; articles
"Article 1"…; sub-paragraphs (a), (b)… and, under a sub-paragraph, (i), (ii)…; headings keep
their labels. When the drafter keeps the existing numbers, an inserted provision takes the
number before it with "bis", "ter"… ("7bis", "PP3ter", "(a bis)")."""

import re
from collections import Counter

from .importer.labels import article_label, letter_label, number_label, roman_label

SUFFIXES = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies")
_SUFFIXED = re.compile(r"^(?P<root>.*?)\s*(?:" + "|".join(SUFFIXES) + r")$")


def label_for(kind, number, parent_kind=None):
    """The label of the `number`-th provision of `kind` at its level, or None (headings)."""
    if kind == "preamble":
        return f"PP{number}"
    if kind in ("operative", "paragraph"):
        return number_label(number)
    if kind == "article":
        return article_label(number)
    if kind == "subparagraph":
        return roman_label(number) if parent_kind == "subparagraph" else letter_label(number)
    return None


def level_labels(children, kinds, parent_kind=None):
    """{pk: label} for the provisions `children` (ids in order) of one level."""
    counters = Counter()
    labels = {}
    for pk in children:
        counters[kinds[pk]] += 1
        label = label_for(kinds[pk], counters[kinds[pk]], parent_kind)
        if label is not None:
            labels[pk] = label
    return labels


def inserted_label(before, taken):
    """A free label after `before` keeping the numbers around it: 7 → 7bis (7ter if taken)."""
    bracketed = before.startswith("(") and before.endswith(")")
    root = before[1:-1] if bracketed else before
    match = _SUFFIXED.match(root)
    root = match["root"] if match else root
    for suffix in SUFFIXES:
        label = f"({root} {suffix})" if bracketed else f"{root}{suffix}"
        if label not in taken:
            return label
    return None
