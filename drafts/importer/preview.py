"""The rows of an import preview: the parsed provisions as a drafter corrects them.

Rows carry a stable `id` and point to their parent by id, so joining and splitting rows
never leaves a child pointing at the wrong provision.
"""

from .document import ParsedDocument, ParsedProvision

SPLIT_MARK = "---"  # a line holding only this, inside a text, splits the row there


def rows_from_document(document):
    return [
        {
            "id": index,
            "kind": p.kind,
            "label": p.label,
            "text": p.text,
            "parent": p.parent,
            "footnotes": list(p.footnotes),
            "number": p.number,
            "line": p.line,
            "last_line": p.last_line,
        }
        for index, p in enumerate(document.provisions)
    ]


def document_extras(document):
    """What the preview keeps besides the rows: metadata, adoption, doubts, lines set aside."""
    return {
        "metadata": document.metadata,
        "adoption": document.adoption,
        "doubts": document.doubts,
        "set_aside": [{"line": a.line, "text": a.text, "reason": a.reason} for a in document.set_aside],
    }


def plain_paragraphs(rows):
    """The rows as paragraphs 1, 2, 3 … at one level, texts and footnotes unchanged."""
    return [{**row, "kind": "paragraph", "label": str(n), "parent": None} for n, row in enumerate(rows, start=1)]


def numbering_summary(rows, kind_names):
    """Per kind: how many rows, and the first and last numbers as the document prints them."""
    summary = {}
    for row in rows:
        name = kind_names.get(row["kind"], row["kind"])
        entry = summary.setdefault(row["kind"], {"name": name, "count": 0, "first": "", "last": ""})
        entry["count"] += 1
        number = row.get("number") or ""
        if number:
            entry["first"] = entry["first"] or number
            entry["last"] = number
    return list(summary.values())


def row_at_line(rows, line):
    """The id of the row read from that line of the source (a doubt's line), or None."""
    return next((row["id"] for row in rows if row.get("line", 0) <= line <= row.get("last_line", 0)), None)


def metadata_rows(metadata):
    """(field, value as printed) pairs; fields printed several times are joined."""
    return [(name, " · ".join(value) if isinstance(value, list) else value) for name, value in metadata.items()]


def document_from_draft(draft):
    document = document_from_rows(draft.title, draft.rows)
    document.metadata, document.adoption = draft.metadata, draft.adoption
    return document


def apply_edits(rows, edits):
    """edits: {row id: {"kind", "label", "text", "join": bool}} from the preview form."""
    next_id = max((row["id"] for row in rows), default=-1) + 1
    result = []
    for row in rows:
        edit = edits.get(row["id"], {})
        row = {**row, **{key: edit[key] for key in ("kind", "label", "text") if key in edit}}
        if edit.get("join") and result:
            previous = result[-1]
            previous["text"] = " ".join(part for part in (previous["text"], row["text"].strip()) if part)
            previous["footnotes"] = previous["footnotes"] + row["footnotes"]
            previous["last_line"] = max(previous.get("last_line", 0), row.get("last_line", 0))
            _reparent(rows, row["id"], previous["id"])
            continue
        parts = [part.strip() for part in row["text"].replace("\r\n", "\n").split(f"\n{SPLIT_MARK}\n")]
        row["text"] = parts[0]
        result.append(row)
        for number, part in enumerate(parts[1:], start=2):
            result.append({**row, "id": next_id, "label": f"{row['label']}-{number}", "text": part, "footnotes": []})
            next_id += 1
    known = {row["id"] for row in result}
    for row in result:
        if row["parent"] is not None and row["parent"] not in known:
            row["parent"] = None
    return result


def _reparent(rows, old_id, new_id):
    for row in rows:
        if row["parent"] == old_id:
            row["parent"] = new_id


def document_from_rows(title, rows):
    position = {row["id"]: index for index, row in enumerate(rows)}
    return ParsedDocument(
        title=title or None,
        provisions=[
            ParsedProvision(
                row["kind"],
                row["label"],
                row["text"],
                position.get(row["parent"]),
                row["footnotes"],
                row.get("number", ""),
                line=row.get("line", 0),
                last_line=row.get("last_line", 0),
            )
            for row in rows
        ],
        warnings=[],
    )
