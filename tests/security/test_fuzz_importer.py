"""Property tests of the importer: any bytes, any text, any (damaged) Word archive.

`read_source` either returns lines or refuses with DocumentRejected; `parse_document` never
refuses and never fails; an import through the services (preview, then new version) either
stores a version or refuses with a ValidationError. Never any other exception."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from drafts import services as text_services
from drafts.importer import LANGUAGES, MAX_IMPORT_BYTES, DocumentRejected, parse_document, read_source
from drafts.models import ImportDraft, Version

from .fuzzing import FRAGMENT, fuzz, rolled_back

# Lines that look like the structure of UN texts in the six languages, to drive the parser
# deep into its rules, mixed with anything at all.
STRUCTURE = st.sampled_from(
    [
        "The Human Rights Council,",
        "Le Conseil des droits de l’homme,",
        "إن مجلس حقوق الإنسان،",
        "人权理事会，",
        "Article 1",
        "Article premier",
        "Artículo 2",
        "Статья 3",
        "المادة 4",
        "第一条",
        "第二十条",
        "Article 99999999999999999999999999999999999999999",
        "1.",
        "2.",
        "4,",
        "7 bis.",
        "1 -",
        "١-",
        "٢.",
        "(a)",
        "(b)",
        "(أ)",
        "(ب)",
        "(а)",
        "(i)",
        "(ii)",
        "(iv)",
        "(z)",
        "(aa)",
        "*",
        "**",
        "1 See A/HRC/35/35.",
        "¹ Footnote.",
        "A/HRC/53/L.1",
        "GE.23-12345",
        "Page 2",
        "---",
        "",
        "Recalling its resolution 35/3,",
        "Decides to remain seized of the matter.",
        "pro-",
        "motion of solidarity.",
        "Reaffirming the importance of inter-",
        "national cooperation,",
    ]
)
LINE = st.one_of(STRUCTURE, st.lists(FRAGMENT, max_size=4).map("".join), st.text(max_size=60))
INDENT = st.sampled_from(["", " ", "    ", "\t"])
DOCUMENT_LINES = st.lists(st.builds(lambda indent, line: indent + line, INDENT, LINE), max_size=40)
NEWLINE = st.sampled_from(["\n", "\r\n", "\r", "\n\n"])


def join_lines(lines, newline):
    return newline.join(lines)


def docx_bytes(paragraphs, mangle=None):
    """A minimal Word archive holding `paragraphs`; `mangle` damages the XML or the archive."""
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape_xml(text)}</w:t></w:r></w:p>' for text in paragraphs)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>'
    )
    if mangle == "truncate_xml":
        xml = xml[: len(xml) // 2]
    if mangle == "entity":
        xml = xml.replace(
            "<w:document", '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document', 1
        ).replace("</w:t>", "&x;</w:t>", 1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", xml)
    data = buffer.getvalue()
    if mangle == "truncate_zip":
        data = data[: len(data) * 2 // 3]
    if mangle == "flip":
        middle = len(data) // 2
        data = data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]
    return data


def escape_xml(text):
    # XML 1.0 cannot hold most C0 controls: a real Word file never has them either.
    text = "".join(char for char in text if char in "\t\n\r" or ord(char) >= 0x20)
    text = "".join(char for char in text if not 0xD800 <= ord(char) <= 0xDFFF and char not in "\ufffe\uffff")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.builds(
            lambda head, tail: head + tail,
            st.sampled_from(
                [
                    b"PK\x03\x04",
                    b"%PDF-1.7",
                    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
                    b"\xff\xfe",
                    b"\xef\xbb\xbf",
                    b"\x1f\x8b",
                ]
            ),
            st.binary(max_size=200),
        ),
        st.builds(
            lambda lines, newline: join_lines(lines, newline).encode("utf-8", "surrogatepass"), DOCUMENT_LINES, NEWLINE
        ),
        st.builds(
            lambda lines, newline, encoding: join_lines(lines, newline).encode(encoding, "replace"),
            DOCUMENT_LINES,
            NEWLINE,
            st.sampled_from(["utf-16", "cp1252", "latin-1", "cp1256", "gb18030"]),
        ),
        st.builds(
            docx_bytes,
            st.lists(LINE, max_size=12),
            st.sampled_from([None, None, "truncate_xml", "entity", "truncate_zip", "flip"]),
        ),
    )
)
@fuzz(max_examples=250)
def test_read_source_returns_lines_or_refuses_with_document_rejected(tally, data):
    tally["fuzz_examples"] += 1
    try:
        lines = read_source(data, "upload.docx")
    except DocumentRejected as rejection:
        assert rejection.messages and all(message.strip() for message in rejection.messages)
        return
    assert isinstance(lines, list) and all(isinstance(line, str) for line in lines)
    for language in LANGUAGES:
        parse_document(lines, language)


@given(lines=DOCUMENT_LINES, language=st.sampled_from(LANGUAGES))
@fuzz(max_examples=250)
def test_parse_document_never_fails_and_drops_nothing_silently(tally, lines, language):
    tally["fuzz_examples"] += 1
    document = parse_document(lines, language)
    for provision in document.provisions:
        assert provision.parent is None or 0 <= provision.parent < document.provisions.index(provision)
    assert all(isinstance(warning.line, int | None) and warning.message for warning in document.warnings)


def test_an_entity_in_a_word_document_is_never_resolved():
    """XXE: an external entity in word/document.xml is neither fetched nor expanded."""
    try:
        lines = read_source(docx_bytes(["Article 1", "Everyone"], mangle="entity"))
    except DocumentRejected:
        return
    assert not any("root:" in line for line in lines)


def test_a_zip_bomb_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document>" + " " * (MAX_IMPORT_BYTES * 11) + "</w:document>")
    assert len(buffer.getvalue()) < MAX_IMPORT_BYTES
    with pytest.raises(ValidationError) as refused:  # portal.uploads.inspect_zip, shared with the uploads
        read_source(buffer.getvalue())
    assert refused.value.code == "zip_inflates"  # refused from the ZIP directory, before inflating
    assert "word/document.xml" in refused.value.messages[0]


@pytest.fixture
def instrument(drafter):
    return text_services.instrument_create(by=drafter, slug="fuzz", title="Fuzz")


@pytest.mark.django_db
@given(lines=DOCUMENT_LINES, language=st.sampled_from(LANGUAGES), newline=NEWLINE)
@fuzz(max_examples=60)
def test_an_import_through_the_services_stores_a_version_or_refuses(
    drafter, instrument, tally, lines, language, newline
):
    """Upload → preview → new version: whatever the parser found is stored, or refused with a
    message; the database never refuses it less politely (over-long labels, NUL...)."""
    tally["fuzz_examples"] += 1
    data = join_lines(lines, newline).encode()
    with rolled_back():
        try:
            draft = text_services.import_draft_create(
                instrument=instrument, by=drafter, data=data, filename="fuzz.txt", language=language, label="Fuzzed"
            )
        except ValidationError:
            assert not ImportDraft.objects.exists()
            return
        try:
            version = text_services.import_draft_save(draft=draft, by=drafter)
        except ValidationError:
            assert not Version.objects.filter(instrument=instrument).exists()
            return
        stored = list(version.provisions.order_by("position"))
        assert len(stored) == len(draft.rows)
        for provision in stored:
            provision.full_clean(exclude=["version", "parent"], validate_unique=False, validate_constraints=False)
