"""Reads shaped for the text pages: a fixed number of queries whatever the text's length."""

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.conf import settings
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils.text import capfirst
from reversion.models import Version as RevisionRecord

from portal.translated import column

from .. import redline
from ..citations import Citation, cite, printed_label
from ..models import Instrument, Provision, ProvisionKind, Version


def instruments_for_listing():
    return Instrument.objects.prefetch_related("versions")


def version_by_number(*, slug, number):
    return get_object_or_404(Version.objects.select_related("instrument"), instrument__slug=slug, number=number)


def translation_status(version):
    """{language: (translated, total)}: provisions with text in each language, in one query."""
    return translation_statuses([version])[version.pk]


def translation_statuses(versions):
    """{version id: translation_status(version)} for several versions, in one query; the total is
    the number of provisions with text in each version's original language."""
    has_text = {
        code: ~Q(**{column("text", code): ""}) & Q(**{f"{column('text', code)}__isnull": False})
        for code in settings.LANGUAGE_CODES
    }
    rows = (
        Provision.objects.filter(version__in=versions)
        .values("version_id")
        .annotate(**{f"n_{code}": Count("pk", filter=has_text[code]) for code in settings.LANGUAGE_CODES})
        .order_by()
    )
    figures = {row["version_id"]: row for row in rows}
    statuses = {}
    for version in versions:
        row = figures.get(version.pk, {})
        total = row.get(f"n_{version.original_language}", 0)
        statuses[version.pk] = {code: (row.get(f"n_{code}", 0), total) for code in settings.LANGUAGE_CODES}
    return statuses


@dataclass
class ReadingRow:
    provision: Provision
    depth: int
    text: str
    footnotes: list
    missing: bool
    label: str = ""  # the number as the text prints it, in the text's language
    citation: Citation | None = None  # as the reader cites it, in the interface language
    beside_text: str = ""
    beside_footnotes: list = field(default_factory=list)
    beside_missing: bool = False
    beside_label: str = ""


def reading_rows(version, language, beside=None):
    """The provisions in document order with their depth, printed number, citation and text in
    `language` (and `beside`), in one query."""
    provisions = list(version.provisions.order_by("position"))
    by_pk = {provision.pk: provision for provision in provisions}
    depth = {}
    rows = []
    for provision in provisions:
        depth[provision.pk] = depth[provision.parent_id] + 1 if provision.parent_id in depth else 0
        row = ReadingRow(
            provision=provision,
            depth=depth[provision.pk],
            citation=cite(provision, by_pk=by_pk),
            **_reading(provision, language, by_pk),
        )
        if beside:
            for name, value in _reading(provision, beside, by_pk).items():
                setattr(row, f"beside_{name}", value)
        rows.append(row)
    return rows


def _reading(provision, language, by_pk):
    """A provision's text, footnotes, whether that text is missing, and its label, in `language`."""
    text = provision.value_in("text", language)
    parent = by_pk.get(provision.parent_id)
    label = printed_label(provision.kind, provision.label, language, parent.kind if parent else None)
    if provision.kind == ProvisionKind.PREAMBLE:
        label = cite(provision, language, by_pk=by_pk).text  # printed without a number
    return {
        "text": text,
        "footnotes": provision.value_in("footnotes", language),
        "missing": not text and bool(provision.value_in("text", provision.version.original_language)),
        "label": label,
    }


def table_of_contents(rows):
    """Articles and headings, for a reader who jumps around a long text."""
    return [row for row in rows if row.provision.kind in ("article", "heading") and row.depth == 0]


# --- Comparing two versions ---------------------------------------------------------------

ADDED, REMOVED, MOVED, RELABELLED, CHANGED = "added", "removed", "moved", "relabelled", "changed"


@dataclass
class CompareRow:
    old: Provision | None
    new: Provision | None
    changes: set
    redline_html: str
    missing: bool = False  # neither version has this provision in the language compared
    old_citation: Citation | None = None  # as readers cite them, in the interface language
    new_citation: Citation | None = None

    @property
    def label(self):
        return (self.new or self.old).label

    @property
    def key(self):
        return (self.new or self.old).key

    @property
    def citation(self):
        return self.new_citation or self.old_citation


def compare_versions(old_version, new_version, language):
    """Rows of the comparison, in the new version's order, with removed provisions shown
    where they stood. Provisions are matched by stable key, never by label. A provision that
    neither version has in `language` is `missing`, never "unchanged"."""
    old = list(old_version.provisions.order_by("position"))
    new = list(new_version.provisions.order_by("position"))
    old_by_key = {p.key: p for p in old}
    new_keys = {p.key for p in new}
    common_old_order = [p.key for p in old if p.key in new_keys]
    common_new_order = [p.key for p in new if p.key in old_by_key]
    in_place = set()
    for block in SequenceMatcher(None, common_old_order, common_new_order, autojunk=False).get_matching_blocks():
        in_place.update(common_new_order[block.b : block.b + block.size])
    by_pk = {p.pk: p for p in old + new}

    rows_after_key = {}
    anchor = None
    for provision in old:
        if provision.key in new_keys:
            anchor = provision.key
        else:
            rows_after_key.setdefault(anchor, []).append(_compare_row(provision, None, in_place, language, by_pk))

    rows = list(rows_after_key.get(None, []))
    for provision in new:
        rows.append(_compare_row(old_by_key.get(provision.key), provision, in_place, language, by_pk))
        rows.extend(rows_after_key.get(provision.key, []))
    return rows


def _compare_row(before, after, in_place, language, by_pk):
    old_text = before.value_in("text", language) if before else ""
    new_text = after.value_in("text", language) if after else ""
    diff = redline.diff(old_text, new_text)
    if before is None:
        changes = {ADDED}
    elif after is None:
        changes = {REMOVED}
    else:
        changes = {RELABELLED} if before.label != after.label else set()
        if after.key not in in_place:
            changes.add(MOVED)
        if not redline.is_unchanged(diff):
            changes.add(CHANGED)
    originals = [p.value_in("text", p.version.original_language) for p in (before, after) if p is not None]
    return CompareRow(
        before,
        after,
        changes,
        redline.render_html(diff),
        missing=not old_text and not new_text and any(originals),
        old_citation=cite(before, by_pk=by_pk) if before else None,
        new_citation=cite(after, by_pk=by_pk) if after else None,
    )


def compare_language(old_version, new_version, interface_language):
    """The language a comparison is shown in when none is asked: the interface language when
    both versions have text in it, otherwise the newer version's original."""
    statuses = translation_statuses([old_version, new_version])
    if all(statuses[v.pk][interface_language][0] for v in (old_version, new_version)):
        return interface_language
    return new_version.original_language


# --- History --------------------------------------------------------------------------------


@dataclass
class HistoryChange:
    field: str  # the field's name in the interface language: "text (Arabic)"
    redline_html: str
    language: str = ""  # the language of the text changed, for a translated field


@dataclass
class HistoryEntry:
    record: RevisionRecord
    changes: list  # of HistoryChange, only for what changed


def provision_history(provision):
    """Every revision of the provision, newest first, with what changed since the one before.

    A provision keeps its key across versions but each version has its own row; the history
    shown is that row's, which is where edits happen.
    """
    records = list(
        RevisionRecord.objects.get_for_object(provision)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
    )
    return [
        HistoryEntry(
            record, _changes(records[index + 1].field_dict if index + 1 < len(records) else {}, record.field_dict)
        )
        for index, record in enumerate(records)
    ]


def restore_changes(provision, record):
    """What restoring `record` would change in the provision as it stands now."""
    now = {name: getattr(provision, name) for name in ("label", "kind")}
    for code in settings.LANGUAGE_CODES:
        for name in ("heading", "text"):
            now[column(name, code)] = provision.value_in(name, code)
    return _changes(now, record.field_dict)


def _changes(previous, current):
    """HistoryChange for each of label, kind and heading/text per language that differs."""
    changes = []
    for name, shown in (("label", str), ("kind", lambda kind: str(ProvisionKind(kind).label) if kind else "")):
        if previous.get(name) != current.get(name):
            diff = redline.diff(shown(previous.get(name) or ""), shown(current.get(name) or ""))
            changes.append(
                HistoryChange(capfirst(Provision._meta.get_field(name).verbose_name), redline.render_html(diff))
            )
    for code in settings.LANGUAGE_CODES:
        for name in ("heading", "text"):
            before, after = previous.get(column(name, code)) or "", current.get(column(name, code)) or ""
            if before != after:
                field_name = Provision._meta.get_field(column(name, code)).verbose_name
                changes.append(
                    HistoryChange(capfirst(field_name), redline.render_html(redline.diff(before, after)), code)
                )
    return changes


def default_text_language(version, interface_language):
    """The interface language when the text exists in it (even partly); otherwise the
    original. Asking for a language explicitly still shows what is missing as missing."""
    translated, _total = translation_status(version)[interface_language]
    return interface_language if translated else version.original_language
