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

    # The portal's outbox (portal/outbox.py) asks each app through these two hooks.

    def email_context(self, data, *, site_url):
        """What a notification email shows, from the ids it was queued with."""
        from .selectors import notification_email_context

        return notification_email_context(data=data, site_url=site_url)

    def queue_due_emails(self):
        """The periodic announcements: new versions, rounds opening or closing within 48 hours."""
        from .services import notifications_announce_new_versions, notifications_announce_round_deadlines

        return notifications_announce_new_versions() + notifications_announce_round_deadlines()
