"""One comment export in a fresh process, so that its peak memory is its own.

    python bench/export_worker.py {copy,csv,xlsx,docx} ROUND_ID [AUDIENCE]

(`docx`: the DOCX compilation of the round's version, as the compilation view writes it.)

Prints one JSON object: seconds, bytes, rows (when known), and the peak resident set size
before and after the export, whose difference is the export's peak memory growth. The peak is
the kernel's high-water mark of this process's address space (VmHWM in /proc/self/status):
resource.getrusage's ru_maxrss is no good here, because on Linux a child started with
fork/vfork + exec inherits its parent's ru_maxrss (the orchestrator's ~120 MB would mask any
growth below it); it is recorded too, for comparison. The export is read exactly as consultations/views/exports.py
reads it (same form, same selectors, same writers, autocommit as in a request: for `csv` that is
`comments_csv`, which on PostgreSQL has the database write every cell); `copy` runs
PostgreSQL's COPY (…) TO STDOUT WITH CSV on the very SQL and parameters that the export's
row queryset (`comment_export_rows`, the plain columns before Python shapes them) sends, captured on the way to the database (and not executed there), read fully
through psycopg.
"""

import contextlib
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.utils import translation  # noqa: E402

from consultations.exports.compilation import version_compilation  # noqa: E402
from consultations.exports.csv_export import comments_csv  # noqa: E402
from consultations.exports.filters import SECRETARIAT, ExportFilterForm  # noqa: E402
from consultations.exports.xlsx import write_workbook  # noqa: E402
from consultations.models import Round  # noqa: E402
from consultations.selectors.exports import (  # noqa: E402
    Permalinks,
    columns_for,
    comment_export_rows,
    comment_list_exported,
    comments_by_provision,
)
from drafts.models import Provision  # noqa: E402


def peak_mb():
    """The peak resident set size of this process's address space since exec, in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    raise SystemExit("no VmHWM in /proc/self/status")


def maxrss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


class _Captured(Exception):
    pass


def export_sql(rows_factory):
    """(sql, params) of the first query the export sends, stopped before it reaches the server."""
    seen = []

    def stop(execute, sql, params, many, context):
        seen.append((sql, params))
        raise _Captured

    with connection.execute_wrapper(stop), contextlib.suppress(_Captured):
        next(iter(rows_factory()))
    if not seen:
        raise SystemExit("the export sent no query")
    return seen[0]


def main():
    mode, round_id = sys.argv[1], int(sys.argv[2])
    audience = sys.argv[3] if len(sys.argv) > 3 else SECRETARIAT
    consulted = Round.objects.get(pk=round_id)
    form = ExportFilterForm(
        {"audience": audience}, provisions=Provision.objects.filter(version_id=consulted.version_id)
    )
    if not form.is_valid():
        raise SystemExit(f"filters refused: {form.errors}")
    filters = form.cleaned_data
    request = RequestFactory().get("/en/exports/")
    columns = columns_for(audience)

    def rows():
        return comment_export_rows(
            scope={"round": consulted}, filters=filters, audience=audience, permalink=Permalinks(request)
        )

    result = {"mode": mode, "audience": audience, "columns": len(columns)}
    with translation.override("en"):
        sql, params = export_sql(rows)  # also in the csv/xlsx processes: both sides pay for the same set-up
        connection.ensure_connection()
        before, maxrss_before = peak_mb(), maxrss_mb()
        started = time.perf_counter()
        if mode == "copy":
            size = 0
            with connection.cursor() as cursor, cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH CSV", params) as copy:
                for block in copy:
                    size += len(block)
            # The rows are the database's to count here (a text may hold line breaks): counted
            # after the clock stops, with the export's own queryset.
            result.update(
                bytes=size,
                rows=comment_list_exported(scope={"round": consulted}, filters=filters, audience=audience).count(),
            )
        elif mode in ("csv", "xlsx"):
            # As the view: on PostgreSQL the database writes the rows (exports/csv_export.py);
            # the XLSX is written from the same CSV stream (exports/xlsx.py).
            chunks = comments_csv(
                scope={"round": consulted}, filters=filters, audience=audience, permalink=Permalinks(request)
            )
            if mode == "csv":
                size = sum(len(chunk) for chunk in chunks)
            else:
                with tempfile.TemporaryFile() as file:  # as the view does
                    write_workbook(file, chunks, columns)
                    size = file.seek(0, os.SEEK_END)
            # The rows are the database's to count here (a text may hold line breaks): counted
            # after the clock stops, with the export's own queryset.
            result.update(
                bytes=size,
                rows=comment_list_exported(scope={"round": consulted}, filters=filters, audience=audience).count(),
            )
        elif mode == "docx":  # as views.exports.version_compilation, for the secretariat
            comments = comments_by_provision(version=consulted.version, filters=filters, audience=audience)
            content = version_compilation(
                consulted.version,
                comments,
                headings_language="en",
                text_language=consulted.version.original_language,
                secretariat=audience == SECRETARIAT,
            )
            result.update(
                bytes=len(content),
                rows=comment_list_exported(
                    scope={"version": consulted.version}, filters=filters, audience=audience
                ).count(),
            )
        else:
            raise SystemExit(f"unknown mode {mode}")
        result["seconds"] = time.perf_counter() - started
    after, maxrss_after = peak_mb(), maxrss_mb()
    result.update(
        peak_rss_before_mb=_one_decimal(before),
        peak_rss_after_mb=_one_decimal(after),
        peak_rss_growth_mb=_one_decimal(after - before),
        ru_maxrss_before_mb=_one_decimal(maxrss_before),
        ru_maxrss_after_mb=_one_decimal(maxrss_after),
    )
    print(json.dumps(result))


def _one_decimal(value):
    return round(value, 1)


if __name__ == "__main__":
    main()
