"""Instruments and their versions: creating, publishing (which freezes a version and supersedes
the previous one), and a new version copied from an earlier one, keys kept."""

import hashlib

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from portal.permissions import require
from portal.translated import column

from ..models import Instrument, Provision, Version, VersionStatus
from .checks import revision
from .provisions import CONTENT_FIELDS, insert_tree, last_editor


@transaction.atomic
def instrument_create(*, by, slug, title, language="en", description="", reason="") -> Instrument:
    require(by, "drafts.edit_text")
    with reversion.create_revision():
        revision(by, reason or _("Instrument created"))
        if not (title or "").strip():
            raise ValidationError({"title": _("An instrument needs a title.")})
        instrument = Instrument(
            slug=slug, **{column("title", language): title, column("description", language): description}
        )
        # The title may exist in one language only: the check above replaces the English one.
        instrument.full_clean(exclude=["title"])
        instrument.save()
    return instrument


INSTRUMENT_FIELDS = ("slug",) + tuple(
    column(field, language) for field in ("title", "description", "mandate") for language in settings.LANGUAGE_CODES
)
VERSION_FIELDS = ("symbol", "date", "original_language", "metadata", "adoption") + tuple(
    column(field, language) for field in ("label", "title", "changelog") for language in settings.LANGUAGE_CODES
)


def _fields_update(obj, by, changes, allowed, reason):
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.full_clean()
    with reversion.create_revision():
        revision(by, reason)
        obj.save(update_fields=list(changes))
    return obj


@transaction.atomic
def instrument_update(*, instrument, by, reason="", **changes) -> Instrument:
    """Change an instrument's slug, title, description or mandate (any language)."""
    require(by, "drafts.edit_text")
    instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
    return _fields_update(instrument, by, changes, INSTRUMENT_FIELDS, reason or _("Instrument edited"))


# What describes a version in editing, edited on its particulars page (drafts/views/workspace.py).
PARTICULARS = ("symbol", "date") + tuple(
    column(field, language) for field in ("label", "title", "changelog") for language in settings.LANGUAGE_CODES
)


def particulars_stamp(version) -> str:
    """A digest of the version's particulars as an editor loaded them: if it no longer matches
    when they save, someone saved in between."""
    values = "\x1f".join(str(getattr(version, name) or "") for name in PARTICULARS)
    return hashlib.sha256(values.encode()).hexdigest()[:20]


class ParticularsConflict(ValidationError):
    """Someone saved the version's particulars after the editor loaded them; `current` is theirs."""

    def __init__(self, current):
        self.current = current
        super().__init__(
            _(
                "%(name)s changed this version's particulars while you were editing them. Nothing was "
                "saved: what they saved is shown under each field where it differs from yours; save again to keep yours."
            )
            % {"name": last_editor(current) or _("Someone")},
            code="conflict",
        )


@transaction.atomic
def version_update(*, version, by, base=None, reason="", **changes) -> Version:
    """Change what describes a version in editing: its label, title and changelog in any
    language, its symbol and date. `base` is particulars_stamp() of what the editor started
    from: if someone saved in between, nothing is written and ParticularsConflict carries theirs."""
    version = Version.objects.select_for_update().get(pk=version.pk)
    require(by, "drafts.edit_text", version)
    if base is not None and base != particulars_stamp(version):
        raise ParticularsConflict(version)
    changes = {name: value.strip() if isinstance(value, str) else value for name, value in changes.items()}
    _check_particulars(version, changes)
    return _fields_update(version, by, changes, PARTICULARS, reason or _("Version edited"))


def _check_particulars(version, changes):
    """What full_clean cannot say: a label and a title in the original language, labels and a
    symbol no other version has, a date that has come. Every mistake at once, by field."""
    errors = {}

    def value(name):
        return changes[name] if name in changes else getattr(version, name)

    original = version.original_language
    language = get_language_info(original)["name_translated"]
    if not value(column("label", original)):
        errors[column("label", original)] = _("A version needs a label in its original language (%(language)s).") % {
            "language": language
        }
    if not value(column("title", original)):
        errors[column("title", original)] = _(
            "A version needs the title of its text in its original language (%(language)s)."
        ) % {"language": language}
    for code in settings.LANGUAGE_CODES:
        name = column("label", code)
        if changes.get(name):
            try:
                _refuse_taken_label(version.instrument, changes[name], code, exclude=version.pk, field=name)
            except ValidationError as error:
                errors.update(error.message_dict)
    symbol = changes.get("symbol")
    if symbol:
        other = (
            Version.objects.filter(symbol__iexact=symbol).exclude(pk=version.pk).select_related("instrument").first()
        )
        if other is not None:
            errors["symbol"] = _("The symbol %(symbol)s is already that of version %(number)s of “%(title)s”.") % {
                "symbol": symbol,
                "number": other.number,
                "title": other.instrument,
            }
    if changes.get("date") and changes["date"] > timezone.localdate():
        errors["date"] = _("The date is the one printed on the document: it cannot be later than today.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def version_create(
    *, instrument, by, label, original_language, symbol="", date=None, title="", reason="", metadata=None, adoption=None
) -> Version:
    require(by, "drafts.edit_text")
    _refuse_taken_label(instrument, label, original_language)
    number = (instrument.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    with reversion.create_revision():
        revision(by, reason or _("Version created"))
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


def missing_languages(version):
    """The languages in which some provision of the version has no text yet."""
    from ..selectors import translation_status

    return [code for code, (done, total) in translation_status(version).items() if done < total]


def _refuse_taken_label(instrument, label, language, exclude=None, field="label"):
    taken = instrument.versions.filter(**{column("label", language): label.strip()}).exclude(pk=exclude)
    if label.strip() and taken.exists():
        raise ValidationError(
            {
                field: _("Another version of this instrument is already labelled “%(label)s”: choose another label.")
                % {"label": label.strip()}
            },
            code="label_taken",
        )


@transaction.atomic
def version_publish(
    *, version, by, label=None, changelog=None, language=None, untranslated_ok=False, reason=""
) -> Version:
    """Freeze the version and supersede the published one. `label` and `changelog`, when given,
    are written first in `language` (the original by default); with `untranslated_ok=False` a
    version missing a language is refused, naming the languages."""
    version = Version.objects.select_for_update().get(pk=version.pk)
    require(by, "drafts.publish_version", version)
    if not version.provisions.exists():
        raise ValidationError(
            _("An empty version cannot be published: add or import its provisions first."), code="empty"
        )
    missing = missing_languages(version)
    if missing and not untranslated_ok:
        raise ValidationError(
            _("The text is not yet complete in: %(languages)s. Confirm that it is published without them.")
            % {"languages": ", ".join(str(get_language_info(code)["name_translated"]) for code in missing)},
            code="untranslated",
        )
    language = language or version.original_language
    described = {}
    if label is not None:
        if not label.strip():
            raise ValidationError({"label": _("A published version needs a label.")}, code="label")
        _refuse_taken_label(version.instrument, label, language, exclude=version.pk)
        described[column("label", language)] = label.strip()
    if changelog is not None:
        described[column("changelog", language)] = changelog.strip()
    if described:
        _fields_update(version, by, described, VERSION_FIELDS, reason or _("Version edited"))
    previous = list(version.instrument.versions.filter(status=VersionStatus.PUBLISHED).exclude(pk=version.pk))
    with reversion.create_revision():
        revision(by, reason or _("Published"))
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
    require(by, "drafts.read_version", version)
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
    insert_tree(copies, [index_of.get(original.parent_id) for original in originals])
    with reversion.create_revision():
        revision(by, reason or _("Copied from version %(number)s") % {"number": version.number})
        for copy in copies:
            reversion.add_to_revision(copy)
    return new
