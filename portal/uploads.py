"""Checking uploaded documents by what they contain, not by what they are called.

A DOCX or ODT document is a ZIP archive, and a ZIP archive can inflate a thousandfold: nothing
here inflates more than a few bytes. `inspect_zip` reads the archive's directory first (its end
record, then the directory itself, both bounded) and refuses an archive whose entries, declared
sizes, compression ratio or total would be those of a ZIP bomb; the importer calls it too before
it opens a Word document (drafts/importer/sources.py). Nothing is ever read past an entry's
declared size (zipfile stops there)."""

import struct
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PDF, DOCX, ODT = ".pdf", ".docx", ".odt"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

MAX_ENTRIES = 1000  # a document has a few dozen parts; a thousand is already odd
MAX_DIRECTORY_BYTES = 1024 * 1024  # the directory of a thousand entries with long names
MAX_ENTRY_BYTES = 100 * 1024 * 1024  # one inflated part
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # every part together, as declared
MAX_RATIO = 200  # XML compresses about 10:1; 200:1 is a ZIP bomb, not a document
SMALL_ENTRY_BYTES = 1024 * 1024  # below this, any ratio is harmless

_END = b"PK\x05\x06"  # end of central directory record: 22 bytes and a comment
_END_FORMAT = "<4s4H2LH"
_ZIP64_LOCATOR = b"PK\x06\x07"
_MAX_COMMENT = 0xFFFF


def _too_many_parts(count):
    return ValidationError(
        _("The document holds %(count)s parts, more than the %(limit)s a document can have."),
        code="zip_entries",
        params={"count": count, "limit": MAX_ENTRIES},
    )


def _inflates(part, limit):
    return ValidationError(
        _("Part %(part)s of the document would expand beyond %(limit)s MB: it is refused as a possible ZIP bomb."),
        code="zip_inflates",
        params={"part": part, "limit": limit // 2**20},
    )


def _directory_size(upload):
    """(entries, directory bytes) from the end record, reading at most its 64 KiB tail."""
    upload.seek(0, 2)
    size = upload.tell()
    tail_size = min(size, struct.calcsize(_END_FORMAT) + _MAX_COMMENT)
    upload.seek(size - tail_size)
    tail = upload.read(tail_size)
    at = tail.rfind(_END)
    if at < 0 or len(tail) - at < struct.calcsize(_END_FORMAT):
        raise zipfile.BadZipFile("no end of central directory")
    fields = struct.unpack(_END_FORMAT, tail[at : at + struct.calcsize(_END_FORMAT)])
    entries, directory_bytes = fields[4], fields[5]
    zip64 = tail[max(at - 20, 0) : at].startswith(_ZIP64_LOCATOR)
    return entries, directory_bytes, zip64


def inspect_zip(upload):
    """Refuse (ValidationError) a ZIP archive that would inflate beyond a document's bounds;
    return its infolist. Reads the end record and the directory only; inflates nothing.
    Raises zipfile.BadZipFile for what is not a readable ZIP archive."""
    entries, directory_bytes, zip64 = _directory_size(upload)
    # ZIP64 is for archives past 65,535 entries or 4 GiB: no document is one.
    if zip64 or entries > MAX_ENTRIES or directory_bytes > MAX_DIRECTORY_BYTES:
        raise _too_many_parts(entries)
    upload.seek(0)
    with zipfile.ZipFile(upload) as archive:
        infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise _too_many_parts(len(infos))
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_ENTRY_BYTES or (info.file_size > SMALL_ENTRY_BYTES and ratio > MAX_RATIO):
            raise _inflates(info.filename, MAX_ENTRY_BYTES)
    if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
        raise _inflates(_("(all parts together)"), MAX_TOTAL_BYTES)
    return infos


def _zip_document_type(upload):
    names = {info.filename for info in inspect_zip(upload)}
    upload.seek(0)
    with zipfile.ZipFile(upload) as archive:
        if "word/document.xml" in names:
            return DOCX
        if "mimetype" in names:
            with archive.open("mimetype") as member:
                if member.read(len(ODT_MIMETYPE) + 2).strip() == ODT_MIMETYPE:
                    return ODT
    return None


def detect_document_type(upload):
    """The real type of an uploaded PDF, DOCX or ODT file (its extension), or None. An archive
    that would inflate like a ZIP bomb is refused with a ValidationError."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            return _zip_document_type(upload)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
            return None
        finally:
            upload.seek(0)
    return None


def check_document(upload):
    """Refuse anything but a PDF, DOCX or ODT of acceptable size; return its real extension."""
    limit = settings.MAX_DOCUMENT_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is too large: the limit is %(limit)s MB.")
            % {"name": upload.name, "limit": limit // (1024 * 1024)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": upload.name}, code="empty")
    try:
        kind = detect_document_type(upload)
    except ValidationError as refusal:
        raise ValidationError(
            _("“%(name)s”: %(reason)s") % {"name": upload.name, "reason": " ".join(refusal.messages)},
            code=refusal.code,
        ) from None
    if kind is None:
        raise ValidationError(
            _("“%(name)s” is not a PDF, DOCX or ODT document (whatever its name says).") % {"name": upload.name},
            code="file_type",
        )
    return kind
