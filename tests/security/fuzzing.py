"""What the fuzz tests share: text strategies in the six UN scripts and beyond, the oracle of
"what a stored text must be", bounded hypothesis settings and a per-example rollback.

The oracle is the contract of every service that stores what a person typed: the text is
stored exactly as typed, up to these three normalizations — line endings become LF, white
space at both ends is removed, and the text is put in Unicode NFC — or it is refused whole
with a ValidationError (empty when required, NUL and other C0 controls, bidi embeddings,
overrides and isolates, longer than the limit). Nothing is ever silently cut.
"""

import os
import re
import unicodedata
from contextlib import contextmanager

from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

settings.register_profile(
    "security",
    deadline=None,
    # No example database in the work tree. With CI set the examples are the same on every run
    # (derived from each test's name), so a red build always reproduces; otherwise each run
    # explores new ones, from a seed `make fuzz` prints (`--hypothesis-seed`) or a random one.
    database=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)


# The seed of a fresh batch (`make fuzz` sets it and passes it as --hypothesis-seed too).
FUZZ_SEED = os.environ.get("FUZZ_SEED")


def fuzz(max_examples):
    """Bounded settings: the whole security suite stays within about two minutes on two cores."""
    return settings(settings.get_profile("security"), max_examples=max_examples)


@contextmanager
def rolled_back():
    """One hypothesis example: what it writes is undone (a savepoint inside the test's
    transaction), so examples never see each other's rows."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# --- Strategies ------------------------------------------------------------------------------

XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "'><svg/onload=alert(1)>",
    "</textarea><script>alert(2)</script>",
    "{{ request.user.email }}{% debug %}",
]
SQLISH = ["' OR 1=1 --", "'; DROP TABLE portal_user; --", '" OR ""="', "%", "_", "\\", "%' --", "1; SELECT pg_sleep(5)"]
FORMULAS = ["=1+1", "+1+1", "-1+1", "@SUM(1,1)", '=HYPERLINK("http://evil.example","x")', "=cmd|' /C calc'!A0"]

ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
CHINESE = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
CYRILLIC = st.characters(min_codepoint=0x0400, max_codepoint=0x04FF)
COMBINING = st.characters(min_codepoint=0x0300, max_codepoint=0x036F)
EMOJI = st.sampled_from(["😀", "👍🏽", "👨‍👩‍👧", "🇺🇳", "🏳️‍🌈", "❤️", "🤝"])
# Letter marks (LRM, RLM, ALM) are legitimate; embeddings, overrides and isolates are refused.
BIDI = st.sampled_from(list("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
ZERO_WIDTH = st.sampled_from(list("\u200b\u200c\u200d\u2060\ufeff"))
CONTROLS = st.sampled_from([chr(code) for code in range(0x20)] + ["\x7f", "\x85", "\u2028", "\u2029"])
SPACES = st.sampled_from([" ", "\t", "\n", "\r", "\r\n", "\n\n", "\u00a0", "\u3000", "\u202f", "  "])
# Sequences that NFC composes (or, for the last ones, changes in other ways).
DECOMPOSED = st.sampled_from(
    ["e\u0301", "a\u0308", "\u0627\u0653", "\u1100\u1161", "A\u030a", "\u0915\u093c", "\uf900", "\u212b"]
)

FRAGMENT = st.one_of(
    st.text(max_size=12),
    st.text(alphabet=ARABIC, min_size=1, max_size=12),
    st.text(alphabet=CHINESE, min_size=1, max_size=12),
    st.text(alphabet=CYRILLIC, min_size=1, max_size=8),
    st.text(alphabet=COMBINING, min_size=1, max_size=3),
    EMOJI,
    BIDI,
    ZERO_WIDTH,
    CONTROLS,
    SPACES,
    DECOMPOSED,
    st.sampled_from(XSS + SQLISH + FORMULAS),
)


def one_odd_character():
    """A word with one character of any kind at its start, in its middle or at its end: where
    the trimming of white space meets the refusal of controls, one code point at a time."""
    odd = st.one_of(CONTROLS, BIDI, ZERO_WIDTH, SPACES, st.characters(codec=None))
    word = st.text(alphabet=st.one_of(ARABIC, CYRILLIC, st.sampled_from("abcXYZ")), min_size=2, max_size=6)
    at = st.sampled_from([0, 1, 6])  # the start, the middle, the end (a word is at most 6 long)
    return st.builds(lambda text, character, i: text[:i] + character + text[i:], word, odd, at)


def mixed_text(max_fragments=12):
    """Short texts mixing scripts, marks, emoji, controls, markup."""
    return st.lists(FRAGMENT, max_size=max_fragments).map("".join)


def around(limit):
    """Texts whose length is right at the limit: a few characters under, at, over."""
    unit = st.one_of(
        st.text(min_size=1, max_size=4), st.text(alphabet=ARABIC, min_size=1, max_size=4), EMOJI, DECOMPOSED
    )
    return st.builds(lambda piece, length: (piece * length)[:length], unit, st.integers(limit - 3, limit + 3))


def user_text(limit):
    """What a person may type in a field limited to `limit` characters, and much worse."""
    return st.one_of(
        mixed_text(),
        mixed_text(40),
        one_odd_character(),
        around(limit),
        st.builds(lambda text: text * 2000, st.text(min_size=1, max_size=30)),  # very long
    )


def junk_or(values):
    """One of the offered choices, or anything else a crafted form could send."""
    return st.one_of(st.sampled_from(list(values)), st.text(max_size=12))


# --- Oracle ----------------------------------------------------------------------------------

REFUSED = object()


# The rule, written from Unicode's own data rather than from the character classes of
# portal/text_checks.py, so that a wrong class cannot be wrong in both places.
def is_white_space(character):
    """Unicode's White_Space property: the space, line and paragraph separators (Zs, Zl, Zp) and
    tab, line feed, line and form feed, carriage return and next line (U+0009–U+000D, U+0085)."""
    return (
        unicodedata.category(character) in ("Zs", "Zl", "Zp") or 0x09 <= ord(character) <= 0x0D or character == "\x85"
    )


def is_refused_control(character):
    """NUL and the other C0 controls (U+0000–U+001F), and DELETE (U+007F), but tab and line feed."""
    return (
        unicodedata.category(character) == "Cc"
        and (ord(character) <= 0x1F or ord(character) == 0x7F)
        and character not in "\t\n"
    )


# Bidi embeddings, overrides and isolates, and their terminators; the letter marks (LRM, RLM,
# ALM: bidi classes L, R, AL) are kept.
EMBEDDINGS_AND_ISOLATES = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}


def is_refused_bidi_control(character):
    return unicodedata.bidirectional(character) in EMBEDDINGS_AND_ISOLATES


def trimmed(text):
    start, end = 0, len(text)
    while start < end and is_white_space(text[start]):
        start += 1
    while end > start and is_white_space(text[end - 1]):
        end -= 1
    return text[start:end]


class Either:
    """Right at the limit, where NFC changes the length: refusing and storing are both fine."""

    def __init__(self, text):
        self.text = text


def expected(value, limit, *, required=True):
    """What must be stored for `value`: the cleaned text, REFUSED, or Either(cleaned text)."""
    text = trimmed((value or "").replace("\r\n", "\n").replace("\r", "\n"))
    if (required and not text) or any(is_refused_control(c) or is_refused_bidi_control(c) for c in text):
        return REFUSED
    normalized = unicodedata.normalize("NFC", text)
    if len(text) > limit and len(normalized) > limit:
        return REFUSED
    if len(text) <= limit and len(normalized) <= limit:
        return normalized
    return Either(normalized)


def accepts(*outcomes):
    """Whether every outcome must be accepted (no REFUSED, no Either)."""
    return all(isinstance(outcome, str) for outcome in outcomes)


def refuses(*outcomes):
    return any(outcome is REFUSED for outcome in outcomes)


def stored_as(stored, outcome):
    text = outcome.text if isinstance(outcome, Either) else outcome
    return stored == text


_EMAIL_TAGS = re.compile(r"<!DOCTYPE html>|</?(?:html|head|meta|body|p|br)\b[^>]*>|</?bdi>")


def html_without_own_tags(html):
    """An email's HTML part without the tags of its own layout: what is left must hold no '<'."""
    return _EMAIL_TAGS.sub("", html)


def shown(value, width=80):
    """A value for an assertion message: its repr, cut, with its length."""
    text = repr(value)
    return text if len(text) <= width else f"{text[:width]}… ({len(value)} characters)"
