"""Every write to a text: versions, provisions, publication, history.

Services take keyword arguments, check the version's state themselves (whatever path called
them), validate, write inside a transaction and record a reversion revision with who and why.
"""

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from reversion.models import Version as RevisionRecord

from portal.text_checks import has_control_characters
from portal.translated import column

from . import import_preview
from .importer import document_date, document_symbol, import_bytes
from .models import FROZEN_STATUSES, ImportDraft, Instrument, Provision, ProvisionKind, Version, VersionStatus

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
            % {"name": _last_editor(current) or _("Someone")},
            code="conflict",
        )


def _last_editor(provision):
    record = RevisionRecord.objects.get_for_object(provision).select_related("revision__user").first()
    return str(record.revision.user) if record and record.revision.user else None


def _ensure_editable(version):
    if version.status in FROZEN_STATUSES:
        raise ValidationError(
            _("Version %(number)s is %(status)s and can no longer be changed. Make a new version from it instead.")
            % {"number": version.number, "status": version.get_status_display().lower()},
            code="frozen",
        )


def _revision(by, reason):
    reversion.set_user(by)
    reversion.set_comment(reason or "")


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


# --- Instruments and versions -------------------------------------------------------------


@transaction.atomic
def instrument_create(*, by, slug, title, language="en", description="", reason="") -> Instrument:
    with reversion.create_revision():
        _revision(by, reason or _("Instrument created"))
        if not (title or "").strip():
            raise ValidationError({"title": _("An instrument needs a title.")})
        instrument = Instrument(
            slug=slug, **{column("title", language): title, column("description", language): description}
        )
        # The title may exist in one language only: the check above replaces the English one.
        instrument.full_clean(exclude=["title"])
        instrument.save()
    return instrument


@transaction.atomic
def version_create(
    *, instrument, by, label, original_language, symbol="", date=None, title="", reason="", metadata=None, adoption=None
) -> Version:
    number = (instrument.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    with reversion.create_revision():
        _revision(by, reason or _("Version created"))
        version = Version(
            instrument=instrument,
            number=number,
            original_language=original_language,
            symbol=symbol,
            date=date,
            metadata=metadata or {},
            adoption=adoption or {},
            **{column("label", original_language): label, column("title", original_language): title},
        )
        if original_language != settings.LANGUAGE_CODE and not version.value_in("label", settings.LANGUAGE_CODE):
            setattr(version, column("label", settings.LANGUAGE_CODE), label)
        version.full_clean()
        version.save()
    return version


@transaction.atomic
def version_publish(*, version, by, reason="") -> Version:
    version = Version.objects.select_for_update().get(pk=version.pk)
    _ensure_editable(version)
    if not version.provisions.exists():
        raise ValidationError(
            _("An empty version cannot be published: add or import its provisions first."), code="empty"
        )
    previous = list(version.instrument.versions.filter(status=VersionStatus.PUBLISHED).exclude(pk=version.pk))
    with reversion.create_revision():
        _revision(by, reason or _("Published"))
        for old in previous:
            old.status = VersionStatus.SUPERSEDED
            old.save(update_fields=["status"])
        version.status = VersionStatus.PUBLISHED
        version.published_at = timezone.now()
        version.published_by = by
        version.save(update_fields=["status", "published_at", "published_by"])
    return version


@transaction.atomic
def version_copy(*, version, by, label, reason="") -> Version:
    """A new version in `editing`, with every provision of `version` copied, keys kept."""
    new = version_create(
        instrument=version.instrument,
        by=by,
        label=label,
        original_language=version.original_language,
        symbol="",
        title=version.value_in("title", version.original_language),
        reason=reason or _("New version from version %(number)s") % {"number": version.number},
    )
    new.based_on = version
    for language in settings.LANGUAGE_CODES:
        if not new.value_in("title", language):
            setattr(new, column("title", language), version.value_in("title", language))
    new.save(update_fields=["based_on"] + [column("title", code) for code in settings.LANGUAGE_CODES])

    originals = list(version.provisions.order_by("position"))
    index_of = {original.pk: index for index, original in enumerate(originals)}
    copies = [
        Provision(
            version=new,
            position=original.position,
            kind=original.kind,
            label=original.label,
            key=original.key,
            **{name: getattr(original, name) for name in CONTENT_FIELDS if name not in ("kind", "label")},
        )
        for original in originals
    ]
    _insert_tree(copies, [index_of.get(original.parent_id) for original in originals])
    with reversion.create_revision():
        _revision(by, reason or _("Copied from version %(number)s") % {"number": version.number})
        for copy in copies:
            reversion.add_to_revision(copy)
    return new


def _insert_tree(provisions, parent_indexes):
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


# --- Provisions -------------------------------------------------------------------------


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
    _ensure_editable(version)
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
        _revision(by, reason or _("Provision added"))
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
    _ensure_editable(current.version)
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
        _revision(by, reason or _("Provision edited"))
        reversion.add_to_revision(current)
    return current


@transaction.atomic
def provision_delete(*, provision, by, reason="") -> None:
    provision = Provision.objects.select_related("version").get(pk=provision.pk)
    _ensure_editable(provision.version)
    if provision.children.exists():
        raise ValidationError(
            _("%(label)s has sub-provisions: delete or move them first.") % {"label": provision.label},
            code="has_children",
        )
    with reversion.create_revision():
        _revision(by, reason or _("Provision deleted"))
        reversion.add_to_revision(provision)  # the deleted text stays recoverable
    provision.delete()
    _renumber(provision.version)


@transaction.atomic
def provision_move(*, provision, by, position, reason="") -> Provision:
    """Move a provision (and nothing else) to `position` in document order, 1-based."""
    provision = Provision.objects.select_related("version").get(pk=provision.pk)
    _ensure_editable(provision.version)
    ordered = [p for p in provision.version.provisions.order_by("position") if p.pk != provision.pk]
    position = max(1, min(position, len(ordered) + 1))
    ordered.insert(position - 1, provision)
    for index, item in enumerate(ordered, start=1):
        if item.position != index:
            Provision.objects.filter(pk=item.pk).update(position=index)
    provision.refresh_from_db()
    with reversion.create_revision():
        _revision(by, reason or _("Provision moved"))
        reversion.add_to_revision(provision)
    return provision


@transaction.atomic
def provision_split(*, provision, by, language, offset, new_label, reason="") -> Provision:
    """Split the text in `language` at `offset`; the second part becomes a new provision after it.

    Other languages stay with the first part: their translators split them by hand.
    """
    provision = Provision.objects.select_related("version").get(pk=provision.pk)
    _ensure_editable(provision.version)
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
    _ensure_editable(provision.version)
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
def provision_restore(*, provision, revision_record, by, reason="") -> Provision:
    """Bring back the content of an old revision; this is itself a new revision."""
    old = revision_record.field_dict
    changes = {name: old[name] for name in CONTENT_FIELDS if name in old}
    when = timezone.localtime(revision_record.revision.date_created).strftime("%Y-%m-%d %H:%M")
    return provision_update(
        provision=provision,
        by=by,
        base_revision=Provision.objects.get(pk=provision.pk).revision,
        reason=reason or _("Restored the revision of %(date)s") % {"date": when},
        **changes,
    )


# --- Import -------------------------------------------------------------------------------


def _check_importable(document):
    """Refuse, with the first problem named, what the database would refuse less politely."""
    if not document.provisions:
        raise ValidationError(_("The document has no provisions to import."), code="empty")
    seen = set()
    for index, parsed in enumerate(document.provisions):
        if parsed.kind not in ProvisionKind.values:
            raise ValidationError(
                _("Provision %(n)s has an unknown kind “%(kind)s”.") % {"n": index + 1, "kind": parsed.kind}
            )
        if parsed.parent is not None and not 0 <= parsed.parent < index:
            raise ValidationError(_("Provision %(n)s must come after its parent.") % {"n": index + 1})
        if not parsed.label.strip():
            raise ValidationError(_("Provision %(n)s has no label.") % {"n": index + 1})
        if (parsed.parent, parsed.label) in seen:
            raise ValidationError(
                _(
                    "The label “%(label)s” appears twice at the same level (provision %(n)s). Correct the numbering first."
                )
                % {"label": parsed.label, "n": index + 1},
                code="duplicate_label",
            )
        seen.add((parsed.parent, parsed.label))


@transaction.atomic
def version_import(*, instrument, by, document, language, label, symbol="", date=None, reason="") -> Version:
    """A new version in `editing` holding the imported provisions, in one revision."""
    _check_importable(document)
    version = version_create(
        instrument=instrument,
        by=by,
        label=label,
        original_language=language,
        symbol=symbol or document_symbol(document),
        date=date or document_date(document),
        title=document.title or "",
        reason=reason or _("Imported"),
        metadata=document.metadata,
        adoption=document.adoption,
    )
    provisions = [
        Provision(
            version=version,
            position=index,
            kind=parsed.kind,
            label=parsed.label.strip(),
            **{column("text", language): parsed.text, column("footnotes", language): list(parsed.footnotes)},
        )
        for index, parsed in enumerate(document.provisions, start=1)
    ]
    _insert_tree(provisions, [parsed.parent for parsed in document.provisions])
    with reversion.create_revision():
        _revision(by, reason or _("Imported"))
        for provision in provisions:
            reversion.add_to_revision(provision)
    return version


@transaction.atomic
def translation_import(*, version, by, document, language, reason="") -> Version:
    """Fill `language` in an editing version from a translated document of the same structure."""
    version = Version.objects.select_for_update().get(pk=version.pk)
    _ensure_editable(version)
    existing = list(version.provisions.order_by("position"))
    if len(existing) != len(document.provisions):
        raise ValidationError(
            _("The translation has %(theirs)s provisions and the version %(ours)s: the structures differ.")
            % {"theirs": len(document.provisions), "ours": len(existing)},
            code="structure",
        )
    for provision, parsed in zip(existing, document.provisions, strict=True):
        if (provision.kind, provision.label) != (parsed.kind, parsed.label):
            raise ValidationError(
                _("The structures differ at %(label)s: the translation has %(kind)s “%(their_label)s” there.")
                % {"label": provision.label, "kind": parsed.kind, "their_label": parsed.label},
                code="structure",
            )
    for provision, parsed in zip(existing, document.provisions, strict=True):
        setattr(provision, column("text", language), parsed.text)
        setattr(provision, column("footnotes", language), list(parsed.footnotes))
    Provision.objects.bulk_update(existing, [column("text", language), column("footnotes", language)])
    if document.title and not version.value_in("title", language):
        setattr(version, column("title", language), document.title)
        version.save(update_fields=[column("title", language)])
    with reversion.create_revision():
        _revision(by, reason or _("Translation imported (%(language)s)") % {"language": language})
        for provision in existing:
            reversion.add_to_revision(provision)
    return version


@transaction.atomic
def import_draft_create(*, instrument, by, data, filename, language, label, symbol="") -> ImportDraft:
    """Parse an upload into a preview the drafter corrects before saving (nothing else is written)."""
    document = import_bytes(data, filename, language)
    if not document.provisions:
        raise ValidationError(_("No provision was found in this document."), code="empty")
    return ImportDraft.objects.create(
        instrument=instrument,
        owner=by,
        filename=filename[:255],
        language=language,
        label=label,
        symbol=symbol or document_symbol(document),
        title=(document.title or "")[:500],
        rows=import_preview.rows_from_document(document),
        warnings=[{"line": w.line, "message": w.message} for w in document.warnings],
        **import_preview.document_extras(document),
    )


@transaction.atomic
def import_draft_plain(*, draft) -> ImportDraft:
    """Every row becomes a numbered paragraph, for a text that is no resolution or declaration."""
    draft.rows = import_preview.plain_paragraphs(draft.rows)
    draft.save(update_fields=["rows"])
    return draft


@transaction.atomic
def import_draft_update(*, draft, edits) -> ImportDraft:
    """Apply the preview's corrections, or refuse them all if a row cannot be stored as typed."""
    _check_import_edits(draft.rows, edits)
    draft.rows = import_preview.apply_edits(draft.rows, edits)
    draft.save(update_fields=["rows"])
    return draft


def _check_import_edits(rows, edits):
    label_limit = Provision._meta.get_field("label").max_length
    original_labels = {row["id"]: row["label"] for row in rows}
    errors = []
    for row_id, edit in edits.items():
        row = original_labels.get(row_id, "")
        if len(edit["label"]) > label_limit:
            errors.append(
                _("Row %(label)s: a label holds at most %(limit)s characters.") % {"label": row, "limit": label_limit}
            )
        if has_control_characters(edit["label"]) or has_control_characters(edit["text"]):
            errors.append(
                _(
                    "Row %(label)s: the text contains invisible control characters (such as null bytes). Remove them and try again."
                )
                % {"label": row}
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def import_draft_save(*, draft, by) -> Version:
    """The corrected preview becomes a new version in editing; the working copy goes."""
    version = version_import(
        instrument=draft.instrument,
        by=by,
        document=import_preview.document_from_draft(draft),
        language=draft.language,
        label=draft.label,
        symbol=draft.symbol,
        reason=_("Imported from %(file)s") % {"file": draft.filename},
    )
    draft.delete()
    return version
