"""The XLSX comment export, written row by row with xlsxwriter's constant-memory mode.

A workbook is a zip that can only be finished once every row is in, so it cannot stream while
it is produced: it is written to a temporary file (memory stays flat, rows go to disk), which
the view then streams. Every text is written with `write_string`, never as a formula.
"""

import re
from dataclasses import dataclass

import xlsxwriter
from django.utils.translation import gettext as _

from portal.tabular import neutralized

WORKBOOK_OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
SHEET_NAME_LENGTH = 31
WIDE_COLUMNS = {
    "permalink": 40,
    "provision_label": 18,
    "organization": 30,
    "text": 80,
    "proposed_text": 60,
    "moderation_reason": 40,
}

_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
# Characters Excel refuses in a sheet name, and control characters.
_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


def write_workbook(file, rows, columns, *, by_provision=False):
    """Write the rows into `file`: one sheet, or one sheet per provision (by stable key, so
    "the same paragraph" in several versions shares a sheet, named after the label it had
    first; general comments on a sheet of their own), each with its header row frozen."""
    workbook = xlsxwriter.Workbook(file, WORKBOOK_OPTIONS)
    writer = _SheetWriter(workbook, columns)
    flat, general = _("Comments"), _("General comments")
    for row in rows:
        if by_provision:
            writer.write(writer.sheet(row["provision_key"] or "", row["provision_label"] or general), row)
        else:
            writer.write(writer.sheet(None, flat), row)
    if not writer.sheets:
        writer.sheet(None, flat)  # an empty export is still a workbook with its header
    workbook.close()


@dataclass
class _Sheet:
    worksheet: xlsxwriter.worksheet.Worksheet
    next_row: int = 1  # below the header


class _SheetWriter:
    def __init__(self, workbook, columns):
        self.workbook = workbook
        self.columns = columns
        self.header_format = workbook.add_format({"bold": True})
        self.rtl_format = workbook.add_format({"reading_order": 2})
        self.sheets = {}  # key -> _Sheet
        self.names = set()

    def sheet(self, key, label):
        """The sheet for `key`, created with its header when first asked for. Constant-memory
        mode needs rows in order within each sheet, not across sheets: each keeps its next row."""
        if key not in self.sheets:
            worksheet = self.workbook.add_worksheet(sheet_name(label, self.names))
            for index, name in enumerate(self.columns):
                worksheet.set_column(index, index, WIDE_COLUMNS.get(name, 14))
                worksheet.write_string(0, index, name, self.header_format)
            worksheet.freeze_panes(1, 0)
            self.sheets[key] = _Sheet(worksheet)
        return self.sheets[key]

    def write(self, sheet, row):
        for index, name in enumerate(self.columns):
            self.cell(sheet.worksheet, sheet.next_row, index, row[name])
        sheet.next_row += 1

    def cell(self, worksheet, line, index, value):
        if value is None:
            return
        if isinstance(value, bool):
            worksheet.write_boolean(line, index, value)
        elif isinstance(value, int):
            worksheet.write_number(line, index, value)
        else:
            text = neutralized(value)
            worksheet.write_string(line, index, text, self.rtl_format if _RIGHT_TO_LEFT.search(text) else None)


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
