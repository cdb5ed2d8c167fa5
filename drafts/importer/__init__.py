"""Import a UN text (plain text or Word) into provisions, without touching the database.

    document = import_bytes(upload.read(), upload.name, "fr")
    document.title, document.provisions, document.warnings

`read_source` refuses unusable files with `DocumentRejected` (a ValidationError);
`parse_document` never refuses a text: whatever it doubts becomes a `ParseWarning`.
"""

from datetime import date

from .document import PROVISION_KINDS, ParsedDocument, ParsedProvision, ParseWarning
from .parser import LANGUAGES, parse_document
from .sources import MAX_IMPORT_BYTES, DocumentRejected, read_source


def import_bytes(data: bytes, filename: str, language: str) -> ParsedDocument:
    return parse_document(read_source(data, filename), language)


def document_symbol(document: ParsedDocument) -> str:
    """The symbol the document prints above its title, or ""."""
    symbols = document.metadata.get("symbol") or [""]
    return symbols[0][:60]


def document_date(document: ParsedDocument) -> date | None:
    """The document's own date (ISO in its metadata), or None."""
    try:
        return date.fromisoformat(document.metadata.get("date", ""))
    except ValueError:
        return None


__all__ = [
    "LANGUAGES",
    "MAX_IMPORT_BYTES",
    "PROVISION_KINDS",
    "DocumentRejected",
    "ParseWarning",
    "ParsedDocument",
    "ParsedProvision",
    "document_date",
    "document_symbol",
    "import_bytes",
    "parse_document",
    "read_source",
]
