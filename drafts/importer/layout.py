"""Page layout: drop page furniture, cut the lines into blocks, set footnotes apart.

Three layouts are read:
- hard-wrapped text (OCR, PDF to text): paragraphs are separated by blank lines and wrapped
  over several lines, so a block is a run of non-blank lines;
- line-wrapped text (a PDF turned into text without blank lines): paragraphs are wrapped over
  several lines with nothing between them, so a line goes on with the paragraph before it
  unless that paragraph is finished (it ends in punctuation and, when the next line starts in
  lower case, its last line stops short of the margin);
- one paragraph per line (Word documents, most exports): every line is a block.
A text counts as hard-wrapped as soon as a blank line stands between two lines of text, and
as line-wrapped when, without blank lines, sentences run on from one line to the next. In
wrapped text a paragraph's number printed alone on its line ("1.", "55/5.") is read with the
line after it.

Nothing is dropped silently: the page furniture set aside is returned with its line numbers.

Footnotes are printed at the foot of a page, often in the middle of a paragraph. A footnote
block starts a block with its marker ("1 ", "*", "**", "¹") and ends at a blank line or at a
line indented by the OCR, where the page's text resumes.
"""

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from .dates import DAY_MONTH
from .labels import ascii_digits
from .numbering import ListNumber
from .structure import (
    ArticleHead,
    BodyLine,
    Formula,
    LetteredHead,
    NumberedHead,
    SectionHeading,
    is_body_line,
    recognize,
)
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

# A number printed alone on its line: "1.", "- 4-", "(a)", "55/5.", "53/...".
_BARE_NUMBER = re.compile(
    r"(?:[-–—]\s*)?\d{1,3}\s?(?:bis|ter|quater)?\s*[.\-–—]|[(（]\s*[^\s()（）]{1,4}\s*[)）]"
    r"|\d{1,3}\s*/\s*(?:\d{1,4}|\.{2,}|…)\s*\.?"
)
_LINE_WRAP_MIN_BREAKS = 3  # sentences running on from one line to the next, to call a text line-wrapped
_FULL_LINE = 0.8  # share of the text's width that a line reaching the margin fills
_COMPLETE_HEADS = (SectionHeading, ArticleHead, BodyLine, Formula)  # lines that are whole by themselves


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
    line_wrapped = not wrapped and _is_line_wrapped(lines)
    if wrapped or line_wrapped:
        lines = _with_bare_numbers_joined(lines)
    width = _width(lines) if line_wrapped else 0
    current: Block | FootnoteText | None = None  # what the next line may continue
    last_line = 0  # number of the last line placed in a block
    next_footnote = 1  # numbered footnotes run 1, 2, 3 ... through the document
    for line in lines:
        if not line.text and line.list_number is None:  # Word may number an empty paragraph ("Article 1")
            current = None
            continue
        if isinstance(current, FootnoteText) and (line.indented or recognize(line.text)):
            current = None  # the page's text resumes after the footnotes
        if line_wrapped and isinstance(current, Block) and _opens_paragraph(current.lines[-1], line, width):
            current = None
        starts_block = current is None or not (wrapped or line_wrapped)
        in_footnotes = isinstance(current, FootnoteText)
        footnote = None
        if (starts_block or in_footnotes or line_wrapped) and line.list_number is None:
            footnote = _footnote_start(line, next_footnote)
        if footnote:
            if footnote.marker.isdigit():
                next_footnote += 1
            current = footnote
            layout.items.append(footnote)
            continue
        if current is None and _continues_footnote(layout.items, line):
            current = layout.items[-1]  # a footnote wrapped over a blank line ("… in the report of" / "the Council …")
            current.lines.append(line)
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


def _is_line_wrapped(lines: list[Line]) -> bool:
    """Whether sentences run on from one line to the next: a line that does not end a
    sentence, followed by one that starts in lower case."""
    breaks = sum(
        1
        for previous, line in zip(lines, lines[1:], strict=False)
        if previous.text and not closes(previous.text) and starts_lowercase(line.text) and not recognize(previous.text)
    )
    return breaks >= _LINE_WRAP_MIN_BREAKS


def _width(lines: list[Line]) -> int:
    """The length of a line that reaches the margin: the longest lines, outliers aside."""
    lengths = sorted(len(line.text) for line in lines if line.text)
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def _opens_paragraph(previous: Line, line: Line, width: int) -> bool:
    """In line-wrapped text, whether the line starts a paragraph rather than going on with
    the previous line's: the previous line is whole by itself (a heading, the body line) or
    ends a paragraph, that is ends in punctuation and does not reach the margin before a line
    in lower case; a numbered line after a finished one opens its paragraph."""
    if isinstance(recognize(previous.text), _COMPLETE_HEADS):
        return True
    if not closes(previous.text):
        return False
    if isinstance(recognize(line.text), (NumberedHead, LetteredHead)):
        return True
    return not (len(previous.text) >= _FULL_LINE * width and starts_lowercase(line.text))


def _with_bare_numbers_joined(lines: list[Line]) -> list[Line]:
    """A number alone on its line ("1.", "55/5.") is read with the next line, its text."""
    joined: list[Line] = []
    for line in lines:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and line.text
            and line.number == previous.number + 1
            and previous.list_number is None
            and _BARE_NUMBER.fullmatch(ascii_digits(previous.text))
        ):
            joined[-1] = Line(previous.number, f"{previous.text} {line.text}", previous.indented, None, line.notes)
        else:
            joined.append(line)
    return joined


def _continues_footnote(items: list, line: Line) -> bool:
    """After a blank line, a line in lower case goes on with an unfinished footnote."""
    last = items[-1] if items else None
    return isinstance(last, FootnoteText) and not closes(last.lines[-1].text) and starts_lowercase(line.text)


def _set_aside_between(numbers: list[int], after: int, before: int) -> bool:
    index = bisect_left(numbers, after + 1)
    return index < len(numbers) and numbers[index] < before


def _footnote_start(line: Line, expected_number: int) -> FootnoteText | None:
    match = _FOOTNOTE.match(ascii_digits(line.text))
    if not match:
        return None
    marker = (match.group("marker") or match.group("bracketed")).translate(_SUPERSCRIPTS)
    text = line.text[match.end() :]
    # "1 - ..." is a numbered paragraph, "4 décembre 2020, ..." a wrapped line, "1 April 2021" a date.
    if text[0] in "-–—." or starts_lowercase(text) or DAY_MONTH.match(ascii_digits(line.text)):
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
