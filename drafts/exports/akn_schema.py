"""Checking an Akoma Ntoso export: the OASIS schema, and unique eIds and wIds.

The schema is large (about half a second to load), so it is loaded once per process, and only
by whoever validates (tests, tools), never on a download.
"""

from functools import cache
from pathlib import Path

from django.conf import settings
from lxml import etree

_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def schema_path() -> Path:
    default = Path(settings.BASE_DIR).parent / "shared" / "data" / "akn" / "akomantoso30.xsd"
    return Path(getattr(settings, "AKN_SCHEMA_PATH", default))


@cache
def _schema(path: Path) -> etree.XMLSchema:
    # The main schema imports xml.xsd from its own folder: parse by path so that resolves.
    return etree.XMLSchema(etree.parse(str(path)))


def validate_akn(xml_bytes: bytes) -> list[str]:
    """Every problem found, as readable lines; an empty list means valid."""
    try:
        document = etree.fromstring(xml_bytes, _SAFE_PARSER)
    except etree.XMLSyntaxError as error:
        return [f"Not well-formed XML: {error}"]
    schema = _schema(schema_path())
    problems = [] if schema.validate(document) else [f"line {e.line}: {e.message}" for e in schema.error_log]
    for attribute in ("eId", "wId"):
        seen = set()
        for element in document.iter():
            value = element.get(attribute)
            if value is None:
                continue
            if value in seen:
                problems.append(f"line {element.sourceline}: {attribute} {value!r} is used twice.")
            seen.add(value)
    return problems
