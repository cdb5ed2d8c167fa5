"""Finding 3: the upload check read a whole ZIP entry into memory (a 597 KiB upload made a worker
grow by 1 GB). Bombs at the full 10 MB upload limit are refused from the archive's directory,
with memory growth measured in a process of their own; real documents still pass."""

import io
import json
import os
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.uploads import DOCX, ODT, ODT_MIMETYPE, PDF, check_document

ROOT = Path(__file__).resolve().parents[2]
MiB = 1024 * 1024
MAX_GROWTH_KIB = 50 * 1024


def deflated_zeros(mebibytes):
    """A real deflate stream of `mebibytes` MiB of zeros, built from one compressed MiB: after a
    full flush the compressor starts afresh, so the same bytes follow each other."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = compressor.compress(b"\0" * MiB) + compressor.flush(zlib.Z_FULL_FLUSH)
    return piece * mebibytes + compressor.flush()


def bomb(entries, limit):
    """A ZIP archive of just under `limit` bytes whose entries inflate to gigabytes of zeros
    each (up to the 4 GiB a plain ZIP entry can declare). The sizes it declares are true; its
    CRCs are left at 0 (nothing may ever inflate an entry far enough to check one)."""
    per_entry = (limit - 4096) // len(entries)
    mebibytes = min(per_entry // len(deflated_zeros(1)), 4095)
    data = deflated_zeros(mebibytes)
    size = mebibytes * MiB
    body, directory = io.BytesIO(), io.BytesIO()
    for name in entries:
        encoded = name.encode()
        offset = body.tell()
        body.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, 0, len(data), size, len(encoded), 0))
        body.write(encoded + data)
        directory.write(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                0,
                8,
                0,
                0,
                0,
                len(data),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), directory.tell(), body.tell(), 0)
    return body.getvalue() + directory.getvalue() + end


def many_entries(limit):
    """Just under `limit` bytes of empty entries: sixty thousand of them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("mimetype", ODT_MIMETYPE)
        for n in range(60_000):
            archive.writestr(f"customXml/item{n:06d}-{'x' * 24}.xml", b"")
    assert buffer.tell() < limit
    return buffer.getvalue()


CHECK = """
import json, resource, sys
import django
django.setup()
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

# Never more than a gigabyte above what the process holds now, whatever the code under test does.
vm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmSize:")) * 1024
resource.setrlimit(resource.RLIMIT_AS, (vm + 2**30, vm + 2**30))
path, check = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    if check == "upload":
        from portal.uploads import check_document
        check_document(SimpleUploadedFile("letter.odt", data))
    else:
        from drafts.importer import read_source
        read_source(data, "draft.docx")
    result = "accepted"
except ValidationError as refusal:
    result = refusal.code
except MemoryError:
    result = "MemoryError"
print(json.dumps({"result": result, "growth_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before}))
"""


def measured(tmp_path, data, check):
    path = tmp_path / "upload.bin"
    path.write_bytes(data)
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings"}
    done = subprocess.run(
        [sys.executable, "-c", CHECK, str(path), check],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("name", "data", "check", "refusal"),
    [
        ("ODT bomb", lambda: bomb(["mimetype", "content.xml", "styles.xml"], 10 * MiB), "upload", "zip_inflates"),
        (
            "DOCX bomb",
            lambda: bomb(["word/document.xml", "word/styles.xml", "docProps/app.xml"], 10 * MiB),
            "upload",
            "zip_inflates",
        ),
        ("many entries", lambda: many_entries(10 * MiB), "upload", "zip_entries"),
        (
            "DOCX bomb to import",
            lambda: bomb(["word/document.xml", "word/numbering.xml", "word/footnotes.xml"], 10 * MiB),
            "import",
            "zip_inflates",
        ),
        ("many entries to import", lambda: many_entries(10 * MiB), "import", "zip_entries"),
    ],
)
def test_a_bomb_at_the_upload_limit_is_refused_without_inflating(tmp_path, name, data, check, refusal):
    data = data()
    assert 9 * MiB < len(data) <= settings.MAX_DOCUMENT_UPLOAD_BYTES, name
    outcome = measured(tmp_path, data, check)
    assert outcome["result"] == refusal, (name, outcome)
    assert outcome["growth_kib"] < MAX_GROWTH_KIB, (name, outcome)


def document(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return SimpleUploadedFile("document", buffer.getvalue())


def test_real_documents_pass():
    assert check_document(SimpleUploadedFile("letter.pdf", b"%PDF-1.4\n%%EOF\n")) == PDF
    assert check_document(document({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})) == DOCX
    assert check_document(document({"mimetype": ODT_MIMETYPE, "content.xml": "<office:document/>"})) == ODT
    # A large document (the Universal Declaration in the six languages, five times: 2 MB of
    # XML) compresses about 3:1, far from a bomb's 1000:1.
    corpus = sorted((ROOT / "tests/drafts/corpus").glob("udhr.*.txt"))
    lines = [line for path in corpus for line in path.read_text(encoding="utf-8").splitlines()] * 5
    body = "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in lines)
    assert check_document(document({"word/document.xml": f"<w:document>{body}</w:document>"})) == DOCX


def test_a_refusal_names_the_file_and_says_why():
    with pytest.raises(ValidationError) as refused:
        check_document(SimpleUploadedFile("letter.odt", bomb(["mimetype"], 64 * 1024)))
    assert refused.value.code == "zip_inflates"
    assert "letter.odt" in refused.value.messages[0] and "ZIP bomb" in refused.value.messages[0]
