"""CSV and JSON exports (comments, votes), produced as a stream of byte chunks.

Rows are gathered a few hundred at a time into one chunk: the download starts with the first
rows and memory holds one chunk, whatever the size of the export.
"""

import csv
import io
import json
from itertools import islice

ROWS_PER_CHUNK = 500
BOM = "\ufeff"  # without it Excel reads UTF-8 as the local code page and garbles Arabic

# A spreadsheet reads a cell starting with one of these as a formula (CWE-1236).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralized(value):
    """A cell value a spreadsheet cannot run: text that would start a formula gets a leading
    apostrophe, the prefix spreadsheets themselves use for "this is text"."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _chunks(rows):
    rows = iter(rows)
    while chunk := list(islice(rows, ROWS_PER_CHUNK)):
        yield chunk


def _writer(buffer):
    # Lines end with LF, as PostgreSQL's COPY writes them (csv_export.py); spreadsheets read both.
    return csv.writer(buffer, lineterminator="\n")


def csv_header(columns):
    """UTF-8 with a byte order mark, then the header line."""
    buffer = io.StringIO()
    buffer.write(BOM)
    _writer(buffer).writerow(columns)
    return _take(buffer)


def csv_stream(rows, columns):
    """The header, then the rows (None as an empty field)."""
    yield csv_header(columns)
    buffer = io.StringIO()
    writer = _writer(buffer)
    for chunk in _chunks(rows):
        for row in chunk:
            writer.writerow(["" if row[name] is None else neutralized(row[name]) for name in columns])
        yield _take(buffer)


def _take(buffer):
    data = buffer.getvalue().encode()
    buffer.seek(0)
    buffer.truncate()
    return data


def json_stream(rows):
    """A JSON array written object by object; texts are kept exactly as written."""
    yield b"["
    separator = "\n"
    for chunk in _chunks(rows):
        parts = []
        for row in chunk:
            parts.append(separator + json.dumps(row, ensure_ascii=False))
            separator = ",\n"
        yield "".join(parts).encode()
    yield b"\n]\n"
