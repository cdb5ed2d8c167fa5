"""Phases and activities of the plan, questionnaires, and rounds: the windows in which chosen
audiences give input on a published version or a questionnaire."""

__all__ = [
    "Phase",
    "ActivityKind",
    "Activity",
    "ActivityDocument",
    "Questionnaire",
    "Question",
    "RoundState",
    "Round",
]

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from drafts.models import Instrument, Version
from portal.translated import TranslatedFieldsMixin

# --- Phases and activities ------------------------------------------------------------------


class Phase(TranslatedFieldsMixin, models.Model):
    """A phase of the Independent Expert's plan (A/68/176, §13)."""

    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="phases", verbose_name=_("instrument")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["instrument", "number"]
        constraints = [models.UniqueConstraint(fields=["instrument", "number"], name="one_phase_number")]

    def __str__(self):
        return f"{self.number}. {self.name}"


class ActivityKind(models.TextChoices):
    QUESTIONNAIRE = "questionnaire", _("Questionnaire")
    DELEGATIONS = "delegations", _("Consultations with delegations")
    REGIONAL = "regional", _("Regional consultation")
    WORKSHOP = "workshop", _("Expert workshop")
    COUNTRY_VISIT = "country_visit", _("Country visit")
    ONLINE = "online", _("Online discussion")
    PRELIMINARY_TEXT = "preliminary_text", _("Circulation of a preliminary text")


class Activity(TranslatedFieldsMixin, models.Model):
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="activities", verbose_name=_("phase"))
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    regional_group = models.CharField(_("UN regional group"), max_length=20, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["phase", "starts_on", "pk"]

    def __str__(self):
        return self.title


class ActivityDocument(TranslatedFieldsMixin, models.Model):
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="documents", verbose_name=_("activity")
    )
    title = models.CharField(_("title"), max_length=300)
    symbol = models.CharField(_("document symbol"), max_length=60, blank=True)
    url = models.URLField(_("link"), blank=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.symbol or self.title


# --- Questionnaires -------------------------------------------------------------------------


class Questionnaire(TranslatedFieldsMixin, models.Model):
    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="questionnaires", verbose_name=_("instrument")
    )
    title = models.CharField(_("title"), max_length=300)
    introduction = models.TextField(_("introduction"), blank=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self):
        return self.title


class Question(TranslatedFieldsMixin, models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="questions", verbose_name=_("questionnaire")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    label = models.CharField(_("label"), max_length=10)
    text = models.TextField(_("question"))

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["questionnaire", "position"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "position"], name="one_question_position")]

    def __str__(self):
        return f"{self.label} {self.text[:60]}"


# --- Rounds ---------------------------------------------------------------------------------


class RoundState(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


def round_state_between(opens_at, closes_at, moment):
    """The state of a round open from `opens_at` to `closes_at`, at `moment`."""
    if moment < opens_at:
        return RoundState.UPCOMING
    if moment < closes_at:
        return RoundState.OPEN
    return RoundState.CLOSED


class Round(TranslatedFieldsMixin, models.Model):
    """A window in which chosen audiences give input on a published version or a questionnaire."""

    phase = models.ForeignKey(
        Phase, on_delete=models.PROTECT, null=True, blank=True, related_name="rounds", verbose_name=_("phase")
    )
    version = models.ForeignKey(
        Version, on_delete=models.PROTECT, null=True, blank=True, related_name="rounds", verbose_name=_("version")
    )
    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rounds",
        verbose_name=_("questionnaire"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    # Audiences: organization kinds (OrganizationKind values) and/or independent experts.
    audience_kinds = models.JSONField(_("organization kinds invited"), default=list, blank=True)
    audience_experts = models.BooleanField(_("independent experts invited"), default=False)
    allows_paragraph_comments = models.BooleanField(_("comments on provisions"), default=True)
    allows_amendments = models.BooleanField(_("proposed amendments"), default=True)
    allows_general_comments = models.BooleanField(_("general comments"), default=True)
    allows_submissions = models.BooleanField(_("written submissions"), default=True)
    # Moderation policy per audience: contributions from these are held for review first;
    # everyone else's are published at once and moderated afterwards.
    premoderated_kinds = models.JSONField(_("pre-moderated organization kinds"), default=list, blank=True)
    premoderate_experts = models.BooleanField(_("pre-moderate independent experts"), default=False)

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__lt=models.F("closes_at")), name="round_opens_before_it_closes"
            ),
            models.CheckConstraint(
                condition=Q(version__isnull=False) | Q(questionnaire__isnull=False), name="round_has_a_subject"
            ),
        ]
        indexes = [models.Index(fields=["opens_at", "closes_at"])]

    def __str__(self):
        return self.title

    def state_at(self, moment):
        return round_state_between(self.opens_at, self.closes_at, moment)

    @property
    def state(self):
        return self.state_at(timezone.now())

    def state_changes_at(self, moment):
        """When the state it has at `moment` ends by time alone (None once closed)."""
        return next((edge for edge in (self.opens_at, self.closes_at) if moment < edge), None)

    @property
    def state_label(self):
        return RoundState(self.state).label

    def invites(self, organization_kind=None, expert=False):
        return self.audience_experts if expert else organization_kind in self.audience_kinds

    def premoderates(self, organization_kind=None, expert=False):
        return self.premoderate_experts if expert else organization_kind in self.premoderated_kinds
