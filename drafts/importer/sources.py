"""Read an uploaded file into lines of text, or refuse it with a message the uploader can act on.

The format is told by the content, never by the file name: a Word document is a ZIP archive
holding word/document.xml; anything else must be UTF-8 plain text.
"""

import zipfile
from io import BytesIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.uploads import inspect_zip

from .word import MAX_ENTRIES, DamagedDocument, docx_paragraphs, is_word_document

MAX_IMPORT_BYTES = 10 * 1024 * 1024

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .docx and legacy .doc
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_BINARY_MAGICS = (
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"RIFF",  # WebP, WAV, AVI
    b"PK\x05\x06",  # empty ZIP
    b"\x1f\x8b",  # gzip
    b"7z\xbc\xaf",
    b"Rar!",
)

_MESSAGES = {
    "too_large": _("The file is larger than %(limit)s MB. Split it, or remove images, and try again."),
    "empty": _("The file is empty."),
    "encrypted": _(
        "The file is password-protected or is an old Word (.doc) file. Remove the password "
        "or save it as a Word document (.docx), then upload it again."
    ),
    "binary": _(
        "The file is neither a Word document (.docx) nor plain text. Save it as .docx or as "
        "plain text (UTF-8) and upload it again."
    ),
    "corrupt": _(
        "The Word document is damaged and cannot be read. Open it in Word, save it again and upload it again."
    ),
    "encoding": _(
        "The text file is not in UTF-8 (line %(line)s is not) and its encoding is not declared. "
        "Save it as “Unicode (UTF-8)” plain text and upload it again."
    ),
    "no_paragraphs": _("The Word document contains no text."),
    "zip_entries": _(
        "The Word document holds %(count)s parts, more than the %(limit)s a document can have. "
        "Save it again from Word as a .docx file and upload it again."
    ),
    "zip_inflates": _(
        "Part %(part)s of the Word document would expand beyond %(limit)s MB: it is refused as a "
        "possible ZIP bomb. Save the document again from Word and upload it again."
    ),
    "numbering": _(
        "The list numbering of the Word document is broken: paragraph %(paragraph)s is numbered "
        "by a list that %(part)s does not define. Open the document in Word, apply the numbering "
        "to that paragraph again and upload it again."
    ),
    "note_missing": _(
        "Paragraph %(paragraph)s of the Word document cites note %(note)s, which is missing from "
        "%(part)s. Open the document in Word, delete the reference or write the note again, and "
        "upload it again."
    ),
}


class DocumentRejected(ValidationError):
    """An uploaded file the importer refuses; `code` says why (a key of _MESSAGES)."""


def _rejected(code: str, **params) -> DocumentRejected:
    params.setdefault("limit", MAX_IMPORT_BYTES // (1024 * 1024))
    return DocumentRejected(_MESSAGES[code], code=code, params=params)


def read_source(data: bytes, filename: str = "") -> list[str]:
    """The document as a list of lines (plain text) or of non-empty paragraphs (Word).

    `filename` is accepted for the caller's convenience and deliberately not used: a file
    named .docx may be anything.
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise _rejected("too_large")
    if not data.strip():
        raise _rejected("empty")
    if data.startswith(_OLE_MAGIC):
        raise _rejected("encrypted")
    if data.startswith(_ZIP_MAGIC):
        return _docx_lines(data)
    if data.startswith(_UTF16_BOMS):
        raise _rejected("encoding", line=1)
    if data.startswith(_BINARY_MAGICS) or b"\x00" in data:
        raise _rejected("binary")
    return _text_lines(data)


def _text_lines(data: bytes) -> list[str]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _rejected("encoding", line=data.count(b"\n", 0, error.start) + 1) from None
    if not text.strip():
        raise _rejected("empty")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _docx_lines(data: bytes) -> list[str]:
    try:
        inspect_zip(BytesIO(data))  # the directory first, before anything is inflated (portal/uploads.py)
        archive = zipfile.ZipFile(BytesIO(data))
    except zipfile.BadZipFile:
        raise _rejected("corrupt") from None
    with archive:
        if not is_word_document(archive):
            if len(archive.infolist()) > MAX_ENTRIES:
                raise _rejected("zip_entries", count=len(archive.infolist()), limit=MAX_ENTRIES)
            raise _rejected("binary")  # a ZIP, but not a Word document
        try:
            paragraphs = docx_paragraphs(archive)
        except DamagedDocument as damage:
            raise _rejected(damage.code, **damage.params) from None
    lines = [paragraph for paragraph in paragraphs if paragraph.strip() or paragraph.number]
    if not lines:
        raise _rejected("no_paragraphs")
    return lines
