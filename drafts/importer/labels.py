"""Numbering in the six UN languages, reduced to the canonical labels the portal stores.

Labels are Latin and ASCII whatever the language of the text: paragraph "7bis", article
"Article 2", sub-paragraph "(b)". The printed text keeps its own script.
"""

import re

_TO_ASCII_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
_EASTERN_DIGIT = re.compile("[٠-٩۰-۹]")

# Arabic short vowels, tanween, shadda, sukun, superscript alef and tatweel: they decorate
# letters ("أولاً", "هـ") and are left out when matching numbering words and letters.
_ARABIC_MARKS = re.compile("[\u0640\u064b-\u065f\u0670]")

_CHINESE_DIGITS = dict(zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_CHINESE_UNITS = {"十": 10, "百": 100}
CHINESE_NUMERALS = "".join(_CHINESE_DIGITS) + "".join(_CHINESE_UNITS)

# Sub-paragraph letters in the order of the Latin alphabet they stand for: Arabic texts use
# the abjad order (أ ب ج د هـ و ز ح ط ي ...), Russian texts the Cyrillic alphabet.
_LETTER_SEQUENCES = (
    "abcdefghijklmnopqrstuvwxyz",
    "أبجدهوزحطيكلمنسعفصقرشتثخذض",
    "абвгдежзиклмнопрстуфхцчшщэ",
)
_ALEF_VARIANTS = str.maketrans("اإآ", "أأأ")

_ROMAN = re.compile(r"x{0,3}(ix|iv|v?i{0,3})")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}


def ascii_digits(text: str) -> str:
    """Arabic-Indic and Persian digits to ASCII; every other character unchanged."""
    return text.translate(_TO_ASCII_DIGITS) if _EASTERN_DIGIT.search(text) else text


def strip_arabic_marks(text: str) -> str:
    return _ARABIC_MARKS.sub("", text)


def chinese_number(numeral: str) -> int:
    """ "十二" → 12, "二十一" → 21, "一百零五" → 105; digits ("12", "１２") are accepted too."""
    if numeral.isdecimal():
        return int(numeral)
    total = digit = 0
    for char in numeral:
        if char in _CHINESE_UNITS:
            total += (digit or 1) * _CHINESE_UNITS[char]
            digit = 0
        else:
            digit = _CHINESE_DIGITS[char]
    return total + digit


def letter_ordinal(token: str) -> int | None:
    """Position of a sub-paragraph letter in its alphabet (a, أ, а → 1), or None."""
    token = strip_arabic_marks(token).translate(_ALEF_VARIANTS)
    for sequence in _LETTER_SEQUENCES:
        if len(token) == 1 and token in sequence:
            return sequence.index(token) + 1
    return None


def roman_value(token: str) -> int | None:
    """Value of a lower-case roman numeral up to xxxix ("iv" → 4), or None."""
    if not token or not _ROMAN.fullmatch(token):
        return None
    values = [_ROMAN_VALUES[char] for char in token]
    return sum(-v if v < after else v for v, after in zip(values, values[1:] + [0], strict=True))


def letter_label(ordinal: int) -> str:
    return f"({chr(ord('a') + ordinal - 1)})"


def number_label(number: int, suffix: str = "") -> str:
    return f"{number}{suffix.lower()}"


def article_label(number: int, suffix: str = "") -> str:
    return f"Article {number_label(number, suffix)}"


def roman_label(value: int) -> str:
    numerals = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    label = ""
    for amount, numeral in numerals:
        count, value = divmod(value, amount)
        label += numeral * count
    return f"({label})"
