"""Recognize the lines that open a provision, in the six UN languages.

`recognize(text)` looks at one whitespace-normalized line and says whether it is the body
line ("The Human Rights Council,"), a section heading, an article heading, a numbered
paragraph or a lettered sub-paragraph. Whether such a line really opens a provision where it
stands (and not, say, a wrapped line that happens to start with "2.") is the parser's call.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from .labels import (
    CHINESE_NUMERALS,
    ascii_digits,
    chinese_number,
    letter_ordinal,
    roman_value,
    strip_arabic_marks,
)


@dataclass(frozen=True)
class BodyLine:
    pass


@dataclass(frozen=True)
class SectionHeading:
    pass


@dataclass(frozen=True)
class Formula:
    """An enacting formula ("Now, therefore,") or a proclamation clause ("Proclaims this …
    Declaration …"): the heading of the part it opens."""

    proclamation: bool


@dataclass(frozen=True)
class ArticleHead:
    number: int
    suffix: str
    text: str  # the article's title when printed on the same line


@dataclass(frozen=True)
class NumberedHead:
    number: int
    suffix: str
    text: str
    comma: bool  # "4," instead of "4.": an OCR misreading, trusted only where 4 is due


@dataclass(frozen=True)
class LetteredHead:
    token: str  # as printed, without brackets: "a", "ii", "هـ", "б"
    text: str
    style: str = ""  # "letter" or "roman" when Word's list format says so; "" to be guessed


Head = BodyLine | SectionHeading | Formula | ArticleHead | NumberedHead | LetteredHead

# --- The body line ------------------------------------------------------------------------
# Compared letters-only, lower case, so that OCR debris ("Le Conseil des droits de | 'homme,")
# still matches; the line must be short and end with a comma.
_BODY_NAMES = (
    "The Human Rights Council",
    "The General Assembly",
    "Le Conseil des droits de l’homme",
    "L’Assemblée générale",
    "El Consejo de Derechos Humanos",
    "La Asamblea General",
    "Совет по правам человека",
    "Генеральная Ассамблея",
    "إن مجلس حقوق الإنسان",
    "مجلس حقوق الإنسان",
    "إن الجمعية العامة",
    "فإن الجمعية العامة",
    "الجمعية العامة",
    "人权理事会",
    "大会",
)
_BODY_LINE_MAX_LENGTH = 60
_BODY_LINE_SIMILARITY = 0.88


def _letters(text: str) -> str:
    return "".join(char for char in strip_arabic_marks(text).lower() if char.isalpha())


_BODY_KEYS = tuple(_letters(name) for name in _BODY_NAMES)


def _body_line(text: str) -> BodyLine | None:
    if len(text) > _BODY_LINE_MAX_LENGTH:
        return None
    letters = _letters(text)
    if text[-1] not in ",،，":
        # Without its comma ("The General Assembly" above a proclamation) only the exact words.
        return BodyLine() if letters in _BODY_KEYS else None
    return BodyLine() if any(_similar(letters, key) for key in _BODY_KEYS) else None


def _similar(letters: str, key: str) -> bool:
    # Lengths too far apart cannot reach the ratio: most lines ending in a comma stop here.
    total = len(letters) + len(key)
    if 2 * min(len(letters), len(key)) < _BODY_LINE_SIMILARITY * total:
        return False
    return SequenceMatcher(None, letters, key).ratio() >= _BODY_LINE_SIMILARITY


# --- Section headings -----------------------------------------------------------------------
_HEADING_MAX_LENGTH = 200
_SECTION_NUMBERS = (
    re.compile(r"[IVXLC]+\s*[.\-–—]\s+"),  # I. Introduction / II - Méthodes
    re.compile(r"[A-ZА-Я]\.\s+"),  # A. Phase one / Б. Этап
    re.compile(r"[一二三四五六七八九十]+\s*[、.．]\s*"),  # 一、导言
    # أولاً - مقدمة (matched without the vowel marks), ألف - المرحلة الأولى
    re.compile(
        r"(?:أولا|ثانيا|ثالثا|رابعا|خامسا|سادسا|سابعا|ثامنا|تاسعا|عاشرا"
        r"|ألف|باء|جيم|دال|هاء|واو|زاي|حاء|طاء|ياء)\s*[-–—]\s*"
    ),
)
_ANNEX = re.compile(r"(?:Annex|Annexe|Anexo|Приложение|المرفق|附件)(?:\s+[IVXLC\d]+)?", re.I)
_PREAMBLE_HEADING = re.compile(r"(?:Preamble|Préambule|Preámbulo|Преамбула|الديباجة|序言)", re.I)


def _section_heading(text: str) -> SectionHeading | None:
    if len(text) > _HEADING_MAX_LENGTH:
        return None
    bare = strip_arabic_marks(text)
    if _ANNEX.fullmatch(bare) or _PREAMBLE_HEADING.fullmatch(bare):
        return SectionHeading()
    for pattern in _SECTION_NUMBERS:
        match = pattern.match(bare)
        # The heading's words follow the number; a lower-case word means a sentence.
        if match and match.end() < len(bare) and not bare[match.end()].islower():
            return SectionHeading()
    return None


# --- Articles ---------------------------------------------------------------------------
_ARTICLE_PATTERNS = (
    re.compile(
        r"(?:Article|Artículo|Articulo|Статья)\s+"
        r"(?P<number>\d{1,3}|premier|primero)(?:er|º|°)?\s*(?P<suffix>bis|ter|quater)?",
        re.I,
    ),
    re.compile(r"المادة\s*\(?\s*(?P<number>\d{1,3})\s*\)?"),
    re.compile(rf"第\s*(?P<number>[\d{CHINESE_NUMERALS}]+)\s*条"),
)
_TITLE_SEPARATORS = " .:—–-"


def _is_article_title(rest: str) -> bool:
    """Whether what follows "Article 1" is the article's title ("— Right to solidarity"),
    and not the rest of a sentence ("Article 1 of the Charter provides ...")."""
    title = rest.lstrip()
    if not title or title[0] in _TITLE_SEPARATORS:
        return True
    if not rest[0].isspace():
        return False
    return title[0].isupper() or "\u4e00" <= title[0] <= "\u9fff"


def _article(text: str) -> ArticleHead | None:
    digits = ascii_digits(text)
    match = next(filter(None, (pattern.match(digits) for pattern in _ARTICLE_PATTERNS)), None)
    if not match or not _is_article_title(text[match.end() :]):
        return None
    number = match.group("number")
    if number.lower() in ("premier", "primero"):
        number = "1"
    suffix = (match.groupdict().get("suffix") or "").lower()
    title = text[match.end() :].lstrip(_TITLE_SEPARATORS)
    return ArticleHead(chinese_number(number), suffix, title)


# --- Numbered paragraphs -----------------------------------------------------------------
# "1.", "1-", "1 -", "١ -", "7 bis.", "7bis." and the OCR misreading "4,"; never "1.5" or
# "2015-2020" (a digit right after the separator).
# In Arabic PDFs converted to text the number often comes out between dashes: "- 4- يُشدد".
_NUMBERED = re.compile(
    r"(?:[-–—]\s*)?(?P<number>\d{1,3})\s?(?P<suffix>bis|ter|quater)?\s*(?P<separator>[.,]|[-–—])\s*(?=[^\d\s])"
)


def _numbered(text: str) -> NumberedHead | None:
    match = _NUMBERED.match(ascii_digits(text))
    if not match:
        return None
    return NumberedHead(
        number=int(match.group("number")),
        suffix=match.group("suffix") or "",
        text=text[match.end() :],
        comma=match.group("separator") == ",",
    )


# --- Lettered sub-paragraphs ----------------------------------------------------------------
# "(a)", "a)", "(ii)", "(أ)", "(هـ)", "(б)", "（a）".
_LETTERED = re.compile(r"[(（]\s*(?P<token>[^\s()（）]{1,4})\s*[)）]\s*|(?P<bare>[^\W\d_]{1,4})[)）]\s+")


def _lettered(text: str) -> LetteredHead | None:
    match = _LETTERED.match(text)
    if not match:
        return None
    token = match.group("token") or match.group("bare")
    if letter_ordinal(token) is None and roman_value(token) is None:
        return None
    return LetteredHead(token, text[match.end() :])


# --- Formulas ---------------------------------------------------------------------------------
# The enacting formula, alone on its line ("Now, therefore,") or opening the proclamation
# (Chinese: "因此现在,大会,发布这一世界人权宣言,……"), compared letters-only.
_ENACTING = ("nowtherefore", "ahoraportanto", "因此现在", "وعليه")
_ENACTING_MAX_LENGTH = 30
# A proclamation clause: its verb opens the line and the word "Declaration" follows.
_PROCLAIMS = re.compile(
    r"(?:(?:Solemnly\s+)?(?:Proclaims|Adopts)|Proclame|Adopte|Proclama|Aprueba"
    r"|(?:торжественно\s+)?(?:провозглашает|принимает))\b|تنادي|تصدر|تعتمد|(?:庄严)?(?:发布|宣布|通过)",
    re.I,
)
_DECLARATION = re.compile(r"Declaration|Déclaration|Declaración|Декларац|الإعلان|إعلان|宣言", re.I)


def _formula(text: str) -> Formula | None:
    letters = _letters(text)
    if any(letters.startswith(key) for key in _ENACTING):
        if len(text) <= _ENACTING_MAX_LENGTH:
            return Formula(proclamation=False)
        if _DECLARATION.search(text):
            return Formula(proclamation=True)
    match = _PROCLAIMS.match(strip_arabic_marks(text))
    if match and _DECLARATION.search(text, match.end()):
        return Formula(proclamation=True)
    return None


def recognize(text: str) -> Head | None:
    for recognizer in (_body_line, _formula, _article, _numbered, _lettered, _section_heading):
        head = recognizer(text)
        if head:
            return head
    return None


def is_body_line(text: str) -> bool:
    return bool(text) and _body_line(text) is not None
