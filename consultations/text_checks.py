"""What user text must look like before it is stored: never silently truncated or altered."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_COMMENT_LENGTH = 5000
MAX_SUMMARY_LENGTH = 5000
MAX_ANSWER_LENGTH = 20000

# Bidi embedding/override/isolate controls can make text read differently from what is stored
# (the "Trojan Source" trick). Letter marks (LRM, RLM, ALM), ZWJ and ZWNJ are legitimate in
# Arabic and Persian writing and are kept.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_FORBIDDEN_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value, *, field_name, max_length, required=True):
    """Normalize line endings and edges; refuse what cannot be stored faithfully."""
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if required and not text:
        raise ValidationError({field_name: _("This text is empty.")}, code="empty")
    if _FORBIDDEN_CONTROLS.search(text):
        raise ValidationError({field_name: _("The text contains invisible control characters (such as null bytes). Remove them and try again.")}, code="control")
    if _BIDI_CONTROLS.search(text):
        raise ValidationError({field_name: _("The text contains invisible direction-override characters, which can make it read differently from what is stored. Remove them and try again.")}, code="bidi")
    if len(text) > max_length:
        raise ValidationError(
            {field_name: _("The text is %(length)s characters long; the limit is %(limit)s. Nothing was cut: shorten it, or send a written submission.") % {"length": len(text), "limit": max_length}},
            code="too_long",
        )
    return unicodedata.normalize("NFC", text)


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
