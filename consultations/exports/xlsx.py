"""The XLSX comment export: the CSV export's rows (on PostgreSQL written by the database itself,
csv_export.py) turned into the sheet's XML rows, written straight into the workbook's ZIP.

A workbook is a ZIP that can only be finished once every row is in: each sheet's rows go to a
temporary file (memory stays flat, whatever the export's size), which is then copied into the
archive, written to `file` (the view streams it). The cells follow the CSV's: the same values,
the same formula neutralization (a leading apostrophe), every text an inline string, never a
formula; integers as numbers, the `withdrawn` column as a boolean, empty cells left out. Texts
are escaped as xlsxwriter escaped them when it wrote this export: `&`, `<`, `>` as entities,
control characters as `_xHHHH_` (and a literal `_xHHHH_` with its underscore escaped), leading
or trailing spaces kept with `xml:space="preserve"`, at most 32,767 UTF-16 units (Excel's limit
for a cell); a text in a right-to-left script reads right to left (reading order 2).

Writing the XML of a whole row at once costs a few microseconds a row where a per-cell writer
costs about ten a cell (bench/README.md).
"""

import csv
import html
import io
import re
import tempfile
import zipfile

from django.utils.translation import gettext as _

from ..selectors.exports import BOOLEAN_COLUMNS, INTEGER_COLUMNS

SHEET_NAME_LENGTH = 31
CELL_LIMIT = 32767  # UTF-16 code units
WIDE_COLUMNS = {
    "permalink": 40,
    "provision_label": 18,
    "organization": 30,
    "text": 80,
    "proposed_text": 60,
    "moderation_reason": 40,
}
COMPRESS_LEVEL = 1  # about as small as level 6 for these repetitive rows, several times faster
COPY_BYTES = 1 << 20

_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
# Characters Excel refuses in a sheet name, and control characters.
_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
# xlsxwriter's escapes (xmlwriter.py): a literal _xHHHH_ first, then the control characters.
_LITERAL_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_ESCAPED = re.compile("_x([0-9a-fA-F]{4})_")

# Style indexes in styles.xml: 0 plain, 1 bold (the header), 2 right to left.
PLAIN, BOLD, RIGHT_TO_LEFT = 0, 1, 2
_TEXT, _INTEGER, _BOOLEAN = "text", "integer", "boolean"


def write_workbook(file, chunks, columns, *, by_provision=False):
    """Write the export into `file` from `chunks`, the CSV export's bytes (byte order mark,
    header, rows): one sheet, or one sheet per provision (by stable key, so "the same
    paragraph" in several versions shares a sheet, named after the label it had first; general
    comments on a sheet of their own), each with its header row frozen."""
    book = _Book(columns)
    flat, general = _("Comments"), _("General comments")
    key_at, label_at = columns.index("provision_key"), columns.index("provision_label")
    for line, cells in enumerate(csv_cells(chunks)):
        if line == 0:
            continue  # the header, written by each sheet from `columns`
        if by_provision:
            sheet = book.sheet(cells[key_at], _unescaped(cells[label_at]) or general)
        else:
            sheet = book.sheet(None, flat)
        sheet.write(cells)
    if not book.sheets:
        book.sheet(None, flat)  # an empty export is still a workbook with its header
    book.close(file)


def csv_cells(chunks):
    """The CSV's rows as lists of cells already escaped for XML: the escapes apply line by line
    (none spans a line break, the CSV's lines end with LF only), before the cells are split."""
    text = io.TextIOWrapper(_ChunkReader(chunks), encoding="utf-8-sig", newline="\n")
    return csv.reader(map(_escaped, text))


def _escaped(text):
    if "_x" in text:
        text = _LITERAL_ESCAPE.sub(r"_x005F\1", text)
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda match: f"_x{ord(match.group()):04X}_", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _unescaped(text):
    """The text `_escaped` was given (for a sheet's name)."""
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return _ESCAPED.sub(lambda match: chr(int(match.group(1), 16)), text)


class _ChunkReader(io.RawIOBase):
    """A file reading from an iterator of byte chunks."""

    def __init__(self, chunks):
        self.chunks = iter(chunks)
        self.pending = b""

    def readable(self):
        return True

    def readinto(self, buffer):
        while not self.pending:
            self.pending = next(self.chunks, None)
            if self.pending is None:
                self.pending = b""
                return 0
        size = min(len(buffer), len(self.pending))
        buffer[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        return size


def _column_letters(index):
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


class _Sheet:
    def __init__(self, name, columns):
        self.name = name
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by _Book.close)
        self.letters = [_column_letters(index) for index in range(len(columns))]
        self.kinds = [
            _INTEGER if n in INTEGER_COLUMNS else _BOOLEAN if n in BOOLEAN_COLUMNS else _TEXT for n in columns
        ]
        self.head = _sheet_head(columns)
        header = "".join(
            _string_cell(f"{letter}1", name, BOLD) for letter, name in zip(self.letters, columns, strict=True)
        )
        self.file.write(f'<row r="1">{header}</row>'.encode())
        self.line = 2

    def write(self, cells):
        number = str(self.line)
        parts = []
        for letter, kind, value in zip(self.letters, self.kinds, cells, strict=True):
            if not value:
                continue  # an empty cell is left out
            if kind is _TEXT:
                parts.append(_string_cell(letter + number, value, PLAIN))
            elif kind is _INTEGER:
                parts.append(f'<c r="{letter}{number}"><v>{int(value)}</v></c>')
            else:
                parts.append(f'<c r="{letter}{number}" t="b"><v>{int(value == "True")}</v></c>')
        self.file.write(f'<row r="{number}">{"".join(parts)}</row>'.encode())
        self.line += 1

    def size(self):
        return len(self.head) + self.file.tell() + len(_SHEET_FOOT)

    def xml_parts(self):
        """The sheet's XML: its opening, its rows (from the temporary file), its end."""
        yield self.head
        self.file.seek(0)
        while block := self.file.read(COPY_BYTES):
            yield block
        yield _SHEET_FOOT


def _sheet_head(columns):
    widths = "".join(
        f'<col min="{index}" max="{index}" width="{WIDE_COLUMNS.get(name, 14) + 0.7109375}" customWidth="1"/>'
        for index, name in enumerate(columns, start=1)
    )
    return (
        f'{_XML}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft"/></sheetView></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="15"/><cols>{widths}</cols><sheetData>'
    ).encode()


_SHEET_FOOT = (
    b'</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
)


def _string_cell(ref, value, style):
    if len(value) > CELL_LIMIT // 2:
        value = _truncated(value)
    if not value.isascii() and style == PLAIN and _RIGHT_TO_LEFT.search(value):
        style = RIGHT_TO_LEFT
    styled = f' s="{style}"' if style else ""
    space = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() else ""
    return f'<c r="{ref}"{styled} t="inlineStr"><is><t{space}>{value}</t></is></c>'


def _truncated(value):
    """At most CELL_LIMIT UTF-16 units of the text as the cell holds it (an entity or an
    `_xHHHH_` counts as the one character it stands for, and is never cut)."""
    text = _unescaped(value)
    if len(text.encode("utf-16-le")) // 2 <= CELL_LIMIT:
        return value
    kept = text.encode("utf-16-le")[: CELL_LIMIT * 2].decode("utf-16-le", errors="ignore")
    return _escaped(kept)


class _Book:
    def __init__(self, columns):
        self.columns = columns
        self.sheets = {}  # key -> _Sheet, in the order they were created
        self.names = set()

    def sheet(self, key, label):
        """The sheet for `key`, created with its header when first asked for."""
        if key not in self.sheets:
            self.sheets[key] = _Sheet(sheet_name(label, self.names), self.columns)
        return self.sheets[key]

    def close(self, file):
        sheets = list(self.sheets.values())
        with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as archive:
            for name, content in _package(sheets).items():
                archive.writestr(name, content)
            for number, sheet in enumerate(sheets, start=1):
                info = zipfile.ZipInfo(f"xl/worksheets/sheet{number}.xml", date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.file_size = sheet.size()  # tells zipfile whether ZIP64 is needed
                with archive.open(info, "w") as entry:
                    for part in sheet.xml_parts():
                        entry.write(part)
                sheet.file.close()


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_STYLES = (
    f'{_XML}<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment readingOrder="2"/></xf></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def _package(sheets):
    """The workbook's parts other than the sheets."""
    numbers = range(1, len(sheets) + 1)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{number}.xml" ContentType="{_SHEET_TYPE}"/>' for number in numbers
    )
    sheet_list = "".join(
        f'<sheet name="{html.escape(sheet.name, quote=True)}" sheetId="{number}" r:id="rId{number}"/>'
        for number, sheet in zip(numbers, sheets, strict=True)
    )
    sheet_rels = "".join(
        f'<Relationship Id="rId{number}" Type="{_REL}/worksheet" Target="worksheets/sheet{number}.xml"/>'
        for number in numbers
    )
    styles = len(sheets) + 1
    return {
        "[Content_Types].xml": (
            f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f"{overrides}</Types>"
        ),
        "_rels/.rels": (
            f'{_XML}<Relationships xmlns="{_PACKAGE_REL}">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView/></bookViews>'
            f"<sheets>{sheet_list}</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{_XML}<Relationships xmlns="{_PACKAGE_REL}">{sheet_rels}'
            f'<Relationship Id="rId{styles}" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'
        ),
        "xl/styles.xml": _STYLES,
    }


def sheet_name(label, taken):
    """A valid, unique sheet name from a provision label: no []:*?/\\, no apostrophe at either
    end, at most 31 characters, different from the names in `taken` (compared without case,
    as Excel does; the new name is added to `taken`)."""
    base = _NOT_IN_SHEET_NAME.sub("_", label)[:SHEET_NAME_LENGTH].strip("' ") or _("Sheet")
    if base.casefold() == "history":  # reserved by Excel
        base = f"{base}_"
    name, number = base, 1
    while name.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        name = base[: SHEET_NAME_LENGTH - len(suffix)].rstrip("' ") + suffix
    taken.add(name.casefold())
    return name
