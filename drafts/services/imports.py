"""Importing a document: as a new version, as a translation of an existing one, or through an
import draft that the secretariat corrects before saving it as a version."""

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.permissions import require
from portal.text_checks import has_control_characters
from portal.translated import column

from ..importer import document_date, document_symbol, import_bytes
from ..importer.preview import (
    apply_edits,
    document_extras,
    document_from_draft,
    plain_paragraphs,
    rows_from_document,
)
from ..models import ImportDraft, Provision, ProvisionKind, Version
from .checks import revision
from .provisions import EditConflict, insert_tree
from .versions import version_create


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
    insert_tree(provisions, [parsed.parent for parsed in document.provisions])
    with reversion.create_revision():
        revision(by, reason or _("Imported"))
        for provision in provisions:
            reversion.add_to_revision(provision)
    return version


@transaction.atomic
def translation_pairs(*, version, document):
    """Each provision of the version beside the translated one at its place, in order; refused
    (naming the first difference) when the translation's structure is not the version's."""
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
    return list(zip(existing, document.provisions, strict=True))


@transaction.atomic
def translation_import(*, version, by, document, language, base_revisions=None, reason="") -> Version:
    """Fill `language` in an editing version from a translated document of the same structure.
    `base_revisions` ({provision id: revision}) are those the drafter previewed: a provision
    saved since is a conflict, and nothing is written."""
    version = Version.objects.select_for_update().get(pk=version.pk)
    require(by, "drafts.edit_text", version)
    pairs = translation_pairs(version=version, document=document)
    for provision, parsed in pairs:
        if base_revisions is not None and base_revisions.get(provision.pk) != provision.revision:
            raise EditConflict(provision)
        if has_control_characters(parsed.text) or any(map(has_control_characters, parsed.footnotes)):
            raise ValidationError(
                _("The text of %(label)s holds control characters: remove them.") % {"label": provision.label},
                code="control_characters",
            )
    existing = []
    for provision, parsed in pairs:
        setattr(provision, column("text", language), parsed.text)
        setattr(provision, column("footnotes", language), list(parsed.footnotes))
        provision.revision += 1
        existing.append(provision)
    Provision.objects.bulk_update(existing, [column("text", language), column("footnotes", language), "revision"])
    if document.title and not version.value_in("title", language):
        setattr(version, column("title", language), document.title)
        version.save(update_fields=[column("title", language)])
    with reversion.create_revision():
        revision(by, reason or _("Translation imported (%(language)s)") % {"language": language})
        for provision in existing:
            reversion.add_to_revision(provision)
    return version


@transaction.atomic
def import_draft_create(*, instrument, by, data, filename, language, label, symbol="") -> ImportDraft:
    """Parse an upload into a preview the drafter corrects before saving (nothing else is written)."""
    require(by, "drafts.edit_text")
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
        rows=rows_from_document(document),
        warnings=[{"line": w.line, "message": w.message} for w in document.warnings],
        **document_extras(document),
    )


def _ensure_own_draft(draft, by):
    require(by, "drafts.edit_text")
    if draft.owner_id != by.pk:
        raise PermissionDenied(_("This import belongs to someone else."))


@transaction.atomic
def import_draft_plain(*, draft, by) -> ImportDraft:
    """Every row becomes a numbered paragraph, for a text that is no resolution or declaration."""
    _ensure_own_draft(draft, by)
    draft.rows = plain_paragraphs(draft.rows)
    draft.save(update_fields=["rows"])
    return draft


@transaction.atomic
def import_draft_update(*, draft, by, edits) -> ImportDraft:
    """Apply the preview's corrections, or refuse them all if a row cannot be stored as typed."""
    _ensure_own_draft(draft, by)
    _check_import_edits(draft.rows, edits)
    draft.rows = apply_edits(draft.rows, edits)
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
    _ensure_own_draft(draft, by)
    version = version_import(
        instrument=draft.instrument,
        by=by,
        document=document_from_draft(draft),
        language=draft.language,
        label=draft.label,
        symbol=draft.symbol,
        reason=_("Imported from %(file)s") % {"file": draft.filename},
    )
    draft.delete()
    return version
