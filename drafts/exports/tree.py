"""A version (or a comparison of two) as a tree of provisions in one language, for the exports.

Every export reads the text through here, so a missing translation is decided once: it is
marked `missing`, never filled from another language. The text of a node is a list of
redline changes: one unchanged piece for a version, insertions and deletions for a comparison.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _

from .. import redline, selectors


@dataclass
class Node:
    kind: str
    label: str
    key: str
    parent_key: str | None
    changes: list  # of redline.Change
    footnotes: list
    missing: bool = False
    removed: bool = False  # comparison: in the old version only
    old_label: str = ""  # comparison: the label in the old version, when it changed
    children: list = field(default_factory=list)

    @property
    def text(self):
        return "".join(change.text for change in self.changes if change.op != redline.DELETE)


def version_tree(version, language):
    """The provisions of `version` nested under their parents, in document order (one query)."""
    provisions = list(version.provisions.order_by("position"))
    keys = {provision.pk: provision.key for provision in provisions}
    nodes = []
    for provision in provisions:
        text = provision.value_in("text", language)
        nodes.append(
            _node(
                provision,
                language,
                keys,
                changes=[redline.Change(redline.EQUAL, text)] if text else [],
                missing=not text and bool(provision.value_in("text", version.original_language)),
            )
        )
    return _nest(nodes)


def comparison_tree(old_version, new_version, language):
    """Both versions as one tree: the new one's provisions with redlined text, and the removed
    ones (`removed`) where they stood, under their old parent when it is still there."""
    rows = selectors.compare_versions(old_version, new_version, language)
    keys = {p.pk: p.key for row in rows for p in (row.old, row.new) if p is not None}
    nodes = []
    for row in rows:
        provision = row.new or row.old
        before = row.old.value_in("text", language) if row.old else ""
        after = row.new.value_in("text", language) if row.new else ""
        original = row.new.value_in("text", new_version.original_language) if row.new else ""
        nodes.append(
            _node(
                provision,
                language,
                keys,
                changes=redline.diff(before, after) if before or after else [],
                missing=not before and not after and bool(original),
                removed=row.new is None,
                old_label=row.old.label if row.old and row.new and row.old.label != row.new.label else "",
            )
        )
    return _nest(nodes)


def _node(provision, language, keys, **fields):
    """`provision`'s node; `keys` maps primary keys to keys, to find its parent's."""
    return Node(
        kind=provision.kind,
        label=provision.label,
        key=provision.key,
        parent_key=keys.get(provision.parent_id),
        footnotes=[str(note) for note in provision.value_in("footnotes", language)],
        **fields,
    )


def _nest(nodes):
    by_key = {node.key: node for node in nodes}
    roots = []
    for node in nodes:
        parent = by_key.get(node.parent_key)
        (parent.children if parent is not None else roots).append(node)
    return roots


def walk(nodes, parent=None, depth=0):
    """(node, parent, depth) for every node, depth first: the order of the printed text."""
    for node in nodes:
        yield node, parent, depth
        yield from walk(node.children, node, depth + 1)


def split_preamble(roots):
    """(preamble, body): the leading preambular paragraphs with the headings among them (the
    body line "The Human Rights Council,"), and the rest."""
    end = 0
    for index, node in enumerate(roots):
        if node.kind == "preamble":
            end = index + 1
        elif node.kind != "heading":
            break
    return roots[:end], roots[end:]


def document_title(version, language):
    """(title, missing): the version's title in `language`, else the instrument's."""
    title = version.value_in("title", language) or version.instrument.value_in("title", language)
    original = version.value_in("title", version.original_language) or version.instrument.value_in(
        "title", version.original_language
    )
    return title, not title and bool(original)


def version_label(version, language):
    """ "Preliminary text" in `language`, else in English (labels, unlike texts, fall back)."""
    return version.value_in("label", language) or version.value_in("label", settings.LANGUAGE_CODE)


def printed_date(date, language):
    """The date as the text's language writes it ("25 April 2017", "2017年4月25日")."""
    with translation.override(language):
        return formats.date_format(date, "DATE_FORMAT")


def language_name(code):
    """The language's name in the active language ("Arabic", "arabe", "العربية")."""
    return _(dict(settings.LANGUAGES)[code])


def missing_note(language):
    """The placeholder for a missing translation, written in the text's own language."""
    with translation.override(language):
        note = _("Not yet available in %(language)s.") % {"language": language_name(language)}
    return f"[{note.rstrip('.。')}]"


def is_right_to_left(language):
    return translation.get_language_info(language)["bidi"]
