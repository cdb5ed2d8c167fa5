"""A version as one standalone, print-friendly HTML file, in one language.

The file is downloaded and opened on its own, away from the portal: it links to nothing, and
its few styles are in a <style> element of its own.
"""

from django.template.loader import render_to_string
from django.utils import translation

from ..citations import printed_label
from .tree import (
    document_title,
    is_right_to_left,
    language_name,
    missing_note,
    printed_date,
    version_label,
    version_tree,
    walk,
)


def version_html(version, language) -> str:
    title, title_missing = document_title(version, language)
    with translation.override(language):
        return render_to_string(
            "drafts/exports/version.html",
            {
                "version": version,
                "language": language,
                "direction": "rtl" if is_right_to_left(language) else "ltr",
                "title": title,
                "title_missing": title_missing,
                "date": printed_date(version.date, language) if version.date else "",
                "label": version_label(version, language),
                "original_language": language_name(version.original_language),
                "missing_note": missing_note(language),
                "rows": _rows(version, language),
            },
        )


def _rows(version, language):
    """One dict per provision in reading order, with its footnotes numbered through the text."""
    rows = []
    number = 0
    for node, parent, depth in walk(version_tree(version, language)):
        notes = []
        for note in node.footnotes:
            number += 1
            notes.append((number, note))
        rows.append(
            {
                "node": node,
                "depth": depth,
                "label": printed_label(node.kind, node.label, language, parent.kind if parent else None),
                "notes": notes,
            }
        )
    return rows
