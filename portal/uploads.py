"""Checking uploaded documents by what they contain, not by what they are called."""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PDF, DOCX, ODT = ".pdf", ".docx", ".odt"


def detect_document_type(upload):
    """The real type of an uploaded PDF, DOCX or ODT file (its extension), or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
                if "word/document.xml" in names:
                    return DOCX
                if (
                    "mimetype" in names
                    and archive.read("mimetype").strip() == b"application/vnd.oasis.opendocument.text"
                ):
                    return ODT
        except (zipfile.BadZipFile, OSError):
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
    kind = detect_document_type(upload)
    if kind is None:
        raise ValidationError(
            _("“%(name)s” is not a PDF, DOCX or ODT document (whatever its name says).") % {"name": upload.name},
            code="file_type",
        )
    return kind
