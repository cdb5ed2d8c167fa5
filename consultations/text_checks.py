"""Limits of contributions, and the language a text is written in."""

import re

MAX_COMMENT_LENGTH = 5000
MAX_SUMMARY_LENGTH = 5000
MAX_ANSWER_LENGTH = 20000

_SCRIPTS = [
    ("ar", re.compile("[\u0600-\u06ff\u0750-\u077f]")),
    ("zh-hans", re.compile("[\u4e00-\u9fff]")),
    ("ru", re.compile("[\u0400-\u04ff]")),
]
_LATIN_HINTS = {
    "fr": {"le", "la", "les", "des", "et", "est", "une", "du", "que", "pour", "dans"},
    "es": {"el", "los", "las", "del", "y", "es", "una", "que", "para", "por", "en"},
    "en": {"the", "and", "of", "to", "is", "that", "for", "in", "should", "this"},
}


def guess_language(text, default):
    """The language a text is written in, from its script (and, for Latin script, its most
    common words); `default` when unsure. The author can always correct it."""
    counts = {code: len(pattern.findall(text)) for code, pattern in _SCRIPTS}
    best = max(counts, key=counts.get)
    letters = sum(1 for ch in text if ch.isalpha())
    if letters and counts[best] > letters / 2:
        return best
    words = re.findall(r"[a-záéíóúñçàèêœ]+", text.lower())
    scores = {code: sum(word in hints for word in words) for code, hints in _LATIN_HINTS.items()}
    best_latin = max(scores, key=scores.get)
    return best_latin if scores[best_latin] >= 2 else default
