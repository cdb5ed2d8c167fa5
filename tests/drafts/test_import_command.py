"""Importing into the database: the import_draft command, translations, demo texts."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from drafts import services
from drafts.importer import parse_document
from drafts.models import Instrument, Provision, Version, VersionStatus

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "data"
FRENCH = SAMPLES / "hrc53-draft-resolution-international-cooperation.fr.txt"

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("import_draft", *args, stdout=out)
    return out.getvalue()


def test_dry_run_json_prints_exactly_one_object_and_writes_nothing():
    output = run(str(FRENCH), "--language", "fr", "--dry-run", "--format", "json")
    data = json.loads(output)
    assert {"title", "metadata", "provisions", "adoption", "warnings"} <= set(data)
    operative = [p["label"] for p in data["provisions"] if p["kind"] == "operative"]
    assert operative == [str(n) for n in range(1, 38)]
    assert all(set(w) == {"line", "message"} for w in data["warnings"])
    assert Version.objects.count() == 0 and Provision.objects.count() == 0


def test_import_creates_an_editing_version(drafter):
    output = run(
        str(FRENCH),
        "--language",
        "fr",
        "--instrument",
        "coop",
        "--title",
        "Coopération",
        "--label",
        "Projet",
        "--by",
        drafter.email,
    )
    assert "Created version 1 of coop" in output
    version = Version.objects.get(instrument__slug="coop")
    assert version.status == VersionStatus.EDITING and version.original_language == "fr"
    assert version.provisions.filter(kind="operative").count() == 37
    assert version.title_fr.startswith("Renforcement de la coopération internationale")
    assert version.provisions.exclude(footnotes_fr=[]).exists()


def test_translation_of_fills_a_language_when_the_structure_matches(drafter):
    instrument = services.instrument_create(by=drafter, slug="t", title="T")
    english = parse_document(
        [
            "The Human Rights Council,",
            "",
            "Recalling its resolutions,",
            "",
            "1. Decides to act;",
            "",
            "(a) Promptly;",
            "",
            "(b) Fully;",
        ],
        "en",
    )
    version = services.version_import(instrument=instrument, by=drafter, document=english, language="en", label="One")
    french = parse_document(
        [
            "Le Conseil des droits de l'homme,",
            "",
            "Rappelant ses résolutions,",
            "",
            "1. Décide d'agir ;",
            "",
            "a) Rapidement ;",
            "",
            "b) Pleinement ;",
        ],
        "fr",
    )
    services.translation_import(version=version, by=drafter, document=french, language="fr")
    assert list(version.provisions.order_by("position").values_list("text_fr", flat=True))[-1] == "Pleinement ;"
    assert version.provisions.get(label="1").text_en == "Decides to act;"


def test_translation_with_another_structure_is_refused_and_changes_nothing(drafter):
    instrument = services.instrument_create(by=drafter, slug="t", title="T")
    english = parse_document(["1. One;", "", "2. Two;"], "en")
    version = services.version_import(instrument=instrument, by=drafter, document=english, language="en", label="One")
    french = parse_document(["1. Un ;", "", "2. Deux ;", "", "3. Trois ;"], "fr")
    with pytest.raises(ValidationError, match="structures differ"):
        services.translation_import(version=version, by=drafter, document=french, language="fr")
    assert not version.provisions.exclude(text_fr="").exclude(text_fr=None).exists()


def test_import_and_copy_keep_repeated_sub_paragraph_labels_under_different_parents(drafter):
    instrument = services.instrument_create(by=drafter, slug="t", title="T")
    document = parse_document(["1. First;", "", "(a) x;", "", "(b) y;", "", "2. Second;", "", "(a) z;"], "en")
    version = services.version_import(instrument=instrument, by=drafter, document=document, language="en", label="One")
    assert version.provisions.filter(label="(a)").count() == 2
    services.version_publish(version=version, by=drafter, untranslated_ok=True)
    copy = services.version_copy(version=version, by=drafter, label="Two")
    assert sorted(copy.provisions.filter(label="(a)").values_list("parent__label", flat=True)) == ["1", "2"]


def test_duplicate_numbers_are_refused_with_a_message(drafter):
    instrument = services.instrument_create(by=drafter, slug="t", title="T")
    document = parse_document(["1. One;", "", "1. One again;"], "en")
    with pytest.raises(ValidationError, match="appears twice"):
        services.version_import(instrument=instrument, by=drafter, document=document, language="en", label="One")
    assert not Version.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\x00\x01binary\x00", "neither a Word document"), ("café".encode("latin-1"), "UTF-8")],
)
def test_bad_files_are_refused_with_a_message_and_nothing_written(tmp_path, drafter, content, message):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(str(path), "--language", "en", "--instrument", "x", "--title", "X", "--label", "L")
    assert not Instrument.objects.exists()


def test_demo_texts_are_imported_through_the_importer_idempotently():
    from drafts.demo import texts_load
    from portal.demo import people_load
    from portal.models import User

    people_load()
    drafter = User.objects.get(email="drafter@example.org")
    texts_load(by=drafter)
    texts_load(by=drafter)
    first, second = Version.objects.filter(instrument__slug="hrc53-international-cooperation").order_by("number")
    assert (first.status, second.status) == (VersionStatus.SUPERSEDED, VersionStatus.PUBLISHED)
    assert first.provisions.filter(kind="operative").count() == second.provisions.filter(kind="operative").count() == 37
    body = second.provisions.get(label="H1")
    assert body.text_fr == "Le Conseil des droits de l’homme,"
    assert "I’homme" not in " ".join(second.provisions.values_list("text_fr", flat=True))
    report = Version.objects.get(instrument__slug="ie-report-2013")
    assert report.original_language == "ar" and report.provisions.filter(kind="paragraph").count() == 58
