from modeltranslation.translator import TranslationOptions, register

from .models import Activity, ActivityDocument, ModerationReason, Phase, Question, Questionnaire, Round


@register(Phase)
class PhaseTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Activity)
class ActivityTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(ActivityDocument)
class ActivityDocumentTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Questionnaire)
class QuestionnaireTranslationOptions(TranslationOptions):
    fields = ("title", "introduction")


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("text",)
    fallback_languages = {"default": ()}  # a question not yet translated is shown as missing


@register(Round)
class RoundTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(ModerationReason)
class ModerationReasonTranslationOptions(TranslationOptions):
    fields = ("label",)
