"""Texts: an instrument, its versions, and their provisions in six languages."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from portal.translated import TranslatedFieldsMixin


class FrozenVersionError(Exception):
    """A write reached a published or superseded version, or one of its provisions.

    The services refuse first, with a message a person can act on (drafts.edit_text). The
    guards here stop every other path in Python: save() and save_base() (reversion's revert,
    deserialization; the pre_save receivers at the end of this module), queryset update(),
    delete() and bulk_create(), and the collector's cascades (pre_delete). On PostgreSQL a
    trigger refuses the same below Python, raw SQL included (migration 0005)."""


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


def refuse_if_frozen(versions):
    if versions.filter(status__in=FROZEN_STATUSES).exists():
        raise FrozenVersionError("A published version and its provisions cannot be changed.")


class VersionQuerySet(models.QuerySet):
    def public(self):
        """Versions anyone may read: published ones and those they replaced."""
        return self.filter(status__in=FROZEN_STATUSES)

    def update(self, **kwargs):
        # The one change a frozen version takes: superseded when the next one is published.
        if kwargs != {"status": VersionStatus.SUPERSEDED}:
            refuse_if_frozen(self)
        return super().update(**kwargs)

    def delete(self):
        refuse_if_frozen(self)
        return super().delete()


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
    def update(self, **kwargs):
        refuse_if_frozen(Version.objects.filter(provisions__in=self.values("pk")))
        target = kwargs.get("version", kwargs.get("version_id"))
        if target is not None:
            refuse_if_frozen(Version.objects.filter(pk=getattr(target, "pk", target)))
        return super().update(**kwargs)

    def delete(self):
        refuse_if_frozen(Version.objects.filter(provisions__in=self.values("pk")))
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        refuse_if_frozen(Version.objects.filter(pk__in={obj.version_id for obj in objs}))
        return super().bulk_create(objs, *args, **kwargs)


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
    )  # [{"id", "kind", "label", "text", "parent", "footnotes", "number", "line", "last_line"}]
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


# --- The frozen guard on single objects (see FrozenVersionError) -----------------------------


@receiver(pre_save, sender=Version)
def refuse_changing_a_frozen_version(sender, instance, update_fields=None, **kwargs):
    if instance.pk is None:
        return
    stored = Version.objects.filter(pk=instance.pk, status__in=FROZEN_STATUSES).first()
    if stored is None:
        return
    names = update_fields or [field.attname for field in Version._meta.concrete_fields]
    changed = {name for name in names if getattr(stored, name) != getattr(instance, name)}
    superseding = changed == {"status"} and instance.status == VersionStatus.SUPERSEDED
    if changed and not superseding:
        raise FrozenVersionError(f"Version {stored.number} is {stored.status}: {sorted(changed)} cannot change.")


@receiver(pre_delete, sender=Version)
def refuse_deleting_a_frozen_version(sender, instance, **kwargs):
    refuse_if_frozen(Version.objects.filter(pk=instance.pk))


@receiver(pre_save, sender=Provision)
def refuse_changing_a_frozen_provision(sender, instance, **kwargs):
    # Into a frozen version, or out of one (its stored version).
    refuse_if_frozen(Version.objects.filter(Q(pk=instance.version_id) | Q(provisions__pk=instance.pk or 0)))


@receiver(pre_delete, sender=Provision)
def refuse_deleting_a_frozen_provision(sender, instance, **kwargs):
    refuse_if_frozen(Version.objects.filter(provisions__pk=instance.pk))


# --- The adoption of a published version (issue 21) ------------------------------------------


class AdoptingBody(models.TextChoices):
    HUMAN_RIGHTS_COUNCIL = "hrc", _("Human Rights Council")
    GENERAL_ASSEMBLY = "ga", _("General Assembly")
    THIRD_COMMITTEE = "third_committee", _("Third Committee")


class AdoptionMethod(models.TextChoices):
    WITHOUT_VOTE = "without_vote", _("Adopted without a vote")
    CONSENSUS = "consensus", _("Adopted by consensus")
    RECORDED_VOTE = "recorded_vote", _("Adopted by a recorded vote")


class Vote(models.TextChoices):
    IN_FAVOUR = "in_favour", _("In favour")
    AGAINST = "against", _("Against")
    ABSTAINING = "abstaining", _("Abstaining")
    ABSENT = "absent", _("Absent or non-voting")


class Adoption(models.Model):
    """How an intergovernmental body adopted a published version: the last step of a text's life.

    Entered from the importer's adoption block or by hand, matched to the directory of States
    and confirmed by the secretariat (drafts/services/adoptions.py); kept with its history."""

    version = models.OneToOneField(
        Version, on_delete=models.PROTECT, related_name="adoption_record", verbose_name=_("version adopted")
    )
    body = models.CharField(_("adopting body"), max_length=20, choices=AdoptingBody.choices)
    session = models.PositiveSmallIntegerField(_("session"), null=True, blank=True, help_text=_("Its number: 53."))
    meeting = models.CharField(_("meeting"), max_length=100, blank=True)
    date = models.DateField(_("date of adoption"))
    symbol = models.CharField(
        _("resolution or decision symbol"), max_length=60, blank=True, help_text=_("For example A/HRC/RES/53/5.")
    )
    method = models.CharField(_("method of adoption"), max_length=20, choices=AdoptionMethod.choices)
    in_favour = models.PositiveSmallIntegerField(_("votes in favour"), null=True, blank=True)
    against = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    abstaining = models.PositiveSmallIntegerField(_("abstentions"), null=True, blank=True)
    block = models.TextField(_("adoption block as printed"), blank=True)
    # [{"address": "https://…", "state": State id or None, "printed_as": name as typed, "label": …}]
    explanations = models.JSONField(_("explanations of vote"), default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["date", "pk"]

    def __str__(self):
        return self.symbol or str(self.version)

    @property
    def absent(self) -> int | None:
        """How many States the record lists as absent or non-voting (the block's first sentence
        never counts them); None when it lists none."""
        return sum(1 for role in self.roles.all() if role.role == Vote.ABSENT) or None

    def count(self, vote):
        return getattr(self, vote, None)


class StateRole(models.Model):
    """A State's part in an adoption: its vote, or its sponsorship, with its name as printed."""

    class Role(models.TextChoices):
        IN_FAVOUR = Vote.IN_FAVOUR.value, Vote.IN_FAVOUR.label
        AGAINST = Vote.AGAINST.value, Vote.AGAINST.label
        ABSTAINING = Vote.ABSTAINING.value, Vote.ABSTAINING.label
        ABSENT = Vote.ABSENT.value, Vote.ABSENT.label
        MAIN_SPONSOR = "main_sponsor", _("Main sponsor")
        CO_SPONSOR = "co_sponsor", _("Co-sponsor")

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="roles", verbose_name=_("adoption"))
    state = models.ForeignKey(
        "portal.Organization", on_delete=models.PROTECT, related_name="adoption_roles", verbose_name=_("State")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    printed_as = models.CharField(_("name as printed"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("State's vote or sponsorship")
        verbose_name_plural = _("States' votes and sponsorships")
        constraints = [models.UniqueConstraint(fields=["adoption", "state", "role"], name="one_role_per_state")]
        indexes = [models.Index(fields=["state", "role"])]

    def __str__(self):
        return f"{self.state} — {self.get_role_display()}"

    @property
    def is_vote(self):
        return self.role in Vote.values
