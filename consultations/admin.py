"""The secretariat's back-office records (phases and their activities, questionnaires,
moderation reasons), which no page writes, are kept here. Rounds, contributions, moderation
decisions and reports are only read here: the round form, the moderation queue and the
console write them through the services, and each change page links there."""

from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline
from reversion.admin import VersionAdmin as ReversionAdmin

from drafts.citations import cite, cited_with
from portal.admin import ReadOnlyMixin

from .models import (
    Activity,
    ActivityDocument,
    Comment,
    Flag,
    ModerationDecision,
    ModerationReason,
    Phase,
    Question,
    Questionnaire,
    QuestionnaireResponse,
    Round,
    Submission,
)


class ActivityInline(TranslationStackedInline):
    model = Activity
    extra = 0


@admin.register(Phase)
class PhaseAdmin(ReversionAdmin, TranslationAdmin):
    list_display = ["number", "name", "instrument", "starts_on", "ends_on"]
    list_filter = ["instrument"]
    inlines = [ActivityInline]


class ActivityDocumentInline(TranslationTabularInline):
    model = ActivityDocument
    extra = 0
    # A link typed without its scheme is a UN page: https, as Django 6 will assume.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Activity)
class ActivityAdmin(TranslationAdmin):
    list_display = ["title", "kind", "phase", "starts_on"]
    list_filter = ["kind", "phase__instrument"]
    inlines = [ActivityDocumentInline]


@admin.register(Round)
class RoundAdmin(ReadOnlyMixin, ReversionAdmin, TranslationAdmin):
    list_display = ["title", "version", "questionnaire", "opens_at", "closes_at", "state_label"]
    list_filter = ["phase__instrument"]

    def staff_page(self, round):
        return reverse("consultations:round_edit", args=[round.pk]), gettext("the round's form")

    @admin.display(description=_("state"))
    def state_label(self, round):
        return round.state_label


class QuestionInline(TranslationTabularInline):
    model = Question
    extra = 0


@admin.register(Questionnaire)
class QuestionnaireAdmin(TranslationAdmin):
    list_display = ["title", "instrument"]
    inlines = [QuestionInline]


class Moderated(ReadOnlyMixin):
    """Moderation decides on the moderation queue's pages, through the services."""

    def staff_page(self, obj):
        return reverse("consultations:moderation_queue"), gettext("the moderation queue")


class ContributionAdmin(Moderated, ReversionAdmin):
    """Contributions are changed by their authors and by moderation, through the services."""


@admin.display(description=_("number"), ordering="pk")
def number(item):
    return item.pk


@admin.display(description=_("provision"), ordering="provision__position")
def cited_provision(comment):
    return cite(comment.provision) if comment.provision_id else "—"


@admin.register(Comment)
class CommentAdmin(ContributionAdmin):
    list_display = [number, "kind", "organization", cited_provision, "position", "language", "state", "created_at"]
    list_filter = [
        "state",
        "kind",
        "position",
        "language",
        "confidentiality",
        "round",
        "organization__kind",
        "organization__regional_group",
    ]
    search_fields = ["text", "organization__name", "author__email"]
    list_select_related = ["organization", *cited_with("provision__")]


@admin.register(Submission)
class SubmissionAdmin(ContributionAdmin):
    list_display = [number, "organization", "round", "state", "created_at"]
    list_filter = ["state", "round"]


@admin.register(QuestionnaireResponse)
class QuestionnaireResponseAdmin(ReadOnlyMixin, ReversionAdmin):
    """Replies are written by their respondents on the questionnaire's page."""

    list_display = ["questionnaire", "organization", "respondent", "status", "submitted_at"]
    list_filter = ["status", "questionnaire"]


@admin.register(ModerationReason)
class ModerationReasonAdmin(TranslationAdmin):
    list_display = ["label", "active", "position"]


@admin.register(ModerationDecision)
class ModerationDecisionAdmin(Moderated, admin.ModelAdmin):
    list_display = ["created_at", "moderator", "action", "from_state", "to_state", "reason", "comment", "submission"]
    list_filter = ["action", "moderator"]


@admin.register(Flag)
class FlagAdmin(Moderated, admin.ModelAdmin):
    list_display = ["created_at", "comment", "reporter", "kind", "resolved_at"]
    list_filter = ["kind"]
