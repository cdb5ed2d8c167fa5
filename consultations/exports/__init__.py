"""Comment exports: CSV, XLSX and JSON data (streamed) and the DOCX compilation of a version,
for the public or for the secretariat."""

from .compilation import version_compilation
from .csv_export import comments_csv
from .filters import BY_PROVISION, SECRETARIAT, ExportFilterForm
from .selectors import Permalinks, columns_for, compilation_comments, export_rows, exportable, exported_comments
from .tabular import csv_stream, json_stream
from .xlsx import write_workbook

__all__ = [
    "BY_PROVISION",
    "SECRETARIAT",
    "ExportFilterForm",
    "Permalinks",
    "columns_for",
    "comments_csv",
    "compilation_comments",
    "csv_stream",
    "export_rows",
    "exportable",
    "exported_comments",
    "json_stream",
    "version_compilation",
    "write_workbook",
]
