"""Reads shaped for the text pages: a fixed number of queries whatever the text's length."""

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.conf import settings
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from reversion.models import Version as RevisionRecord

from portal.translated import column

from . import redline
from .models import Instrument, Provision, Version


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
    beside_text: str = ""
    beside_footnotes: list = field(default_factory=list)
    beside_missing: bool = False


def reading_rows(version, language, beside=None):
    """The provisions in document order with their depth and text in `language` (one query)."""
    provisions = list(version.provisions.order_by("position"))
    depth = {}
    rows = []
    for provision in provisions:
        depth[provision.pk] = depth[provision.parent_id] + 1 if provision.parent_id in depth else 0
        text = provision.value_in("text", language)
        row = ReadingRow(
            provision=provision,
            depth=depth[provision.pk],
            text=text,
            footnotes=provision.value_in("footnotes", language),
            missing=not text and bool(provision.value_in("text", version.original_language)),
        )
        if beside:
            row.beside_text = provision.value_in("text", beside)
            row.beside_footnotes = provision.value_in("footnotes", beside)
            row.beside_missing = not row.beside_text and bool(provision.value_in("text", version.original_language))
        rows.append(row)
    return rows


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

    @property
    def label(self):
        return (self.new or self.old).label

    @property
    def key(self):
        return (self.new or self.old).key


def compare_versions(old_version, new_version, language):
    """Rows of the comparison, in the new version's order, with removed provisions shown
    where they stood. Provisions are matched by stable key, never by label."""
    old = list(old_version.provisions.order_by("position"))
    new = list(new_version.provisions.order_by("position"))
    old_by_key = {p.key: p for p in old}
    new_keys = {p.key for p in new}
    common_old_order = [p.key for p in old if p.key in new_keys]
    common_new_order = [p.key for p in new if p.key in old_by_key]
    in_place = set()
    for block in SequenceMatcher(None, common_old_order, common_new_order, autojunk=False).get_matching_blocks():
        in_place.update(common_new_order[block.b : block.b + block.size])

    rows_after_key = {}
    anchor = None
    for provision in old:
        if provision.key in new_keys:
            anchor = provision.key
        else:
            rows_after_key.setdefault(anchor, []).append(_removed_row(provision, language))

    rows = list(rows_after_key.get(None, []))
    for provision in new:
        before = old_by_key.get(provision.key)
        if before is None:
            rows.append(
                CompareRow(
                    None,
                    provision,
                    {ADDED},
                    redline.render_html(redline.diff("", provision.value_in("text", language))),
                )
            )
        else:
            changes = set()
            if before.label != provision.label:
                changes.add(RELABELLED)
            if provision.key not in in_place:
                changes.add(MOVED)
            diff = redline.diff(before.value_in("text", language), provision.value_in("text", language))
            if not redline.is_unchanged(diff):
                changes.add(CHANGED)
            rows.append(CompareRow(before, provision, changes, redline.render_html(diff)))
        rows.extend(rows_after_key.get(provision.key, []))
    return rows


def _removed_row(provision, language):
    return CompareRow(
        provision, None, {REMOVED}, redline.render_html(redline.diff(provision.value_in("text", language), ""))
    )


# --- History --------------------------------------------------------------------------------


@dataclass
class HistoryEntry:
    record: RevisionRecord
    changes: dict  # field label -> redline html, only for what changed


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
    entries = []
    for index, record in enumerate(records):
        previous = records[index + 1].field_dict if index + 1 < len(records) else {}
        current = record.field_dict
        changes = {}
        for name in ("label", "kind"):
            if previous.get(name) != current.get(name):
                changes[name] = redline.render_html(
                    redline.diff(str(previous.get(name) or ""), str(current.get(name) or ""))
                )
        for code in settings.LANGUAGE_CODES:
            for name in ("heading", "text"):
                before, after = previous.get(column(name, code)) or "", current.get(column(name, code)) or ""
                if before != after:
                    changes[f"{name} ({code})"] = redline.render_html(redline.diff(before, after))
        entries.append(HistoryEntry(record, changes))
    return entries


def default_text_language(version, interface_language):
    """The interface language when the text exists in it (even partly); otherwise the
    original. Asking for a language explicitly still shows what is missing as missing."""
    translated, _total = translation_status(version)[interface_language]
    return interface_language if translated else version.original_language
