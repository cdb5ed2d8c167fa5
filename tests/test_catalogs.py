"""The interface is complete in the six languages: `makemessages` leaves no entry untranslated
or fuzzy in any catalog, and every name the admin shows (models, fields) is translatable."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.utils.functional import Promise

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("portal", "drafts", "consultations", "templates", "locale", "manage.py")
CATALOGS = ("ar", "es", "fr", "ru", "zh_Hans")


@pytest.fixture(scope="module")
def fresh_catalogs(tmp_path_factory):
    """The catalogs as `make messages` would leave them, made in a copy of the sources so that
    the real ones are not touched."""
    copy = tmp_path_factory.mktemp("messages")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy(source, copy / name)
    languages = [argument for code in CATALOGS for argument in ("-l", code)]
    subprocess.run(  # noqa: S603 (this interpreter, fixed arguments)
        [sys.executable, "manage.py", "makemessages", "--no-location", "--no-obsolete", *languages],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "1", "VAR_DIR": str(copy / "var")},
    )
    return copy / "locale"


@pytest.mark.parametrize("language", CATALOGS)
def test_makemessages_leaves_nothing_untranslated_or_fuzzy(fresh_catalogs, language):
    po = fresh_catalogs / language / "LC_MESSAGES" / "django.po"
    missing = []
    for option in ("--untranslated", "--only-fuzzy"):
        listed = subprocess.run(  # noqa: S603, S607 (GNU gettext, fixed arguments)
            ["msgattrib", option, "--no-wrap", str(po)], check=True, capture_output=True, text=True
        ).stdout
        missing += [line for line in listed.splitlines() if line.startswith("msgid ") and line != 'msgid ""']
    assert missing == [], f"{language}: {len(missing)} entries to translate: {missing[:20]}"


def test_the_committed_catalogs_are_compiled_from_their_sources():
    for language in CATALOGS:
        folder = ROOT / "locale" / language / "LC_MESSAGES"
        compiled = subprocess.run(  # noqa: S603, S607 (GNU gettext, fixed arguments)
            ["msgfmt", "--check", "-o", "-", str(folder / "django.po")], check=True, capture_output=True
        ).stdout
        assert compiled == (folder / "django.mo").read_bytes(), f"{language}: run `make messages` and commit the .mo"


def test_every_model_and_field_name_is_translatable():
    untranslatable = []
    for app in ("portal", "drafts", "consultations"):
        for model in apps.get_app_config(app).get_models():
            if not isinstance(model._meta.verbose_name, Promise):
                untranslatable.append(model.__name__)
            untranslatable += [
                f"{model.__name__}.{field.name}"
                for field in model._meta.get_fields()
                if getattr(field, "concrete", False)
                and not field.auto_created
                and not isinstance(field.verbose_name, Promise)
            ]
    assert untranslatable == []


def test_translated_fields_are_named_in_the_interface_language():
    from django.utils import translation

    from drafts.models import Provision

    with translation.override("fr"):
        assert str(Provision._meta.get_field("text_ar").verbose_name) == "texte (arabe)"
    with translation.override("zh-hans"):
        assert str(Provision._meta.get_field("text_en").verbose_name) == "文本（英文）"
