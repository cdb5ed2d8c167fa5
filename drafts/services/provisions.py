"""Provisions of a version in editing: adding, editing (refused when someone saved in between),
deleting, splitting, merging, restoring an earlier revision."""

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from reversion.models import Version as RevisionRecord

from portal.permissions import require
from portal.translated import column

from ..models import Provision, Version
from .checks import revision

TRANSLATED_PROVISION_FIELDS = ("heading", "text", "footnotes")
CONTENT_FIELDS = ("kind", "label") + tuple(
    column(field, language) for field in TRANSLATED_PROVISION_FIELDS for language in settings.LANGUAGE_CODES
)


class EditConflict(ValidationError):
    """Someone saved the provision after the editor loaded it; `current` is their version."""

    def __init__(self, current):
        self.current = current
        super().__init__(
            _(
                "%(name)s changed this provision while you were editing it. Your text has not been "
                "saved: compare it with theirs below, then save again."
            )
            % {"name": last_editor(current) or _("Someone")},
            code="conflict",
        )


def last_editor(obj):
    record = RevisionRecord.objects.get_for_object(obj).select_related("revision__user").first()
    return str(record.revision.user) if record and record.revision.user else None


def _validate_provision(provision):
    """full_clean plus the rules a database constraint cannot say in words."""
    errors = {}
    parent = provision.parent
    if parent is not None:
        if parent.version_id != provision.version_id:
            errors["parent"] = _("The parent provision belongs to another version.")
        else:
            seen = {provision.pk} if provision.pk else set()
            node = parent
            while node is not None:
                if node.pk in seen:
                    errors["parent"] = _("A provision cannot be inside itself (the parents form a cycle).")
                    break
                seen.add(node.pk)
                node = node.parent
    if not errors.get("parent"):
        duplicates = Provision.objects.filter(
            version_id=provision.version_id, parent_id=provision.parent_id, label=provision.label
        ).exclude(pk=provision.pk)
        if duplicates.exists():
            errors["label"] = _("The label “%(label)s” is already used at this level of the version.") % {
                "label": provision.label
            }
    if not provision.label.strip():
        errors["label"] = _("Every provision needs a label.")
    if errors:
        raise ValidationError(errors)
    provision.full_clean(exclude=["version", "parent"], validate_unique=False, validate_constraints=False)


def insert_tree(provisions, parent_indexes):
    """Bulk-insert provisions level by level, so that each row is written with its parent
    already set (labels are unique per parent, so children must never pass through "no parent")."""
    level = [i for i, parent in enumerate(parent_indexes) if parent is None]
    while level:
        for i in level:
            parent = parent_indexes[i]
            provisions[i].parent_id = None if parent is None else provisions[parent].pk
        Provision.objects.bulk_create([provisions[i] for i in level])
        inserted = set(level)
        level = [i for i, parent in enumerate(parent_indexes) if parent in inserted]


def _renumber(version):
    """Positions 1..n in document order, with a single UPDATE per moved provision."""
    for index, provision in enumerate(version.provisions.order_by("position", "pk"), start=1):
        if provision.position != index:
            Provision.objects.filter(pk=provision.pk).update(position=index)


@transaction.atomic
def provision_create(
    *, version, by, kind, label, texts=None, headings=None, footnotes=None, parent=None, after=None, reason=""
) -> Provision:
    """Add a provision after `after` (or at the end). texts/headings/footnotes map language -> value."""
    version = Version.objects.select_for_update().get(pk=version.pk)
    require(by, "drafts.edit_text", version)
    if after is not None:
        position = after.position + 1
        version.provisions.filter(position__gte=position).update(position=F("position") + 1)
    else:
        position = (version.provisions.aggregate(n=Max("position"))["n"] or 0) + 1
    values = {}
    for field, given in (("text", texts), ("heading", headings), ("footnotes", footnotes)):
        for language, value in (given or {}).items():
            values[column(field, language)] = value
    provision = Provision(version=version, parent=parent, position=position, kind=kind, label=label.strip(), **values)
    _validate_provision(provision)
    with reversion.create_revision():
        revision(by, reason or _("Provision added"))
        provision.save()
    return provision


@transaction.atomic
def provision_update(*, provision, by, base_revision, reason="", **changes) -> Provision:
    """Change a provision's content (kind, label, parent, heading/text/footnotes per language).

    `base_revision` is the provision's revision number the editor started from; if somebody
    saved in between, nothing is written and EditConflict carries their version.
    """
    unknown = set(changes) - set(CONTENT_FIELDS) - {"parent"}
    if unknown:
        raise ValueError(f"Unknown provision fields: {sorted(unknown)}")
    current = Provision.objects.select_for_update(of=("self",)).select_related("version").get(pk=provision.pk)
    require(by, "drafts.edit_text", current.version)
    if current.revision != base_revision:
        raise EditConflict(current)
    for name, value in changes.items():
        setattr(current, name, value.strip() if name == "label" else value)
    _validate_provision(current)
    # The compare-and-set is the UPDATE itself, so two editors can never both win (SQLite too).
    written = Provision.objects.filter(pk=current.pk, revision=base_revision).update(
        revision=base_revision + 1, updated_at=timezone.now(), **{name: getattr(current, name) for name in changes}
    )
    if not written:
        raise EditConflict(Provision.objects.get(pk=current.pk))
    current.refresh_from_db()
    with reversion.create_revision():
        revision(by, reason or _("Provision edited"))
        reversion.add_to_revision(current)
    return current


@transaction.atomic
def provision_delete(*, provision, by, reason="") -> None:
    provision = Provision.objects.select_related("version").get(pk=provision.pk)
    require(by, "drafts.edit_text", provision.version)
    if provision.children.exists():
        raise ValidationError(
            _("%(label)s has sub-provisions: delete or move them first.") % {"label": provision.label},
            code="has_children",
        )
    with reversion.create_revision():
        revision(by, reason or _("Provision deleted"))
        reversion.add_to_revision(provision)  # the deleted text stays recoverable
    provision.delete()
    _renumber(provision.version)


@transaction.atomic
def provision_split(*, provision, by, language, offset, new_label, reason="") -> Provision:
    """Split the text in `language` at `offset`; the second part becomes a new provision after it.

    Other languages stay with the first part: their translators split them by hand.
    """
    provision = Provision.objects.select_related("version").get(pk=provision.pk)
    require(by, "drafts.edit_text", provision.version)
    text = provision.value_in("text", language)
    if not 0 < offset < len(text):
        raise ValidationError(_("Choose a place inside the text to split it."), code="split_offset")
    first, second = text[:offset].rstrip(), text[offset:].lstrip()
    if not first or not second:
        raise ValidationError(_("Both parts of a split need some text."), code="split_empty")
    provision_update(
        provision=provision,
        by=by,
        base_revision=provision.revision,
        reason=reason or _("Split"),
        **{column("text", language): first},
    )
    return provision_create(
        version=provision.version,
        by=by,
        kind=provision.kind,
        label=new_label,
        texts={language: second},
        parent=provision.parent,
        after=provision,
        reason=reason or _("Split"),
    )


@transaction.atomic
def provision_merge(*, provision, by, reason="") -> Provision:
    """Merge the next provision (same parent) into this one, in every language; the first key stays."""
    provision = Provision.objects.select_related("version").get(pk=provision.pk)
    require(by, "drafts.edit_text", provision.version)
    following = (
        provision.version.provisions.filter(parent_id=provision.parent_id, position__gt=provision.position)
        .order_by("position")
        .first()
    )
    if following is None:
        raise ValidationError(_("There is no following provision at the same level to merge."), code="merge_none")
    if following.children.exists():
        raise ValidationError(_("The following provision has sub-provisions; move them first."), code="merge_children")
    changes = {}
    for language in settings.LANGUAGE_CODES:
        joined = " ".join(
            part for part in (provision.value_in("text", language), following.value_in("text", language)) if part
        )
        changes[column("text", language)] = joined
        changes[column("footnotes", language)] = provision.value_in("footnotes", language) + following.value_in(
            "footnotes", language
        )
    merged = provision_update(
        provision=provision, by=by, base_revision=provision.revision, reason=reason or _("Merged"), **changes
    )
    provision_delete(
        provision=following, by=by, reason=reason or _("Merged into %(label)s") % {"label": provision.label}
    )
    return merged


@transaction.atomic
def provision_restore(*, provision, revision_record, by, base_revision=None, reason="") -> Provision:
    """Bring back the content of an old revision; this is itself a new revision. With
    `base_revision` (the revision the person confirming saw), a save in between is a conflict."""
    provision = Provision.objects.select_related("version").get(pk=provision.pk)
    require(by, "drafts.restore_revision", provision.version)
    if revision_record.object_id != str(provision.pk) or revision_record.content_type.model_class() is not Provision:
        raise ValidationError(_("This revision belongs to another provision."), code="wrong_revision")
    old = revision_record.field_dict
    changes = {name: old[name] for name in CONTENT_FIELDS if name in old}
    when = timezone.localtime(revision_record.revision.date_created).strftime("%Y-%m-%d %H:%M:%S")
    return provision_update(
        provision=provision,
        by=by,
        base_revision=provision.revision if base_revision is None else base_revision,
        reason=reason or _("Restored revision %(id)s of %(date)s") % {"id": revision_record.revision_id, "date": when},
        **changes,
    )


def _refuse_cycles(parents):
    """`parents` maps every provision id of a version to its parent's id (or None)."""
    for start in parents:
        seen, node = set(), start
        while node is not None:
            if node in seen:
                raise ValidationError(
                    _("A provision cannot be moved inside itself or one of its sub-provisions."), code="cycle"
                )
            seen.add(node)
            node = parents[node]


RENUMBERING = "\ue000{pk}"  # a label no one types (private use), held for an instant so that labels can swap


@transaction.atomic
def provisions_renumber(*, version, by, numbering, reason="") -> int:
    """Give provisions of a version in editing new places and labels, all at once.

    `numbering` maps a provision id to {"position": int, "label": str} and, optionally, a new
    "parent" (an id or None), "kind", and the "base_revision" its editor started from. Labels
    may swap (PP2 and PP3) or shift; the result must have unique labels at each level and no
    provision inside itself, or nothing is written. Positions are then made 1..n in the order
    asked (ties keep the present order). Every provision whose label, kind, parent or place
    changes gets a new revision. Returns how many changed."""
    version = Version.objects.select_for_update().get(pk=version.pk)
    require(by, "drafts.edit_text", version)
    provisions = {p.pk: p for p in version.provisions.select_for_update().order_by("position", "pk")}
    unknown = set(numbering) - set(provisions)
    if unknown:
        raise ValidationError(_("These provisions are not in version %(number)s.") % {"number": version.number})
    wanted = {}
    for pk, provision in provisions.items():
        asked = numbering.get(pk, {})
        base = asked.get("base_revision")
        if base is not None and base != provision.revision:
            raise EditConflict(provision)
        label = str(asked.get("label", provision.label)).strip()
        if not label:
            raise ValidationError(_("Every provision needs a label."), code="label")
        if len(label) > Provision._meta.get_field("label").max_length:
            raise ValidationError(_("The label “%(label)s” is too long.") % {"label": label[:50]}, code="label_length")
        parent = asked.get("parent", provision.parent_id)
        if parent is not None and parent not in provisions:
            raise ValidationError(_("The parent provision belongs to another version."), code="parent")
        wanted[pk] = (asked.get("position", provision.position), label, parent, asked.get("kind", provision.kind))
    _refuse_cycles({pk: parent for pk, (_position, _label, parent, _kind) in wanted.items()})
    seen = {}
    for pk, (_position, label, level, _kind) in wanted.items():
        if (level, label) in seen:
            raise ValidationError(
                _("Two provisions at the same level would both be labelled “%(label)s”: give each its own label.")
                % {"label": label},
                code="duplicate_label",
            )
        seen[level, label] = pk
    order = sorted(provisions, key=lambda pk: (wanted[pk][0], provisions[pk].position, pk))
    changes = {}
    for index, pk in enumerate(order, start=1):
        _position, label, parent, kind = wanted[pk]
        values = {"position": index, "label": label, "parent_id": parent, "kind": kind}
        if values != {name: getattr(provisions[pk], name) for name in values}:
            changes[pk] = values
    # Every provision changing label or level holds a label no one types for an instant, so
    # that no intermediate row collides with one not yet moved.
    relabelled = [
        pk
        for pk in changes
        if (changes[pk]["label"], changes[pk]["parent_id"]) != (provisions[pk].label, provisions[pk].parent_id)
    ]
    for pk in relabelled:
        Provision.objects.filter(pk=pk).update(label=RENUMBERING.format(pk=pk))
    now = timezone.now()
    for pk, values in changes.items():
        Provision.objects.filter(pk=pk).update(revision=F("revision") + 1, updated_at=now, **values)
    with reversion.create_revision():
        revision(by, reason or _("Renumbered"))
        for provision in Provision.objects.filter(pk__in=changes):
            reversion.add_to_revision(provision)
    return len(changes)
