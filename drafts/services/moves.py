"""Moving a provision (with its sub-provisions) in a version in editing: up, down, in under the
provision before it, out to its parent's level, after another provision or first inside one;
then the levels it left and joined are renumbered, or, when the drafter keeps the existing
numbers, the moved provision alone takes a "bis"/"ter" label."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.permissions import require

from .. import numbering
from ..models import Provision, Version
from .provisions import RENUMBERING, EditConflict, provision_create, provisions_renumber

MOVES = ("up", "down", "indent", "outdent", "after", "into")


@transaction.atomic
def provision_move(*, provision, by, where, base_revision, target=None, keep_numbers=False, reason="") -> Provision:
    """`where` is one of MOVES; "after" and "into" need a `target` provision of the same version."""
    version = Version.objects.select_for_update().get(pk=provision.version_id)
    require(by, "drafts.edit_text", version)
    rows = {p.pk: p for p in version.provisions.order_by("position", "pk")}
    moved = rows.get(provision.pk)
    if moved is None:
        raise ValidationError(_("This provision is not in version %(number)s.") % {"number": version.number})
    if moved.revision != base_revision:
        raise EditConflict(moved)
    children = defaultdict(list)
    for pk, row in rows.items():
        children[row.parent_id].append(pk)
    parent_before = moved.parent_id
    _place(children, rows, moved, where, target)
    parent_after = next(parent for parent, pks in children.items() if moved.pk in pks)

    parents = {pk: parent for parent, pks in children.items() for pk in pks}
    order = _document_order(children)
    kinds = {pk: row.kind for pk, row in rows.items()}
    if parent_after != parent_before:
        kinds[moved.pk] = _kind_at(children[parent_after], moved.pk, rows.get(parent_after), kinds)
    labels = {pk: row.label for pk, row in rows.items()}
    kept = _kept_label(children[parent_after], moved.pk, kinds, labels) if keep_numbers else None
    if kept:
        labels[moved.pk] = kept
    else:
        for level in {parent_before, parent_after}:
            parent_kind = kinds[level] if level is not None else None
            labels.update(numbering.level_labels(children[level], kinds, parent_kind))
    plan = {
        pk: {"position": index, "label": labels[pk], "parent": parents[pk], "kind": kinds[pk]}
        for index, pk in enumerate(order, start=1)
    }
    plan[moved.pk]["base_revision"] = base_revision
    provisions_renumber(
        version=version, by=by, numbering=plan, reason=reason or _("Moved %(label)s") % {"label": moved.label}
    )
    return Provision.objects.get(pk=moved.pk)


@transaction.atomic
def provision_add(*, after, by, kind, texts, keep_numbers=False, reason="") -> Provision:
    """A new provision right after `after` (and its sub-provisions), at its level, numbered
    as a move numbers: the level renumbered, or "bis"/"ter" after `after` when numbers stay."""
    added = provision_create(
        version=after.version,
        by=by,
        kind=kind,
        label=RENUMBERING.format(pk="new"),
        texts=texts,
        parent=after.parent,
        reason=reason or _("Provision added"),
    )
    return provision_move(
        provision=added,
        by=by,
        where="after",
        target=after,
        base_revision=added.revision,
        keep_numbers=keep_numbers,
        reason=reason or _("Provision added"),
    )


def _place(children, rows, moved, where, target):
    """Take `moved` out of its level and put it where asked, in the `children` lists."""
    siblings = children[moved.parent_id]
    index = siblings.index(moved.pk)
    if where == "up" and index == 0 or where == "down" and index == len(siblings) - 1:
        raise ValidationError(_("%(label)s is already at the end of its level.") % {"label": moved.label}, code="edge")
    if where == "indent" and index == 0:
        raise ValidationError(
            _("%(label)s has no provision before it at its level to go under.") % {"label": moved.label}, code="edge"
        )
    if where == "outdent" and moved.parent_id is None:
        raise ValidationError(_("%(label)s is already at the top level.") % {"label": moved.label}, code="edge")
    if where in ("after", "into"):
        if target is None or target.pk not in rows:
            raise ValidationError(_("Choose a provision of this version to move it to."), code="target")
        if target.pk in _subtree(children, moved.pk) and not (where == "after" and target.pk == moved.pk):
            raise ValidationError(
                _("A provision cannot be moved inside itself or one of its sub-provisions."), code="cycle"
            )
        if target.pk == moved.pk:
            return  # after itself: nowhere to go
    elif where not in MOVES:
        raise ValidationError(_("Unknown move."), code="where")
    siblings.pop(index)
    if where == "up":
        siblings.insert(index - 1, moved.pk)
    elif where == "down":
        siblings.insert(index + 1, moved.pk)
    elif where == "indent":
        children[siblings[index - 1]].append(moved.pk)
    elif where == "outdent":
        level = children[rows[moved.parent_id].parent_id]
        level.insert(level.index(moved.parent_id) + 1, moved.pk)
    elif where == "after":
        level = children[target.parent_id]
        level.insert(level.index(target.pk) + 1, moved.pk)
    else:
        children[target.pk].insert(0, moved.pk)


def _subtree(children, pk):
    found, stack = set(), [pk]
    while stack:
        node = stack.pop()
        found.add(node)
        stack.extend(children.get(node, ()))
    return found


def _document_order(children):
    order, stack = [], list(reversed(children[None]))
    while stack:
        pk = stack.pop()
        order.append(pk)
        stack.extend(reversed(children.get(pk, ())))
    return order


def _kind_at(level, pk, parent, kinds):
    """The kind a provision takes on joining a level: its neighbours' kind, else what its
    parent's sub-provisions are (an article's paragraphs, a paragraph's sub-paragraphs)."""
    neighbours = [kinds[other] for other in level if other != pk and kinds[other] != "heading"]
    if neighbours:
        index = level.index(pk)
        before = [kinds[other] for other in level[:index] if kinds[other] != "heading"]
        return before[-1] if before else neighbours[0]
    if parent is None:
        return kinds[pk]
    return "paragraph" if parent.kind == "article" else "subparagraph"


def _kept_label(level, pk, kinds, labels):
    """The moved provision's label when the numbers around it stay: the previous provision's
    of the same kind with "bis"/"ter"…, or its own when it comes first and is free; None for
    a new provision first of its kind at its level (the level is then numbered)."""
    taken = {labels[other] for other in level if other != pk}
    before = [other for other in level[: level.index(pk)] if kinds[other] == kinds[pk]]
    if not before and labels[pk].startswith(RENUMBERING[0]):
        return None
    if not before and labels[pk] not in taken:
        return labels[pk]
    label = numbering.inserted_label(labels[before[-1]] if before else labels[pk], taken)
    if label is None:
        raise ValidationError(_("No free label is left at this place: renumber the level instead."), code="label")
    return label
