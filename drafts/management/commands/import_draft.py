import json
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from drafts import services
from drafts.importer import MAX_IMPORT_BYTES, import_bytes
from drafts.models import Instrument, Version
from portal.models import User


class Command(BaseCommand):
    help = (
        "Import a UN document (UTF-8 text or DOCX) as a new version in editing, or as a translation "
        "of an existing version. With --dry-run --format json, print the parsed structure and write nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--language", required=True, choices=settings.LANGUAGE_CODES)
        parser.add_argument("--instrument", help="slug of the instrument (created if missing, with --title)")
        parser.add_argument("--title", help="title of a new instrument")
        parser.add_argument("--label", help="label of the new version, e.g. 'Preliminary text'")
        parser.add_argument("--symbol", default="", help="document symbol, e.g. A/HRC/53/L.11")
        parser.add_argument("--translation-of", type=int, metavar="VERSION", help="number of the version to translate")
        parser.add_argument("--by", help="email of the person recorded in the history (default: first superuser)")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise CommandError(f"{path} is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB.")
        try:
            document = import_bytes(path.read_bytes(), path.name, options["language"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None

        if options["dry_run"]:
            if options["format"] == "json":
                self.stdout.write(json.dumps(document.as_json_dict(), ensure_ascii=False))
            else:
                self._summary(document)
            return

        by = self._person(options["by"])
        try:
            if options["translation_of"]:
                version = self._version(options, options["translation_of"])
                services.translation_import(version=version, by=by, document=document, language=options["language"])
                self.stdout.write(
                    f"Added {options['language']} to version {version.number} of {version.instrument.slug}."
                )
            else:
                if not options["label"]:
                    raise CommandError("--label is required to create a version.")
                instrument = self._instrument(options, by)
                version = services.version_import(
                    instrument=instrument,
                    by=by,
                    document=document,
                    language=options["language"],
                    label=options["label"],
                    symbol=options["symbol"],
                )
                self.stdout.write(
                    f"Created version {version.number} of {instrument.slug} with {len(document.provisions)} provisions (in editing)."
                )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        except PermissionDenied as refusal:  # the person named by --by may not edit texts
            raise CommandError(f"{by}: {refusal}") from None
        self._summary(document, only_warnings=True)

    def _summary(self, document, only_warnings=False):
        if not only_warnings:
            self.stdout.write(f"Title: {document.title or '(none)'}")
            for parsed in document.provisions:
                self.stdout.write(f"  {parsed.kind:<12} {parsed.label:<10} {parsed.text[:70]}")
        for warning in document.warnings:
            self.stdout.write(self.style.WARNING(f"line {warning.line}: {warning.message}"))

    def _person(self, email):
        people = (
            User.objects.filter(email__iexact=email) if email else User.objects.filter(is_superuser=True).order_by("pk")
        )
        person = people.first()
        if person is None:
            raise CommandError("Name the person recorded in the history with --by EMAIL (no superuser exists).")
        return person

    def _instrument(self, options, by):
        slug = options["instrument"]
        if not slug:
            raise CommandError("--instrument is required.")
        instrument = Instrument.objects.filter(slug=slug).first()
        if instrument is None:
            if not options["title"]:
                raise CommandError(f"No instrument '{slug}': give --title to create it.")
            instrument = services.instrument_create(by=by, slug=slug, title=options["title"])
        return instrument

    def _version(self, options, number):
        version = Version.objects.filter(instrument__slug=options["instrument"], number=number).first()
        if version is None:
            raise CommandError(f"No version {number} of instrument '{options['instrument']}'.")
        return version
