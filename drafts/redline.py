"""Word-level redlines between two texts, in any of the six UN languages.

Tokens are words (Latin, Cyrillic and Arabic letters with their diacritics), single
punctuation marks and runs of white space. Chinese has no spaces between words, so each
Han character (and kana, fullwidth form) is a token of its own: a change shows exactly the
characters that differ. The matching is difflib's SequenceMatcher from Python's standard
library, with its "junk" heuristic off so that frequent words are never ignored.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Arabic harakat, tatweel and Quranic marks are "not alphanumeric" for \w, but belong to the word.
_ARABIC_MARKS = "\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed"
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_TOKEN = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])[\w{_ARABIC_MARKS}])+|\s+|.", re.DOTALL)

EQUAL, INSERT, DELETE = "equal", "insert", "delete"


@dataclass(frozen=True)
class Change:
    op: str
    text: str


def tokenize(text):
    return _TOKEN.findall(text or "")


def diff(old, new):
    """The changes that turn `old` into `new`, adjacent changes of one kind merged."""
    a, b = tokenize(old), tokenize(new)
    changes = []

    def add(op, tokens):
        if not tokens:
            return
        text = "".join(tokens)
        if changes and changes[-1].op == op:
            changes[-1] = Change(op, changes[-1].text + text)
        else:
            changes.append(Change(op, text))

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            add(EQUAL, a[i1:i2])
        else:
            add(DELETE, a[i1:i2])
            add(INSERT, b[j1:j2])
    return _group_replacements(changes)


def _group_replacements(changes):
    """Show a rewritten phrase as one deletion and one insertion rather than alternating
    word by word: changes separated only by white space are joined."""
    grouped = []
    i = 0
    while i < len(changes):
        if changes[i].op == EQUAL:
            grouped.append(changes[i])
            i += 1
            continue
        old = new = ""
        while i < len(changes):
            change = changes[i]
            if change.op == DELETE:
                old += change.text
            elif change.op == INSERT:
                new += change.text
            elif change.text.isspace() and i + 1 < len(changes) and changes[i + 1].op != EQUAL:
                old += change.text
                new += change.text
            else:
                break
            i += 1
        grouped += [Change(op, text) for op, text in ((DELETE, old), (INSERT, new)) if text]
    return grouped


def is_unchanged(changes):
    return all(change.op == EQUAL for change in changes)


def render_html(changes):
    """HTML with <ins> and <del>; every piece of text escaped."""
    parts = []
    for change in changes:
        text = escape(change.text)
        if change.op == INSERT:
            parts.append(f"<ins>{text}</ins>")
        elif change.op == DELETE:
            parts.append(f"<del>{text}</del>")
        else:
            parts.append(text)
    return mark_safe("".join(parts))
