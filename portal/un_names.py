"""The UN's own names of countries in the six languages, read from the data the
hdx-python-country package ships (never typed here).

The package holds OCHA's "Countries & Territories Taxonomy", which carries, for every country
or area, the names of the UN Statistics Division's M49 standard in the six languages ("M49
English" … "M49 Arabic") and the UNTERM short names ("English Short" … "Arabic Short"). The
M49 name is the one shown; a UNTERM short name that is written differently ("Côte d'Ivoire"
beside "Côte d’Ivoire", "多米尼加共和国" beside "多米尼加") is kept as another form of the
name, so that names printed in UN documents (the States of an adoption block) can be matched.

Only the table is read, from the installed distribution's files: the package's code and its
dependencies are not needed (requirements-data.txt says why they are not installed).
"""

import csv
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import PackageNotFoundError, distribution

from django.conf import settings

from .translated import column

PACKAGE = "hdx-python-country"
TABLE = "hdx/location/Countries & Territories Taxonomy MVP - C&T Taxonomy.csv"
# The table's name for each of the portal's languages, as in "M49 Arabic" and "Arabic Short".
COLUMN_LANGUAGE = {
    "ar": "Arabic",
    "zh-hans": "Chinese",
    "en": "English",
    "fr": "French",
    "ru": "Russian",
    "es": "Spanish",
}
ISO_CODE = "ISO 3166-1 Alpha 2-Codes"


class UNNamesUnavailable(Exception):
    """The package holding the names is not installed, or its table is not as expected."""


@dataclass(frozen=True)
class CountryNames:
    code: str  # ISO 3166-1 alpha-2
    names: dict  # language -> the M49 name (the one shown)
    other_names: dict = field(default_factory=dict)  # language -> [UNTERM short names written otherwise]


def _cell(row, name):
    return " ".join((row.get(name) or "").split())


@cache
def un_country_names() -> dict[str, CountryNames]:
    """{ISO alpha-2 code: CountryNames} for every country or area the table names."""
    try:
        path = distribution(PACKAGE).locate_file(TABLE)
        with open(path, encoding="utf-8", newline="") as table:
            rows = list(csv.DictReader(table))
    except (PackageNotFoundError, OSError) as error:
        raise UNNamesUnavailable(
            f"The UN names of countries come from the package {PACKAGE} (requirements-data.txt): {error}"
        ) from error
    wanted = [ISO_CODE] + [f"M49 {column}" for column in COLUMN_LANGUAGE.values()]
    if not rows or any(name not in rows[0] for name in wanted):
        raise UNNamesUnavailable(f"{PACKAGE}'s table lacks one of the columns {wanted}.")
    countries = {}
    for row in rows:
        code = _cell(row, ISO_CODE)
        if len(code) != 2:
            continue
        names, other_names = {}, {}
        for language in settings.LANGUAGE_CODES:
            column = COLUMN_LANGUAGE[language]
            m49, short = _cell(row, f"M49 {column}"), _cell(row, f"{column} Short")
            names[language] = m49 or short
            if short and short != names[language]:
                other_names[language] = [short]
        if all(names.values()):
            countries[code] = CountryNames(code, names, other_names)
    return countries


def names_of(code) -> CountryNames:
    try:
        return un_country_names()[code]
    except KeyError:
        raise UNNamesUnavailable(f"{PACKAGE}'s table has no name in all six languages for {code}.") from None


def name_columns(country: CountryNames) -> dict:
    """The organization's translated name columns (name_en, name_zh_hans …) for `country`."""
    return {column("name", language): name for language, name in country.names.items()}


def sync_names(organization, country: CountryNames, name_model) -> bool:
    """Make `organization`'s rows of `name_model` (OrganizationName, or its historical model in
    a migration) the names of `country` in each language; True when a row was added or removed."""
    wanted = {(language, name, True) for language, name in country.names.items()}
    wanted |= {(language, name, False) for language, names in country.other_names.items() for name in names}
    rows = {(row.language, row.name, row.official): row for row in name_model.objects.filter(organization=organization)}
    stale = [row.pk for key, row in rows.items() if key not in wanted]
    name_model.objects.filter(pk__in=stale).delete()
    name_model.objects.bulk_create(
        name_model(organization=organization, language=language, name=name, official=official)
        for language, name, official in sorted(wanted - rows.keys())
    )
    return bool(stale) or bool(wanted - rows.keys())
