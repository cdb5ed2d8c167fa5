"""From the lines of a UN text to its structure: title, headings, preamble, operative part,
articles, paragraphs and sub-paragraphs, with footnotes, and a warning for every doubt.

The layout step (layout.py) has already cut the lines into blocks and set footnotes apart.
Here the first line of each block either opens a provision (a numbered paragraph, "(a)",
"Article 1", a heading) or is unnumbered text, placed by `_Parser._unnumbered`. A later line
of a block is a wrapped line, unless it opens a provision where the line before it ended a
paragraph (OCR text often has no blank line before the next operative paragraph).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import zip_longest

from django.utils.translation import gettext as _

from .adoption import split_adoption
from .document import ParsedDocument, ParsedProvision, ParseWarning, SetAside
from .footnotes import Footnote, attach_footnotes
from .front_matter import add_fields, fields_of, read_front_matter, title_text
from .labels import article_label, letter_label, letter_ordinal, number_label, roman_label, roman_value
from .layout import Block, FootnoteText, Line, split_blocks
from .numbering import CHINESE_FORMATS, DIGIT_FORMATS, ROMAN_FORMATS, format_number
from .structure import (
    ArticleHead,
    BodyLine,
    Formula,
    Head,
    LetteredHead,
    NumberedHead,
    SectionHeading,
    recognize,
)
from .text import closes, join_lines, starts_lowercase

LANGUAGES = ("ar", "zh-hans", "en", "fr", "ru", "es")

_GUESSED_HEADING_MAX_LENGTH = 200
_PREAMBLE_ENDINGS = (",", "،", "，", ";", "；")
_BODY_LINE_ENDINGS = (",", "،", "，")


def _first_body_block(items: list) -> Block | None:
    """The block of the body line ("The Human Rights Council,"), when nothing before it has
    the structure of a text (a heading, a formula, a numbered paragraph): all that comes
    before it is front matter. A declaration's body line, after its preamble, is not."""
    for item in items:
        if isinstance(item, FootnoteText):
            continue
        first = item.lines[0]
        head = _head(first)
        if isinstance(head, BodyLine) and first.text.endswith(_BODY_LINE_ENDINGS):
            return item
        if head is not None and not isinstance(head, BodyLine):
            return None
    return None


def parse_document(lines: list[str], language: str) -> ParsedDocument:
    if language not in LANGUAGES:
        raise ValueError(f"Unknown language {language!r}; expected one of {', '.join(LANGUAGES)}.")
    parser = _Parser(language)
    lines, adoption, adoption_lines = split_adoption(lines)
    layout = split_blocks(lines)
    parser.first_body = _first_body_block(layout.items)
    for item, following in zip_longest(layout.items, layout.items[1:]):
        parser.feed(item, following)
    document = parser.finish(layout.set_aside, parser.body_starts or len(lines) + 1)
    if adoption:
        document.adoption = {"line": adoption_lines[0], **adoption}
    document.doubts = _doubts(document, parser.body_line_seen)
    return document


_UNPLACED_SHARE = 0.3  # past this share of provisions with a doubt, the text is no UN text


def _doubts(document: ParsedDocument, body_line_seen: bool) -> list[str]:
    """Why the text does not read like a resolution or a declaration, or [] when it does."""
    kinds = {provision.kind for provision in document.provisions}
    structured = bool(kinds & {"operative", "article"})
    unplaced = len(document.warnings) > _UNPLACED_SHARE * max(len(document.provisions), 1)
    if structured and (body_line_seen or not unplaced):
        return []
    doubts = []
    if not body_line_seen:
        doubts.append(_("No body line (“The Human Rights Council,”, “The General Assembly,” …) and no proclamation."))
    if not structured:
        doubts.append(_("No operative paragraph and no article."))
    if unplaced:
        doubts.append(
            _("%(count)s doubts for %(total)s provisions: most lines fit no rule of a UN text.")
            % {"count": len(document.warnings), "total": len(document.provisions)}
        )
    return doubts


@dataclass
class _Sequence:
    """The numbers used so far at one level: the articles, the paragraphs of one article or of
    the operative part, the letters under one paragraph."""

    label_of: Callable[[int], str]
    last: int = 0
    labels: set[str] = field(default_factory=set)

    def due(self, number: int, suffix: str = "") -> bool:
        return number == self.last if suffix else number == self.last + 1

    def take(self, number: int, label: str, suffix: str = "") -> str | None:
        """Record a number; return a warning when it is not the one due."""
        if label in self.labels:
            problem = _("Number %(found)s appears twice.") % {"found": label}
        elif self.due(number, suffix):
            problem = None
        elif number > self.last:
            problem = _("Numbering gap: expected %(expected)s, found %(found)s.") % {
                "expected": self.label_of(self.last + 1),
                "found": label,
            }
        else:
            problem = _("Number %(found)s comes after %(previous)s.") % {
                "found": label,
                "previous": self.label_of(self.last),
            }
        self.labels.add(label)
        self.last = number
        return problem


class _Parser:
    """Reads the blocks in order, keeping what is open at each level (article, numbered
    paragraph, lettered sub-paragraph) and the numbering seen so far."""

    def __init__(self, language: str):
        self.language = language
        self.provisions: list[ParsedProvision] = []
        self.warnings: list[ParseWarning] = []
        self.footnotes: list[Footnote] = []
        self.title: str | None = None
        self.metadata: dict = {}
        self.set_aside: list[SetAside] = []  # cut-word hyphens and footnote marks
        self.front_matter: list[Block] | None = []  # None once the body has begun
        self.first_body: Block | None = None  # the body line, when the front matter ends there
        self.body_line_seen = False
        self.body_starts: int | None = None  # the line where the body begins
        self.open_formula: int | None = None  # a proclamation clause its next line continues
        self.past_preamble = False  # a numbered paragraph or an article has been read
        # Whether numbered paragraphs outside articles are operative (a resolution) or a
        # report's paragraphs; decided at the first one.
        self.has_operative_part: bool | None = None
        # Indexes of the provisions being read, at each level.
        self.article: int | None = None
        self.numbered: int | None = None
        self.letter: int | None = None
        self.sequences: dict[tuple, _Sequence] = {}
        self.heading_count = 0
        self.preamble_count = 0
        # Preambular paragraphs read without a body line: each checked once it is complete.
        self.unsure_preambles: list[tuple[int, Line]] = []

    # --- Driving ---------------------------------------------------------------------------
    def feed(self, item: Block | FootnoteText, following: Block | FootnoteText | None) -> None:
        if isinstance(item, FootnoteText):
            self._footnote(item)
        elif self.front_matter is not None and self._is_front_matter(item):
            self.front_matter.append(item)
        else:
            if self.front_matter is not None:
                self.body_starts = item.lines[0].number
            self._end_front_matter()
            self._block(item, following)

    def finish(self, set_aside: list[Line], body_starts: int) -> ParsedDocument:
        self._end_front_matter()
        self._check_unsure_preambles()
        self._attach_front_matter_notes()
        self.warnings += attach_footnotes(self.provisions, self.footnotes)
        self.warnings.sort(key=lambda warning: warning.line)
        kept_aside = self.set_aside
        for line in set_aside:
            # The symbol printed above the title is the document's; repeated on later pages
            # it is a running header.
            fields = fields_of(line.text) if line.number < body_starts else None
            if fields and "symbol" not in self.metadata:
                add_fields(self.metadata, fields)
            else:
                kept_aside.append(SetAside(line.number, line.text, "page"))
        kept_aside.sort(key=lambda aside: aside.line)
        return ParsedDocument(self.title, self.provisions, self.warnings, metadata=self.metadata, set_aside=kept_aside)

    def _block(self, block: Block, following: Block | FootnoteText | None) -> None:
        first, *rest = block.lines
        head = _head(first)
        if head and self._opens(head, first):
            self._open(head, first)
        else:
            self._unnumbered(first, stands_alone=not rest and _is_new_text(following), resumes=block.resumes)
        self._cite(first)
        for previous, line in zip(block.lines, rest, strict=False):
            head = _head(line)
            if head and self._opens(head, line, previous):
                self._open(head, line)
            else:
                self._append(line)
            self._cite(line)

    def _cite(self, line: Line) -> None:
        """Word notes cited in a line go to the provision that received the line."""
        if line.notes and self.provisions:
            self.provisions[-1].footnotes.extend(line.notes)

    def _opens(self, head: Head, line: Line, previous: Line | None = None) -> bool:
        """Whether a line that looks like the start of a provision is one where it stands."""
        if line.list_number is not None:
            return True  # Word numbered it
        if isinstance(head, NumberedHead):
            due = self._numbers().due(head.number, head.suffix)
            at_paragraph_end = previous is None or closes(previous.text)
            if head.comma:
                return due and at_paragraph_end  # "4," is trusted only where 4 is due
            return at_paragraph_end or due
        if previous is None or closes(previous.text):
            return True
        last = self.provisions[-1] if self.provisions else None
        return isinstance(head, ArticleHead) and last is not None and last.kind == "heading"

    # --- Front matter ----------------------------------------------------------------------
    def _is_front_matter(self, block: Block) -> bool:
        """Lines before the body: everything before the body line when the text has one there,
        else what has no structure and is not a paragraph ending in punctuation."""
        if self.first_body is not None:
            return block is not self.first_body
        head = _head(block.lines[0])
        if isinstance(head, BodyLine) and not block.lines[0].text.endswith(_BODY_LINE_ENDINGS):
            head = None  # "General Assembly" above the title names the organ
        return not head and not closes(self._joined(block.lines, record=False))

    def _end_front_matter(self) -> None:
        """Symbol, date, session … become metadata (front_matter.py); the title is the run of
        lines numbered "56/15." or "53/...", else the first other one; any other text before
        the body is kept as a heading, with a warning. Word notes cited in the front matter
        (the title, the "Resolution adopted" line) are the title's; in a heading, the heading's."""
        if self.front_matter is None:
            return
        blocks, self.front_matter = self.front_matter, None
        front = read_front_matter(blocks)
        self.metadata.update(front.metadata)
        if front.title_lines:
            self.title = title_text(self._joined(front.title_lines)) or None
        in_headings = {id(line) for run in front.other_runs for line in run}
        notes = [note for block in blocks for line in block.lines if id(line) not in in_headings for note in line.notes]
        if notes:
            self.metadata["title_notes"] = notes
        for run in front.other_runs:
            self._new("heading", self._joined(run), at=run[0])
            self.provisions[-1].last_line = run[-1].number
            self.provisions[-1].footnotes.extend(note for line in run for note in line.notes)
            self._warn(run[0], _("Text before the body kept as a heading."))

    def _attach_front_matter_notes(self) -> None:
        """A note marked with stars that no provision prints, but the title or the "Resolution
        adopted" line does ("Decision adopted by the Human Rights Council*"), is the title's."""
        printed = " ".join([self.title or "", *(value for value in self.metadata.values() if isinstance(value, str))])
        texts = [provision.text for provision in self.provisions]
        for footnote in list(self.footnotes):
            mark = footnote.marker
            if set(mark) == {"*"} and _stars_in(printed, mark) and not any(_stars_in(text, mark) for text in texts):
                self.metadata.setdefault("title_notes", []).append(footnote.text)
                self.footnotes.remove(footnote)

    # --- Provisions ------------------------------------------------------------------------
    def _open(self, head: Head, line: Line) -> None:
        self.open_formula = None
        if isinstance(head, (BodyLine, SectionHeading)):
            self._heading(line)
            if isinstance(head, BodyLine):
                self.body_line_seen = True
        elif isinstance(head, Formula):
            self._heading(line)
            self.body_line_seen = True
            if head.proclamation:
                self.past_preamble = True
                if not closes(line.text):
                    self.open_formula = len(self.provisions) - 1
        elif isinstance(head, ArticleHead):
            self._article(head, line)
        elif isinstance(head, NumberedHead):
            self._numbered(head, line)
        else:
            self._lettered(head, line)

    def _heading(self, line: Line) -> None:
        self._new("heading", line.text, at=line)
        self.article = self.numbered = self.letter = None

    def _article(self, head: ArticleHead, line: Line) -> None:
        label = article_label(head.number, head.suffix)
        sequence = self._sequence(("articles",), article_label)
        self._warn(line, sequence.take(head.number, label, head.suffix))
        self.article = self._new("article", head.text, label=label, number=_printed(head, line), at=line)
        self.numbered = self.letter = None
        self.past_preamble = True

    def _numbered(self, head: NumberedHead, line: Line) -> None:
        label = number_label(head.number, head.suffix)
        if head.comma:
            self._warn(
                line,
                _("“%(number)s,” read as paragraph number %(number)s (probably an OCR error).")
                % {"number": head.number},
            )
        self._warn(line, self._numbers().take(head.number, label, head.suffix))
        if self.has_operative_part is None:
            self.has_operative_part = self._reads_like_a_resolution()
        kind = "operative" if self.article is None and self.has_operative_part else "paragraph"
        self.numbered = self._new(kind, head.text, self.article, label, _printed(head, line), at=line)
        self.letter = None
        self.past_preamble = True

    def _lettered(self, head: LetteredHead, line: Line) -> None:
        # A token that is a roman numeral is one, except a single letter that is the next one
        # due in the lettered series: "(i)" after "(h)", "(v)" after "(u)", "(x)" after "(w)".
        # Roman numerals stand under the current lettered sub-paragraph, letters under the
        # current paragraph.
        paragraph = self._paragraph_level()
        letters = self._sequence(("letters", paragraph), letter_label)
        ordinal = letter_ordinal(head.token) if head.style != "roman" else None
        roman = roman_value(head.token) if head.style != "letter" else None
        if roman is not None and not (ordinal and letters.due(ordinal)):
            parent = self.letter if self.letter is not None else paragraph
            label = roman_label(roman)
            self._warn(line, self._sequence(("roman", parent), roman_label).take(roman, label))
            self._new("subparagraph", head.text, parent, label, _printed(head, line), at=line)
            return
        label = letter_label(ordinal)
        self._warn(line, letters.take(ordinal, label))
        self.letter = self._new("subparagraph", head.text, paragraph, label, _printed(head, line), at=line)

    def _unnumbered(self, line: Line, stands_alone: bool, resumes: bool = False) -> None:
        """Place a block's first line that opens no provision; `stands_alone` when the line is
        a block of its own, not continued after footnotes or a page break; `resumes` when
        footnotes or page furniture stand between it and the text before."""
        last = self.provisions[-1] if self.provisions else None
        # A paragraph goes on after a page break; a line in lower case after a finished
        # paragraph only continues it across footnotes or a page break ("принимая во
        # внимание" opens each Russian preambular paragraph in lower case).
        resumed = last is not None and (not closes(last.text) or (resumes and starts_lowercase(line.text)))
        if self.open_formula is not None and self.open_formula == len(self.provisions) - 1:
            self._append(line)  # the proclamation clause goes on ("تنادي بهذا الإعلان" / "على أنه …")
            self.open_formula = None if closes(line.text) else self.open_formula
        elif resumed and last.kind != "heading":
            self._append(line)  # a paragraph resumed after a page break or footnotes
        elif last and last.kind == "article":
            self._append(line)  # the article's unnumbered text
        elif stands_alone and _looks_like_heading(line.text):
            self._heading(line)
            self._warn(line, _("Unnumbered line taken as a heading."))
        elif not self.past_preamble:
            self._preamble(line)
        else:
            self._warn(line, _("Text that fits no rule was added to the provision before it."))
            self._append(line)

    def _preamble(self, line: Line) -> None:
        self.preamble_count += 1
        index = self._new("preamble", line.text, label=f"PP{self.preamble_count}", at=line)
        if not self.body_line_seen:
            self.unsure_preambles.append((index, line))
        self.letter = None

    def _reads_like_a_resolution(self) -> bool:
        """A body line, or a preamble of paragraphs ending in commas, comes before."""
        return self.body_line_seen or any(
            provision.kind == "preamble" and provision.text.endswith(_PREAMBLE_ENDINGS) for provision in self.provisions
        )

    def _check_unsure_preambles(self) -> None:
        """Without a body line, a paragraph is surely preambular only if it ends like one. A
        declaration may name its body after the preamble ("The General Assembly / Proclaims")."""
        if self.body_line_seen:
            return
        for index, line in self.unsure_preambles:
            if not self.provisions[index].text.endswith(_PREAMBLE_ENDINGS):
                self._warn(line, _("Unnumbered paragraph before the operative part taken as preambular."))

    def _footnote(self, item: FootnoteText) -> None:
        self.set_aside.append(SetAside(item.lines[0].number, item.printed, "note mark"))
        provision = len(self.provisions) - 1
        self.footnotes.append(
            Footnote(
                marker=item.marker,
                text=self._joined(item.lines),
                line=item.lines[0].number,
                provision=provision,
                offset=len(self.provisions[provision].text) if self.provisions else 0,
            )
        )

    # --- Helpers ---------------------------------------------------------------------------
    def _new(
        self, kind: str, text: str, parent: int | None = None, label: str = "", number: str = "", *, at: Line
    ) -> int:
        """A provision opening at the line `at` (its last line so far)."""
        if kind == "heading":
            self.heading_count += 1
            label = f"H{self.heading_count}"
        self.provisions.append(
            ParsedProvision(kind, label, text, parent, number=number, line=at.number, last_line=at.number)
        )
        return len(self.provisions) - 1

    def _append(self, line: Line) -> None:
        last = self.provisions[-1]
        last.text = self._join(last.text, line)
        last.last_line = max(last.last_line, line.number)

    def _join(self, text: str, line: Line, record: bool = True) -> str:
        """Join a line to the text before it; the hyphen of a word cut at the line end is
        dropped, and set aside with its line number so that nothing vanishes unseen."""
        joined = join_lines(text, line.text, self.language)
        if record and text and joined == text[:-1] + line.text:
            self.set_aside.append(SetAside(line.number - 1, text[-1], "hyphen"))
        return joined

    def _warn(self, line: Line, message: str | None) -> None:
        if message:
            self.warnings.append(ParseWarning(line.number, message))

    def _joined(self, lines: list[Line], record: bool = True) -> str:
        text = ""
        for line in lines:
            text = self._join(text, line, record)
        return text

    def _sequence(self, key: tuple, label_of: Callable[[int], str]) -> _Sequence:
        return self.sequences.setdefault(key, _Sequence(label_of))

    def _numbers(self) -> _Sequence:
        """The numbering of the current article's paragraphs, or of the top level."""
        return self._sequence(("numbers", self.article), number_label)

    def _paragraph_level(self) -> int | None:
        """What a lettered sub-paragraph belongs to: the numbered paragraph being read, else
        the article, else the last provision that is not itself a sub-paragraph."""
        for index in (self.numbered, self.article):
            if index is not None:
                return index
        indexes = range(len(self.provisions) - 1, -1, -1)
        return next((i for i in indexes if self.provisions[i].kind != "subparagraph"), None)


def _head(line: Line) -> Head | None:
    """What opens at the line: from Word's list number when it has one, else from its text."""
    number = line.list_number
    if number is None:
        return recognize(line.text)
    printed = recognize(f"{number.printed} {line.text}")
    if isinstance(printed, ArticleHead):
        return ArticleHead(number.value, printed.suffix, line.text)
    if number.format in DIGIT_FORMATS:
        return NumberedHead(number.value, "", line.text, comma=False)
    if number.format in CHINESE_FORMATS and isinstance(printed, ArticleHead | NumberedHead):
        return NumberedHead(number.value, "", line.text, comma=False)
    if number.format in ROMAN_FORMATS:
        return LetteredHead(format_number(number.value, "lowerRoman"), line.text, style="roman")
    if isinstance(printed, NumberedHead):
        return NumberedHead(number.value, "", line.text, comma=False)
    return LetteredHead(format_number(number.value, "lowerLetter"), line.text, style="letter")


def _printed(head: Head, line: Line) -> str:
    """The number as the document prints it: Word's list number, or what precedes the text."""
    if line.list_number is not None:
        return line.list_number.printed
    return line.text[: len(line.text) - len(head.text)].strip() if line.text.endswith(head.text) else line.text


def _stars_in(text: str, stars: str) -> bool:
    """Whether the text prints exactly this many stars as a mark."""
    return re.search(rf"(?<!\*){re.escape(stars)}(?!\*)", text) is not None


def _looks_like_heading(text: str) -> bool:
    return not closes(text) and len(text) <= _GUESSED_HEADING_MAX_LENGTH


def _is_new_text(item: Block | FootnoteText | None) -> bool:
    """Whether the next item starts new text, rather than footnotes printed in the middle of
    a paragraph or the paragraph's continuation on the next page."""
    if isinstance(item, FootnoteText):
        return False
    return item is None or not starts_lowercase(item.lines[0].text)
