"""Demo texts for `manage.py loaddemo`: the real UN documents in shared/data, imported with the
project's own importer. Nothing here invents wording: the second version of the resolution only
corrects the OCR errors of the first (I’homme → l’homme…), which restores the adopted text."""

import re
from pathlib import Path

from django.conf import settings
from django.db import transaction

from . import services
from .importer import import_bytes
from .models import Instrument

RESOLUTION = "hrc53-international-cooperation"
REPORT = "ie-report-2013"
DECISION = "hrc-dec-16-118"
# A real recorded vote, exactly as published (drafts/demo_documents/README.md gives the source).
DECISION_FILE = Path(__file__).resolve().parent / "demo_documents" / "hrc-dec-16-118.en.txt"

# OCR misreadings in the French sample and what the printed text says.
OCR_CORRECTIONS = [
    (re.compile(r"\| 'homme"), "l’homme"),
    (re.compile(r"\bI’ ?(?=\w)"), "l’"),
    (re.compile(r"\bl’l?h?n?omme"), "l’homme"),
    (re.compile(r"\bceuvre"), "œuvre"),
    (re.compile(r"(?<=\w)i[ée]me\b"), "ième"),
    (re.compile(r"\bgenérale"), "générale"),
    (re.compile(r"\bcompléte\b"), "complète"),
    (re.compile(r"\baolt\b"), "août"),
    (re.compile(r"\bintérét"), "intérêt"),
]


def corrected(text):
    for pattern, replacement in OCR_CORRECTIONS:
        text = pattern.sub(replacement, text)
    return text


def _read(name):
    return (Path(settings.SHARED_DATA_DIR) / name).read_bytes()


@transaction.atomic
def texts_load(*, by):
    """Create the demo instruments once; later runs find them and change nothing."""
    if not Instrument.objects.filter(slug=RESOLUTION).exists():
        _load_resolution(by)
    if not Instrument.objects.filter(slug=REPORT).exists():
        _load_report(by)


@transaction.atomic
def adoption_load(*, by, secretariat):
    """Decision 16/118 of the Human Rights Council as a text, and its adoption recorded from its
    own adoption block (its States matched to the directory, which must be loaded)."""
    if Instrument.objects.filter(slug=DECISION).exists():
        return
    document = import_bytes(DECISION_FILE.read_bytes(), "decision.txt", "en")
    instrument = services.instrument_create(by=by, slug=DECISION, title=document.title)
    version = services.version_import(
        instrument=instrument,
        by=by,
        document=document,
        language="en",
        label="Decision 16/118",
        symbol="A/HRC/DEC/16/118",
        reason="Demo: https://right-docs.org/doc/a-hrc-dec-16-118",
    )
    version = services.version_publish(version=version, by=by, untranslated_ok=True)
    services.adoption_record(
        by=secretariat,
        version=version,
        block=document.adoption["text"],
        body="hrc",
        session=16,
        reason="Demo: the adoption block as published (https://right-docs.org/doc/a-hrc-dec-16-118)",
    )


def _load_resolution(by):
    document = import_bytes(_read("hrc53-draft-resolution-international-cooperation.fr.txt"), "resolution.txt", "fr")
    instrument = services.instrument_create(
        by=by,
        slug=RESOLUTION,
        language="fr",
        title=document.title,
        description="Projet de résolution du Conseil des droits de l’homme (53e session), importé du texte OCR.",
    )
    first = services.version_import(
        instrument=instrument,
        by=by,
        document=document,
        language="fr",
        label="Texte OCR importé",
        reason="Demo: imported from shared/data",
    )
    services.version_publish(version=first, by=by, untranslated_ok=True)
    second = services.version_copy(version=first, by=by, label="Texte corrigé")
    for provision in second.provisions.order_by("position"):
        fixed = corrected(provision.text_fr)
        if fixed != provision.text_fr:
            services.provision_update(
                provision=provision,
                by=by,
                base_revision=provision.revision,
                reason="Correction of OCR errors",
                text_fr=fixed,
            )
    second.changelog_fr = "Corrections des erreurs de reconnaissance optique (OCR) ; le libellé est inchangé."
    second.changelog_en = "Corrections of optical character recognition (OCR) errors; the wording is unchanged."
    second.save(update_fields=["changelog_fr", "changelog_en"])
    services.version_publish(version=second, by=by, untranslated_ok=True)


def _load_report(by):
    document = import_bytes(_read("ie-report-2013.ar.txt"), "report.txt", "ar")
    instrument = services.instrument_create(
        by=by,
        slug=REPORT,
        language="ar",
        title="تقرير الخبيرة المستقلة المعنية بحقوق الإنسان والتضامن الدولي",
    )
    instrument.title_en = "Report of the Independent Expert on human rights and international solidarity (2013)"
    instrument.save(update_fields=["title_en"])
    version = services.version_import(
        instrument=instrument,
        by=by,
        document=document,
        language="ar",
        label="التقرير",
        symbol="A/68/176",
        reason="Demo: imported from shared/data",
    )
    version.label_en = "Report"
    version.save(update_fields=["label_en"])
    services.version_publish(version=version, by=by, untranslated_ok=True)
