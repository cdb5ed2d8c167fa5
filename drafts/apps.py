from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftsConfig(AppConfig):
    name = "drafts"
    verbose_name = _("Texts")

    def ready(self):
        # Registered here, not with @reversion.register in models.py: by now modeltranslation
        # has added the text_ar, text_fr, ... columns, so every revision stores all six
        # languages (registering in models.py would record only the active one).
        import reversion

        from .models import Instrument, Provision, Version

        for model in (Instrument, Version, Provision):
            if not reversion.is_registered(model):
                reversion.register(model)
