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
        }
        for index, p in enumerate(document.provisions)
    ]


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
            ParsedProvision(row["kind"], row["label"], row["text"], position.get(row["parent"]), row["footnotes"])
            for row in rows
        ],
        warnings=[],
    )
