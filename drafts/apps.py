from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftsConfig(AppConfig):
    name = "drafts"
    verbose_name = _("Texts")

    def ready(self):
        # Registered here, not with @reversion.register in models.py: by now modeltranslation
        # has added the text_ar, text_fr, ... columns, so every revision stores all six
        # languages (registering in models.py would record only the active one). The admin
        # (drafts/admin.py, loaded first) registers them the same way: never following a
        # version's provisions, so reverting a version can never delete them.
        import reversion

        from .models import Adoption, Instrument, Provision, StateRole, Version

        for model in (Instrument, Version, Provision):
            if not reversion.is_registered(model):
                reversion.register(model)
        if not reversion.is_registered(Adoption):
            reversion.register(StateRole)
            reversion.register(Adoption, follow=("roles",))
