"""Page layout: drop page furniture, cut the lines into blocks, set footnotes apart.

Two layouts are read:
- hard-wrapped text (OCR, PDF to text): paragraphs are separated by blank lines and wrapped
  over several lines, so a block is a run of non-blank lines;
- one paragraph per line (Word documents, most exports): every line is a block.
A text counts as hard-wrapped as soon as a blank line stands between two lines of text.

Nothing is dropped silently: the page furniture set aside is returned with its line numbers.

Footnotes are printed at the foot of a page, often in the middle of a paragraph. A footnote
block starts a block with its marker ("1 ", "*", "**", "¹") and ends at a blank line or at a
line indented by the OCR, where the page's text resumes.
"""

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from .labels import ascii_digits
from .numbering import ListNumber
from .structure import is_body_line, recognize
from .text import closes, normalize_space, starts_lowercase


@dataclass
class Line:
    number: int  # 1-based position in the input
    text: str  # whitespace-normalized
    indented: bool  # began with whitespace in the input
    list_number: ListNumber | None = None  # Word's automatic number printed before the line
    notes: tuple[str, ...] = ()  # texts of the Word footnotes and endnotes the line cites


@dataclass
class Block:
    lines: list[Line]
    resumes: bool = False  # footnotes or page furniture stand between it and the text before


@dataclass
class Layout:
    items: list  # Block | FootnoteText, in reading order
    set_aside: list[Line] = field(default_factory=list)  # page numbers, symbols, running headers


@dataclass
class FootnoteText:
    marker: str  # "1", "*", "**"
    lines: list[Line]  # the first line without its marker
    printed: str = ""  # the marker as printed: "1", "(1)", "⁽¹⁾", "¹"


_PAGE_FURNITURE = (
    re.compile(r"[A-Z]{1,6}(?:/[A-Za-z0-9.\-()]+){2,}"),  # document symbol: A/HRC/53/L.11
    re.compile(r"GE\.\d{2}-\d{3,6}\b.*"),  # job number: GE.23-12345 (F)
    re.compile(r"\*\d{5,8}\*"),  # job number as printed under the bar code
    re.compile(r"[-–—]?\s*\d{1,4}\s*[-–—]?"),  # page number: 3, - 3 -
    re.compile(r"\d{1,4}\s*/\s*\d{1,4}"),  # page 3/12
    re.compile(  # Page 3 of 12
        r"(?:Page|Página|Страница|Стр\.)\s*\d{1,4}(?:\s*(?:/|of|de|sur|из)\s*\d{1,4})?", re.I
    ),
)
_RUNNING_HEADER_MIN_REPEATS = 3

# "1 ", "*", "¹", and in Arabic texts "(1)" or "⁽¹⁾", then the note's text.
_FOOTNOTE = re.compile(
    r"(?P<marker>\*{1,3}|\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})\s+(?=\S)"
    r"|[(⁽](?P<bracketed>\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})[)⁾]\s*(?=\S)"
)
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def split_blocks(raw_lines: list[str]) -> Layout:
    """`raw_lines` are plain strings, or Word paragraphs carrying `number` and `notes`."""
    all_lines = [
        Line(n, normalize_space(raw), raw[:1].isspace(), getattr(raw, "number", None), getattr(raw, "notes", ()))
        for n, raw in enumerate(raw_lines, 1)
    ]
    lines = _without_page_furniture(all_lines)
    kept = {line.number for line in lines}
    layout = Layout([], [line for line in all_lines if line.text and line.number not in kept])
    set_aside_numbers = [line.number for line in layout.set_aside]
    wrapped = _is_hard_wrapped(lines)
    current: Block | FootnoteText | None = None  # what the next line may continue
    last_line = 0  # number of the last line placed in a block
    next_footnote = 1  # numbered footnotes run 1, 2, 3 ... through the document
    for line in lines:
        if not line.text and line.list_number is None:  # Word may number an empty paragraph ("Article 1")
            current = None
            continue
        if isinstance(current, FootnoteText) and (line.indented or recognize(line.text)):
            current = None  # the page's text resumes after the footnotes
        starts_block = current is None or not wrapped
        in_footnotes = isinstance(current, FootnoteText)
        footnote = None
        if (starts_block or in_footnotes) and line.list_number is None:
            footnote = _footnote_start(line, next_footnote)
        if footnote:
            if footnote.marker.isdigit():
                next_footnote += 1
            current = footnote
            layout.items.append(footnote)
            continue
        resumes = _set_aside_between(set_aside_numbers, last_line, line.number) or bool(
            layout.items and isinstance(layout.items[-1], FootnoteText)
        )
        last_line = line.number
        if is_body_line(line.text):
            layout.items.append(Block([line], resumes))  # "The Human Rights Council," stands alone
            current = None
        elif starts_block:
            current = Block([line], resumes)
            layout.items.append(current)
        else:
            current.lines.append(line)
    return layout


def _set_aside_between(numbers: list[int], after: int, before: int) -> bool:
    index = bisect_left(numbers, after + 1)
    return index < len(numbers) and numbers[index] < before


def _footnote_start(line: Line, expected_number: int) -> FootnoteText | None:
    match = _FOOTNOTE.match(ascii_digits(line.text))
    if not match:
        return None
    marker = (match.group("marker") or match.group("bracketed")).translate(_SUPERSCRIPTS)
    text = line.text[match.end() :]
    # "1 - ..." is a numbered paragraph and "4 décembre 2020, ..." a wrapped line.
    if text[0] in "-–—." or starts_lowercase(text):
        return None
    if marker.isdigit() and int(marker) != expected_number:
        return None
    return FootnoteText(marker, [Line(line.number, text, line.indented)], line.text[: match.end()].strip())


def _without_page_furniture(lines: list[Line]) -> list[Line]:
    lines = [line for line in lines if not _is_page_furniture(line.text)]
    headers = _running_headers(lines)
    return [line for line in lines if line.text not in headers]


def _is_page_furniture(text: str) -> bool:
    text = ascii_digits(text)
    return any(pattern.fullmatch(text) for pattern in _PAGE_FURNITURE)


def _running_headers(lines: list[Line]) -> set[str]:
    """Lines repeated on several pages, each time standing alone between blank lines."""
    isolated = Counter(
        line.text
        for before, line, after in zip([None, *lines], lines, [*lines[1:], None], strict=False)
        if line.text and not (before and before.text) and not (after and after.text)
    )
    return {
        text
        for text, count in isolated.items()
        if count >= _RUNNING_HEADER_MIN_REPEATS and not closes(text) and not recognize(text)
    }


def _is_hard_wrapped(lines: list[Line]) -> bool:
    seen_text = blank_after_text = False
    for line in lines:
        if not line.text and line.list_number is None:
            blank_after_text = seen_text
        elif blank_after_text:
            return True
        else:
            seen_text = True
    return False
