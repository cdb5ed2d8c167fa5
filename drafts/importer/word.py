"""The paragraphs of a Word (.docx) document, read straight from its XML.

Read with lxml rather than python-docx so that tracked insertions count as text (deleted text
is stored as w:delText and is left out), paragraphs in tables and text boxes are kept, in
document order, and both the transitional and the strict OOXML namespaces are read.

Each paragraph comes with what Word adds to it when it prints it: its list number (from
word/numbering.xml, see numbering.py) and the footnotes and endnotes it cites (from
word/footnotes.xml and word/endnotes.xml). A note's mark is written into the text where the
reference stands, as Word prints it (superscript digits), so the text keeps the place it
cites. Headers and footers live in parts of their own and are never read.

The archive is inspected before any part is inflated: the number of entries, every part's
declared size, its compression ratio and the total are bounded, and a part is never read past
its declared size.
"""

import zipfile
import zlib
from dataclasses import dataclass, field

from lxml import etree

from .numbering import BrokenNumbering, ListNumber, Numbering
from .ooxml import attribute, first, local_name, parse, tags

DOCUMENT_PART = "word/document.xml"
NUMBERING_PART = "word/numbering.xml"
STYLES_PART = "word/styles.xml"
NOTE_PARTS = {"footnote": "word/footnotes.xml", "endnote": "word/endnotes.xml"}

MAX_ENTRIES = 1000  # a Word document has a few dozen parts; a thousand is already odd
MAX_PART_BYTES = 100 * 1024 * 1024  # one inflated XML part
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # all parts together, as declared
MAX_RATIO = 200  # XML compresses about 10:1; 200:1 is a ZIP bomb, not a document

# Text of each run element; a line break inside a paragraph reads as a space.
_RUN_TEXT = {"tab": "\t", "br": " ", "cr": " ", "noBreakHyphen": "-", "softHyphen": "\u00ad"}
_PARAGRAPH = tags("p")
_TEXT = tags("t")
_RUN_TAGS = {tag: text for name, text in _RUN_TEXT.items() for tag in tags(name)}
_REFERENCES = {tag: kind for kind in NOTE_PARTS for tag in tags(f"{kind}Reference")}
_RUN = tags("r")
# Text boxes are stored twice, for new and for old Word versions; the old copy is skipped.
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

# What a damaged or unusual archive raises on reading: bad XML, bad CRC or deflate data, a
# truncated member, an unsupported compression method, an encrypted member (RuntimeError).
_UNREADABLE = (
    etree.XMLSyntaxError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
)


class DamagedDocument(Exception):
    """The Word file cannot be read as it is. `code` says why (a key of sources._MESSAGES),
    `params` name the part and the paragraph."""

    def __init__(self, code: str, **params):
        super().__init__(code, params)
        self.code = code
        self.params = params


class WordParagraph(str):
    """A paragraph's text, with the list number Word prints before it and the notes it cites."""

    number: ListNumber | None
    notes: tuple[str, ...]

    def __new__(cls, text: str, number: ListNumber | None = None, notes: tuple[str, ...] = ()):
        paragraph = super().__new__(cls, text)
        paragraph.number = number
        paragraph.notes = notes
        return paragraph


@dataclass
class _Notes:
    """The notes of one kind, and the marks given to them in the order they are cited."""

    kind: str
    texts: dict[str, str]
    marks: dict[str, str] = field(default_factory=dict)


def is_word_document(archive: zipfile.ZipFile) -> bool:
    return DOCUMENT_PART in archive.NameToInfo


def check_archive(archive: zipfile.ZipFile) -> None:
    """Refuse an archive that would inflate beyond reason, before inflating anything."""
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise DamagedDocument("zip_entries", count=len(entries), limit=MAX_ENTRIES)
    if sum(entry.file_size for entry in entries) > MAX_TOTAL_BYTES:
        raise DamagedDocument("zip_inflates", part=archive.filename or "ZIP", limit=MAX_TOTAL_BYTES // 2**20)
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > MAX_PART_BYTES or (entry.file_size > 2**20 and ratio > MAX_RATIO):
            raise DamagedDocument("zip_inflates", part=entry.filename, limit=MAX_PART_BYTES // 2**20)


def docx_paragraphs(archive: zipfile.ZipFile) -> list[WordParagraph]:
    """Every paragraph of the body, in document order, empty ones included."""
    check_archive(archive)
    root = _part(archive, DOCUMENT_PART)
    numbering = Numbering(_part(archive, NUMBERING_PART, required=False))
    styles = _style_numbering(_part(archive, STYLES_PART, required=False))
    notes = {kind: _Notes(kind, _note_texts(_part(archive, part, required=False))) for kind, part in NOTE_PARTS.items()}
    paragraphs = []
    for position, (paragraph, pieces) in enumerate(_paragraph_pieces(root).items(), start=1):
        cited = []
        text = []
        for piece in pieces:
            if isinstance(piece, str):
                text.append(piece)
            else:
                kind, note_id, custom_mark = piece
                text.append("" if custom_mark else _mark(notes[kind], note_id, position))
                cited.append(notes[kind].texts[note_id])
        number = _list_number(paragraph, numbering, styles, position)
        paragraphs.append(WordParagraph("".join(text), number, tuple(cited)))
    return paragraphs


def _part(archive: zipfile.ZipFile, name: str, required: bool = True):
    try:
        info = archive.getinfo(name)
    except KeyError:
        if required:
            raise DamagedDocument("corrupt") from None
        return None
    try:
        with archive.open(info) as member:
            data = member.read(info.file_size + 1)
        if len(data) > info.file_size:  # the declared size was a lie
            raise DamagedDocument("zip_inflates", part=name, limit=MAX_PART_BYTES // 2**20)
        return parse(data)
    except _UNREADABLE:
        raise DamagedDocument("corrupt") from None


def _paragraph_pieces(root) -> dict:
    """Each paragraph's text pieces and note references (kind, id, custom mark), in order."""
    paragraphs: dict[etree._Element, list] = {}
    for element in root.iter():
        tag = element.tag
        if tag in _PARAGRAPH:
            paragraphs.setdefault(element, [])
        elif tag in _TEXT or tag in _RUN_TAGS or tag in _REFERENCES:
            paragraph = _paragraph_of(element)
            if paragraph is None:
                continue
            if tag in _REFERENCES:
                custom = attribute(element, "customMarkFollows") in ("1", "true", "on")
                paragraphs[paragraph].append((_REFERENCES[tag], attribute(element, "id") or "", custom))
            else:
                paragraphs[paragraph].append((element.text or "") if tag in _TEXT else _RUN_TAGS[tag])
    return paragraphs


def _paragraph_of(element: etree._Element) -> etree._Element | None:
    """The paragraph an element belongs to, or None inside a text box's old-Word copy."""
    for ancestor in element.iterancestors():
        if ancestor.tag == _FALLBACK:
            return None
        if ancestor.tag in _PARAGRAPH:
            return ancestor
    return None


def _mark(notes: _Notes, note_id: str, position: int) -> str:
    if note_id not in notes.texts:
        raise DamagedDocument("note_missing", part=NOTE_PARTS[notes.kind], paragraph=position, note=note_id)
    if note_id not in notes.marks:
        notes.marks[note_id] = str(len(notes.marks) + 1).translate(_SUPERSCRIPTS)
    return notes.marks[note_id]


def _note_texts(root) -> dict[str, str]:
    """The text of each real note (separators left out), its paragraphs joined by a space."""
    if root is None:
        return {}
    texts = {}
    for note in root:
        if local_name(note) not in NOTE_PARTS or attribute(note, "type") not in (None, "normal"):
            continue
        paragraphs = _paragraph_pieces(note).values()
        words = " ".join("".join(piece for piece in pieces if isinstance(piece, str)) for pieces in paragraphs)
        texts[attribute(note, "id") or ""] = " ".join(words.split())
    return texts


def _style_numbering(root) -> dict[str, tuple[str | None, str | None]]:
    """numId and ilvl of each paragraph style that numbers its paragraphs, through basedOn."""
    if root is None:
        return {}
    own, based_on = {}, {}
    for style in root:
        if local_name(style) != "style":
            continue
        style_id = attribute(style, "styleId")
        num = first(first(style, "pPr"), "numPr")
        if num is not None:
            own[style_id] = (attribute(first(num, "numId"), "val"), attribute(first(num, "ilvl"), "val"))
        parent = attribute(first(style, "basedOn"), "val")
        if parent:
            based_on[style_id] = parent
    resolved = {}
    for style_id in set(own) | set(based_on):
        current, seen = style_id, set()
        while current and current not in own and current not in seen:
            seen.add(current)
            current = based_on.get(current)
        if current in own:
            resolved[style_id] = own[current]
    return resolved


def _list_number(paragraph, numbering: Numbering, styles: dict, position: int) -> ListNumber | None:
    properties = first(paragraph, "pPr")
    direct = first(properties, "numPr")
    style_num, style_level = styles.get(attribute(first(properties, "pStyle"), "val"), (None, None))
    num_id = attribute(first(direct, "numId"), "val") or style_num
    if num_id is None:
        return None
    level_text = attribute(first(direct, "ilvl"), "val") or style_level or "0"
    try:
        level = int(level_text)
    except ValueError:
        raise DamagedDocument("numbering", part=NUMBERING_PART, paragraph=position) from None
    try:
        return numbering.number(num_id, level)
    except BrokenNumbering:
        raise DamagedDocument("numbering", part=NUMBERING_PART, paragraph=position) from None
