from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline
from reversion.admin import VersionAdmin as ReversionAdmin

from drafts.citations import cite, cited_with
from portal.admin import ReadOnlyAdmin, ReadOnlyMixin, ServiceAdminMixin, refusal_text
from portal.service_errors import REFUSALS

from . import services
from .models import (
    Activity,
    ActivityDocument,
    Comment,
    Flag,
    ModerationAction,
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


@admin.register(Activity)
class ActivityAdmin(TranslationAdmin):
    list_display = ["title", "kind", "phase", "starts_on"]
    list_filter = ["kind", "phase__instrument"]
    inlines = [ActivityDocumentInline]


@admin.register(Round)
class RoundAdmin(ServiceAdminMixin, ReversionAdmin, TranslationAdmin):
    list_display = ["title", "version", "questionnaire", "opens_at", "closes_at", "state_label"]
    list_filter = ["phase__instrument"]
    raw_id_fields = ["version"]

    def save_model(self, request, obj, form, change):
        services.round_save(round=obj, by=request.user)

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


class ContributionAdmin(ReadOnlyMixin, ReversionAdmin):
    """Contributions are changed by their authors and by moderation, through the services."""

    def has_moderate_permission(self, request):
        return request.user.has_perm("consultations.moderate")


def _moderation_action(action, description):
    def apply(modeladmin, request, queryset):
        try:
            decided = services.moderation_decide_many(
                items=queryset, by=request.user, action=action, reason_text=str(_("Decided from the administration"))
            )
        except REFUSALS as error:
            modeladmin.message_user(request, refusal_text(error), messages.ERROR)
        else:
            modeladmin.message_user(request, _("%(n)s decisions recorded.") % {"n": len(decided)}, messages.SUCCESS)

    apply.__name__ = f"moderate_{action}"
    apply.short_description = description
    apply.allowed_permissions = ("moderate",)
    return apply


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
    actions = [
        _moderation_action(ModerationAction.PUBLISH, _("Publish the selected items")),
        _moderation_action(ModerationAction.REJECT, _("Reject the selected items")),
        _moderation_action(ModerationAction.SPAM, _("Mark the selected items as spam")),
    ]


@admin.register(Submission)
class SubmissionAdmin(ContributionAdmin):
    list_display = [number, "organization", "round", "state", "created_at"]
    list_filter = ["state", "round"]


@admin.register(QuestionnaireResponse)
class QuestionnaireResponseAdmin(ContributionAdmin):
    list_display = ["questionnaire", "organization", "respondent", "status", "submitted_at"]
    list_filter = ["status", "questionnaire"]


@admin.register(ModerationReason)
class ModerationReasonAdmin(TranslationAdmin):
    list_display = ["label", "active", "position"]


@admin.register(ModerationDecision)
class ModerationDecisionAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "moderator", "action", "from_state", "to_state", "reason", "comment", "submission"]
    list_filter = ["action", "moderator"]


@admin.register(Flag)
class FlagAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "comment", "reporter", "kind", "resolved_at"]
    list_filter = ["kind"]
