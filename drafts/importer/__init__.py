"""Import a UN text (plain text or Word) into provisions, without touching the database.

    document = import_bytes(upload.read(), upload.name, "fr")
    document.title, document.provisions, document.warnings

`read_source` refuses unusable files with `DocumentRejected` (a ValidationError);
`parse_document` never refuses a text: whatever it doubts becomes a `ParseWarning`.
"""

from .document import PROVISION_KINDS, ParsedDocument, ParsedProvision, ParseWarning
from .parser import LANGUAGES, parse_document
from .sources import MAX_IMPORT_BYTES, DocumentRejected, read_source


def import_bytes(data: bytes, filename: str, language: str) -> ParsedDocument:
    return parse_document(read_source(data, filename), language)


__all__ = [
    "LANGUAGES",
    "MAX_IMPORT_BYTES",
    "PROVISION_KINDS",
    "DocumentRejected",
    "ParseWarning",
    "ParsedDocument",
    "ParsedProvision",
    "import_bytes",
    "parse_document",
    "read_source",
]
