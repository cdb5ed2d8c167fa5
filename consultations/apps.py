from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        # As in drafts: registered after modeltranslation has added its columns.
        import reversion

        from .models import Comment, Phase, QuestionnaireResponse, Round, Submission

        for model in (Comment, Submission, QuestionnaireResponse, Round, Phase):
            if not reversion.is_registered(model):
                reversion.register(model)
