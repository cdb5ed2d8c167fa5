"""Texts: an instrument, its versions, and their provisions in six languages."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.translated import TranslatedFieldsMixin


class FrozenVersionError(Exception):
    """A write reached a provision of a published or superseded version."""


class Instrument(TranslatedFieldsMixin, models.Model):
    """The text being drafted, e.g. the draft declaration on the right to international solidarity."""

    slug = models.SlugField(_("slug"), unique=True, max_length=100)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    mandate = models.TextField(_("mandate"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["slug"]

    def __str__(self):
        return self.title or self.slug


class VersionStatus(models.TextChoices):
    EDITING = "editing", _("Editing")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


FROZEN_STATUSES = (VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED)


class VersionQuerySet(models.QuerySet):
    def public(self):
        """Versions anyone may read: published ones and those they replaced."""
        return self.filter(status__in=FROZEN_STATUSES)


class Version(TranslatedFieldsMixin, models.Model):
    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="versions", verbose_name=_("instrument")
    )
    number = models.PositiveIntegerField(_("number"))
    label = models.CharField(_("label"), max_length=200, help_text=_("For example “Preliminary text”."))
    title = models.CharField(_("title of the text"), max_length=500, blank=True)
    symbol = models.CharField(_("document symbol"), max_length=60, blank=True, help_text=_("For example A/HRC/35/35."))
    original_language = models.CharField(_("original language"), max_length=10, choices=settings.LANGUAGES)
    date = models.DateField(_("date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.EDITING)
    changelog = models.TextField(_("changes from the previous version"), blank=True)
    # As the imported document printed them: symbol, distribution, date, original language,
    # session, agenda item … (drafts/importer/front_matter.py), and its adoption block
    # (meeting, date, method, counts, States by vote; drafts/importer/adoption.py).
    metadata = models.JSONField(_("front matter of the document"), default=dict, blank=True)
    adoption = models.JSONField(_("adoption block"), default=dict, blank=True)
    based_on = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="successors", verbose_name=_("based on")
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = VersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["instrument", "number"]
        constraints = [models.UniqueConstraint(fields=["instrument", "number"], name="one_version_number")]
        indexes = [models.Index(fields=["instrument", "status"])]

    def __str__(self):
        return f"{self.instrument} — {self.label or self.number}"

    @property
    def is_frozen(self):
        return self.status in FROZEN_STATUSES


class ProvisionKind(models.TextChoices):
    PREAMBLE = "preamble", _("Preambular paragraph")
    OPERATIVE = "operative", _("Operative paragraph")
    ARTICLE = "article", _("Article")
    PARAGRAPH = "paragraph", _("Paragraph")
    SUBPARAGRAPH = "subparagraph", _("Sub-paragraph")
    HEADING = "heading", _("Heading")


def new_provision_key():
    """A stable identity for "the same paragraph" in every version; never derived from the label."""
    return "p" + secrets.token_hex(6)


class ProvisionQuerySet(models.QuerySet):
    """Refuses bulk writes that would reach a frozen version (the admin and scripts use these)."""

    def _refuse_if_frozen(self):
        if self.filter(version__status__in=FROZEN_STATUSES).exists():
            raise FrozenVersionError("Provisions of a published version cannot be changed.")

    def update(self, **kwargs):
        self._refuse_if_frozen()
        return super().update(**kwargs)

    def delete(self):
        self._refuse_if_frozen()
        return super().delete()


class Provision(TranslatedFieldsMixin, models.Model):
    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="provisions", verbose_name=_("version"))
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    position = models.PositiveIntegerField(_("position"), help_text=_("Order in the document."))
    kind = models.CharField(_("kind"), max_length=20, choices=ProvisionKind.choices)
    label = models.CharField(_("label"), max_length=40, help_text=_("For example PP3, 7bis, Article 2, (a)."))
    key = models.CharField(_("stable key"), max_length=40, default=new_provision_key, editable=False)
    heading = models.CharField(_("heading"), max_length=500, blank=True)
    text = models.TextField(_("text"), blank=True)
    footnotes = models.JSONField(_("footnotes"), default=list, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProvisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="one_key_per_version"),
            models.UniqueConstraint(fields=["version", "parent", "label"], name="unique_label_under_parent"),
            models.UniqueConstraint(
                fields=["version", "label"], condition=models.Q(parent=None), name="unique_top_level_label"
            ),
        ]
        indexes = [models.Index(fields=["version", "position"]), models.Index(fields=["key"])]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        # The last line of defence for "a published version is frozen": services refuse first,
        # with a message; this stops any path that forgot to ask (admin, shell, restore).
        if self.version_id and Version.objects.filter(pk=self.version_id, status__in=FROZEN_STATUSES).exists():
            raise FrozenVersionError("Provisions of a published version cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if Version.objects.filter(pk=self.version_id, status__in=FROZEN_STATUSES).exists():
            raise FrozenVersionError("Provisions of a published version cannot be deleted.")
        return super().delete(*args, **kwargs)

    @property
    def anchor(self):
        return self.key


class ImportDraft(models.Model):
    """A parsed document waiting for a drafter's corrections before it becomes a version.

    A working copy, not a record: it is deleted once saved as a version (the version and its
    revision keep everything), so `rows` may be rewritten freely while it exists."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="+", verbose_name=_("instrument"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("owner")
    )
    filename = models.CharField(_("filename"), max_length=255)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    label = models.CharField(_("label"), max_length=200)
    symbol = models.CharField(_("symbol"), max_length=60, blank=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    rows = models.JSONField(
        _("rows"), default=list
    )  # [{"id", "kind", "label", "text", "parent", "footnotes", "number"}]
    warnings = models.JSONField(_("warnings"), default=list)
    metadata = models.JSONField(_("metadata"), default=dict)  # ParsedDocument.metadata
    adoption = models.JSONField(_("adoption"), default=dict)  # ParsedDocument.adoption
    doubts = models.JSONField(_("doubts"), default=list)  # why it does not read like a resolution or declaration
    set_aside = models.JSONField(_("set aside"), default=list)  # [{"line", "text", "reason"}]
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document being imported")
        verbose_name_plural = _("documents being imported")

    def __str__(self):
        return self.filename
