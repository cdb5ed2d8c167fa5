"""Whitespace, punctuation and line joining, shared by the layout and parser steps."""

import re

_WHITESPACE = re.compile(r"\s+")
_KEPT_SPACES = ("\u00a0", "\u202f")  # a single no-break space is meaningful ("7 juin", "mot ;")

# A paragraph is complete when it ends with one of these, whatever is after it among
# _TRAILING (closing quotes and brackets, footnote marks).
_TERMINAL = ".;:,!?…،؛؟。；：，！？"
_TRAILING = " \u00a0”»\"’')]）*⁰¹²³⁴⁵⁶⁷⁸⁹®"

# A line ending in "word-" whose next line starts in lower case is a word cut in two
# ("pro-" + "motion" → "promotion"), unless the part before the hyphen is one of these
# prefixes, written with a hyphen ("non-" + "sélectivité" → "non-sélectivité").
_HYPHENATED_PREFIXES = frozenset({"anti", "co", "ex", "non", "post", "quasi", "self", "semi", "socio", "sous", "vice"})
_HYPHENATED_WORD = re.compile(r"(\w+)-\Z")
_LONGEST_WORD = 64  # only the end of a line is searched for "word-"


def normalize_space(text: str) -> str:
    """Single spaces, stripped; a lone no-break space is kept as it is."""
    if not any(space in text for space in _KEPT_SPACES):
        return " ".join(text.split())
    return _WHITESPACE.sub(lambda m: m.group() if m.group() in _KEPT_SPACES else " ", text).strip()


# A paragraph may end with a conjunction after its punctuation: "…; and", "…; и", "…, y".
_CLOSING_CONJUNCTION = re.compile(r"[,;，；،؛]\s*(?:and|or|et|ou|y|e|o|и|или|و|أو)\Z")


def closes(text: str) -> bool:
    """Whether the text ends like a finished paragraph (full stop, comma, semicolon, or one of
    them followed by "and" in one of the six languages ...)."""
    text = text.rstrip(_TRAILING)
    return bool(text) and (text[-1] in _TERMINAL or _CLOSING_CONJUNCTION.search(text[-12:]) is not None)


def starts_lowercase(text: str) -> bool:
    """Whether the first letter is lower case (never true for Arabic or Chinese)."""
    first_letter = next((char for char in text if char.isalpha()), "")
    return first_letter.islower()


def join_lines(left: str, right: str, language: str) -> str:
    """Join a hard-wrapped line (or a paragraph continued after a page break) to its text."""
    if not left or not right:
        return left or right
    if language == "zh-hans":
        return left + right  # Chinese is written without spaces between words
    if left.endswith("\u00ad"):  # soft hyphen
        return left[:-1] + right
    word = _HYPHENATED_WORD.search(left[-_LONGEST_WORD:])
    if word:
        if right[0].islower() and word.group(1).lower() not in _HYPHENATED_PREFIXES:
            return left[:-1] + right
        return left + right  # "Sud-" + "Sud", "COVID-" + "19", "non-" + "sélectivité"
    return f"{left} {right}"
