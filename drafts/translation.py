from modeltranslation.translator import TranslationOptions, register

from .models import Instrument, Provision, Version


@register(Instrument)
class InstrumentTranslationOptions(TranslationOptions):
    fields = ("title", "description", "mandate")


@register(Version)
class VersionTranslationOptions(TranslationOptions):
    fields = ("label", "title", "changelog")


@register(Provision)
class ProvisionTranslationOptions(TranslationOptions):
    fields = ("heading", "text", "footnotes")
    fallback_languages = {"default": ()}  # a missing translation stays missing
