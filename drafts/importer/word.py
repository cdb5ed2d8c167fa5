"""The paragraphs of a Word (.docx) document, read straight from its XML.

Read with lxml rather than python-docx so that tracked insertions count as text (deleted text
is stored as w:delText and is left out), paragraphs in tables and text boxes are kept, in
document order, and both the transitional and the strict OOXML namespaces are read.
"""

import zipfile
import zlib
from io import BytesIO

from lxml import etree

DOCUMENT_PART = "word/document.xml"

_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
)
# Text of each run element; a line break inside a paragraph reads as a space.
_RUN_TEXT = {"tab": "\t", "br": " ", "cr": " ", "noBreakHyphen": "-", "softHyphen": "\u00ad"}
_PARAGRAPH_TAGS = {f"{{{ns}}}p" for ns in _NAMESPACES}
_TEXT_TAGS = {f"{{{ns}}}t" for ns in _NAMESPACES}
_RUN_TAGS = {f"{{{ns}}}{name}": text for ns in _NAMESPACES for name, text in _RUN_TEXT.items()}
# Text boxes are stored twice, for new and for old Word versions; the old copy is skipped.
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
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
    pass


def document_part_size(archive: zipfile.ZipFile) -> int | None:
    """Uncompressed size of the main document part, or None when the ZIP has none."""
    try:
        return archive.getinfo(DOCUMENT_PART).file_size
    except KeyError:
        return None


def docx_paragraphs(archive: zipfile.ZipFile) -> list[str]:
    """The text of every paragraph, in document order, empty ones included."""
    try:
        root = etree.parse(BytesIO(archive.read(DOCUMENT_PART)), _SAFE_PARSER).getroot()
    except _UNREADABLE as error:
        raise DamagedDocument(str(error)) from error
    paragraphs: dict[etree._Element, list[str]] = {}
    for element in root.iter():
        if element.tag in _PARAGRAPH_TAGS:
            paragraphs.setdefault(element, [])
        elif element.tag in _TEXT_TAGS or element.tag in _RUN_TAGS:
            paragraph = _paragraph_of(element)
            if paragraph is not None:
                text = (element.text or "") if element.tag in _TEXT_TAGS else _RUN_TAGS[element.tag]
                paragraphs[paragraph].append(text)
    return ["".join(pieces) for pieces in paragraphs.values()]


def _paragraph_of(element: etree._Element) -> etree._Element | None:
    """The paragraph an element belongs to, or None inside a text box's old-Word copy."""
    ancestors = list(element.iterancestors())
    if any(ancestor.tag == _FALLBACK for ancestor in ancestors):
        return None
    return next((ancestor for ancestor in ancestors if ancestor.tag in _PARAGRAPH_TAGS), None)
