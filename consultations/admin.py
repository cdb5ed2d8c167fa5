from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline
from reversion.admin import VersionAdmin as ReversionAdmin

from .models import Activity, ActivityDocument, Comment, Phase, Question, Questionnaire, QuestionnaireResponse, Round, Submission


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


@admin.register(Activity)
class ActivityAdmin(TranslationAdmin):
    list_display = ["title", "kind", "phase", "starts_on"]
    list_filter = ["kind", "phase__instrument"]
    inlines = [ActivityDocumentInline]


@admin.register(Round)
class RoundAdmin(ReversionAdmin, TranslationAdmin):
    list_display = ["title", "version", "questionnaire", "opens_at", "closes_at", "state_label"]
    list_filter = ["phase__instrument"]
    raw_id_fields = ["version"]

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


class ContributionAdmin(ReversionAdmin):
    """Contributions are changed by their authors and by moderation, through the services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(ContributionAdmin):
    list_display = ["pk", "kind", "organization", "provision", "position", "language", "state", "created_at"]
    list_filter = ["state", "kind", "position", "language", "confidentiality", "round", "organization__kind", "organization__regional_group"]
    search_fields = ["text", "organization__name", "author__email"]
    list_select_related = ["organization", "provision"]


@admin.register(Submission)
class SubmissionAdmin(ContributionAdmin):
    list_display = ["pk", "organization", "round", "state", "created_at"]
    list_filter = ["state", "round"]


@admin.register(QuestionnaireResponse)
class QuestionnaireResponseAdmin(ContributionAdmin):
    list_display = ["questionnaire", "organization", "respondent", "status", "submitted_at"]
    list_filter = ["status", "questionnaire"]
