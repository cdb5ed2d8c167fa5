"""Word's automatic list numbering (word/numbering.xml), turned into the numbers Word prints.

A paragraph is numbered when it, or its style, has `w:numPr` (a list instance `numId` and a
level `ilvl`). A list instance (`w:num`) points to an abstract numbering (`w:abstractNum`)
that defines each level: its `start`, its format (`decimal`, `lowerLetter`, `arabicAbjad`,
`chineseCounting` ...), its text (`"%1."`, `"(%2)"`, `"第%1条"`) and when it restarts.
Instances that share an abstract numbering continue one another's count, unless an instance
overrides a level's start (`w:lvlOverride/w:startOverride`), which restarts it there.
"""

from dataclasses import dataclass, field

from .ooxml import attribute, children, first

MAX_LEVELS = 9

# Letters in the order Word counts them in each format.
_ABJAD = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"
_ARABIC_ALPHA = "أبتثجحخدذرزسشصضطظعغفقكلمنهوي"
_RUSSIAN = "абвгдежзиклмнопрстуфхцчшщэюя"
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_HINDI_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")

# What a level's format says about the number, for the parser.
DIGIT_FORMATS = frozenset(
    {"decimal", "decimalZero", "hindiNumbers", "decimalFullWidth", "decimalHalfWidth", "decimalEnclosedParen"}
)
LETTER_FORMATS = frozenset({"lowerLetter", "upperLetter", "arabicAbjad", "arabicAlpha", "russianLower", "russianUpper"})
ROMAN_FORMATS = frozenset({"lowerRoman", "upperRoman"})
CHINESE_FORMATS = frozenset(
    {"chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional"}
)
UNNUMBERED_FORMATS = frozenset({"bullet", "none"})


class BrokenNumbering(Exception):
    """numbering.xml does not define what a paragraph refers to; the message says what."""


@dataclass(frozen=True)
class ListNumber:
    """The number Word prints before a paragraph."""

    value: int  # 3 for "3.", "(c)", "(iii)", "第三条"
    format: str  # the level's numFmt: "decimal", "lowerLetter" ...
    level: int  # 0 for the outermost level
    printed: str  # as Word shows it: "3.", "(c)", "第三条"


@dataclass
class _Level:
    start: int = 1
    format: str = "decimal"
    text: str = ""  # lvlText: "%1."
    restart: int | None = None  # lvlRestart: restart after this (1-based) level; 0 never


@dataclass
class _Instance:
    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)  # level -> startOverride
    levels: dict[int, _Level] = field(default_factory=dict)  # a level redefined by lvlOverride


class Numbering:
    """The list definitions of one document, and the running count of each list."""

    def __init__(self, root=None):
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.instances: dict[str, _Instance] = {}
        if root is not None:
            for abstract in children(root, "abstractNum"):
                self.abstracts[attribute(abstract, "abstractNumId")] = _levels(abstract)
            for num in children(root, "num"):
                reference = first(num, "abstractNumId")
                instance = _Instance(attribute(reference, "val") if reference is not None else "")
                for override in children(num, "lvlOverride"):
                    level = _int(attribute(override, "ilvl"), 0)
                    start = first(override, "startOverride")
                    if start is not None:
                        instance.overrides[level] = _int(attribute(start, "val"), 1)
                    redefined = first(override, "lvl")
                    if redefined is not None:
                        instance.levels[level] = _level(redefined)
                self.instances[attribute(num, "numId")] = instance
        self.counts: dict[str, list[int | None]] = {}  # abstract id -> current value per level
        self.started: set[tuple[str, int]] = set()  # (numId, level) whose override was applied

    def number(self, num_id: str, level: int) -> ListNumber | None:
        """Count one more paragraph of list `num_id` at `level`; its number, or None when the
        paragraph is not numbered (numId 0, a bullet)."""
        if num_id == "0":
            return None
        instance = self.instances.get(num_id)
        if instance is None:
            raise BrokenNumbering(f"list {num_id} is not defined")
        levels = self.abstracts.get(instance.abstract)
        if levels is None:
            raise BrokenNumbering(f"list {num_id} refers to the missing definition {instance.abstract}")
        if not 0 <= level < MAX_LEVELS:
            raise BrokenNumbering(f"level {level} of list {num_id} does not exist")
        definition = self._level(instance, levels, level)
        counts = self.counts.setdefault(instance.abstract, [None] * MAX_LEVELS)
        if level in instance.overrides and (num_id, level) not in self.started:
            self.started.add((num_id, level))
            counts[level] = instance.overrides[level]
        elif counts[level] is None:
            counts[level] = definition.start
        else:
            counts[level] += 1
        for deeper in range(level + 1, MAX_LEVELS):
            restart = self._level(instance, levels, deeper).restart
            if restart is None or restart > level:  # by default a level restarts after any higher one
                counts[deeper] = None
        if definition.format in UNNUMBERED_FORMATS:
            return None
        printed = self._printed(instance, levels, definition.text, counts)
        return ListNumber(counts[level], definition.format, level, printed)

    def _level(self, instance: _Instance, levels: dict[int, _Level], level: int) -> _Level:
        return instance.levels.get(level) or levels.get(level) or _Level()

    def _printed(self, instance, levels, text: str, counts: list[int | None]) -> str:
        for level in range(MAX_LEVELS):
            placeholder = f"%{level + 1}"
            if placeholder in text:
                definition = self._level(instance, levels, level)
                value = counts[level] if counts[level] is not None else definition.start
                text = text.replace(placeholder, format_number(value, definition.format))
        return text


def _levels(abstract) -> dict[int, _Level]:
    return {_int(attribute(level, "ilvl"), 0): _level(level) for level in children(abstract, "lvl")}


def _level(element) -> _Level:
    values = {name: attribute(first(element, name), "val") for name in ("start", "numFmt", "lvlText", "lvlRestart")}
    return _Level(
        start=_int(values["start"], 1),
        format=values["numFmt"] or "decimal",
        text=values["lvlText"] or "",
        restart=_int(values["lvlRestart"], None),
    )


def _int(value: str | None, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def format_number(value: int, number_format: str) -> str:
    """The value as Word writes it in a format: 3 → "3", "c", "iii", "ج", "٣", "三"; formats
    not listed here (Thai, Hebrew ... numbers) are written in ASCII digits."""
    if number_format in LETTER_FORMATS:
        alphabet = {
            "arabicAbjad": _ABJAD,
            "arabicAlpha": _ARABIC_ALPHA,
            "russianLower": _RUSSIAN,
            "russianUpper": _RUSSIAN.upper(),
            "upperLetter": _LATIN.upper(),
        }.get(number_format, _LATIN)
        # Past the last letter Word doubles it: z, aa, bb ...
        count, index = divmod(max(value, 1) - 1, len(alphabet))
        return alphabet[index] * (count + 1)
    if number_format in ROMAN_FORMATS:
        roman = to_roman(value)
        return roman.upper() if number_format == "upperRoman" else roman
    if number_format in CHINESE_FORMATS:
        return chinese_numeral(value)
    if number_format == "hindiNumbers":
        return str(value).translate(_HINDI_DIGITS)
    if number_format == "decimalFullWidth":
        return str(value).translate(_FULL_WIDTH_DIGITS)
    if number_format == "decimalZero":
        return f"{value:02d}"
    if number_format == "decimalEnclosedParen":
        return f"({value})"
    return str(value)


def to_roman(value: int) -> str:
    numerals = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"))
    numerals += ((40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    result = ""
    for amount, numeral in numerals:
        count, value = divmod(value, amount)
        result += numeral * count
    return result


def chinese_numeral(value: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 30 → 三十, 105 → 一百零五 (up to 999)."""
    digits = "零一二三四五六七八九"
    if value < 10:
        return digits[value]
    hundreds, rest = divmod(value, 100)
    tens, units = divmod(rest, 10)
    text = f"{digits[hundreds]}百" if hundreds else ""
    if tens:
        text += ("" if tens == 1 and not hundreds else digits[tens]) + "十"
    elif hundreds and units:
        text += "零"
    if units:
        text += digits[units]
    return text
