"""The States' names are the UN's own, in the six languages, read from the M49 / UNTERM table of
the hdx-python-country package (portal/un_names.py), and kept queryable per language."""

import importlib

import pytest
from django.apps import apps as django_apps

from portal.models import Organization, OrganizationName
from portal.services import states_load
from portal.un_names import un_country_names

pytestmark = pytest.mark.django_db

# Official short names, as the UN's documents print them, a handful per language.
OFFICIAL_NAMES = {
    "en": {
        "RU": "Russian Federation",
        "KP": "Democratic People's Republic of Korea",
        "IR": "Iran (Islamic Republic of)",
        "VN": "Viet Nam",
        "TR": "Türkiye",
        "NL": "Netherlands (Kingdom of the)",
        "BO": "Bolivia (Plurinational State of)",
        "LA": "Lao People's Democratic Republic",
        "BN": "Brunei Darussalam",
        "BS": "Bahamas",
        "VA": "Holy See",
        "PS": "State of Palestine",
    },
    "fr": {
        "RU": "Fédération de Russie",
        "KP": "République populaire démocratique de Corée",
        "BO": "Bolivie (État plurinational de)",
        "NL": "Pays-Bas (Royaume des)",
        "VA": "Saint-Siège",
    },
    "es": {
        "RU": "Federación de Rusia",
        "IR": "Irán (República Islámica del)",
        "TZ": "República Unida de Tanzanía",
        "PS": "Estado de Palestina",
    },
    "ru": {
        "RU": "Российская Федерация",
        "KP": "Корейская Народно-Демократическая Республика",
        "VE": "Венесуэла (Боливарианская Республика)",
        "VA": "Святой Престол",
    },
    "ar": {
        "RU": "الاتحاد الروسي",
        "KP": "جمهورية كوريا الشعبية الديمقراطية",
        "SY": "الجمهورية العربية السورية",
        "PS": "دولة فلسطين",
    },
    "zh-hans": {
        "RU": "俄罗斯联邦",
        "KP": "朝鲜民主主义人民共和国",
        "GB": "大不列颠及北爱尔兰联合王国",
        "VA": "教廷",
    },
}
CASES = [(language, code, name) for language, names in OFFICIAL_NAMES.items() for code, name in names.items()]


@pytest.mark.parametrize("language, code, name", CASES)
def test_the_directory_holds_the_official_name_in_each_language(language, code, name):
    states_load()
    organization = Organization.objects.get(country=code)
    assert getattr(organization, f"name_{language.replace('-', '_')}") == name
    assert OrganizationName.objects.filter(organization=organization, language=language, name=name, official=True)


def test_names_printed_otherwise_are_kept_as_other_forms_for_matching():
    states_load()
    ivory_coast = Organization.objects.get(country="CI")
    assert ivory_coast.name_en == "Côte d’Ivoire"
    found = OrganizationName.objects.filter(language="en", name="Côte d'Ivoire").get()
    assert (found.organization, found.official) == (ivory_coast, False)
    assert OrganizationName.objects.filter(language="zh-hans", name="多米尼加共和国").get().organization.country == "DO"


def test_every_state_has_one_official_name_per_language():
    states_load()
    states = Organization.objects.states()
    assert OrganizationName.objects.filter(official=True, organization__in=states).count() == states.count() * 6


def test_the_loader_replaces_iso_names_and_other_forms_left_by_an_older_load():
    states_load()
    russia = Organization.objects.get(country="RU")
    Organization.objects.filter(pk=russia.pk).update(name_en="Russia", name_ar="روسيا")
    OrganizationName.objects.create(organization=russia, language="en", name="Russia")
    created, updated = states_load()
    assert (created, updated) == (0, 1)
    russia.refresh_from_db()
    assert (russia.name_en, russia.name_ar) == ("Russian Federation", "الاتحاد الروسي")
    assert not OrganizationName.objects.filter(name="Russia").exists()


def test_the_migration_gives_existing_states_their_un_names():
    states_load()
    Organization.objects.filter(country="KP").update(name_en="North Korea", name_ar="كوريا الشمالية")
    OrganizationName.objects.all().delete()
    migration = importlib.import_module("portal.migrations.0005_un_names_of_states")
    migration.use_un_names(django_apps, None)
    north = Organization.objects.get(country="KP")
    assert (north.name_en, north.name_ar) == (
        "Democratic People's Republic of Korea",
        "جمهورية كوريا الشعبية الديمقراطية",
    )
    assert OrganizationName.objects.filter(organization__country="KP").count() >= 6


def test_the_names_are_read_from_the_package_table_not_typed():
    names = un_country_names()
    assert len(names) > 240  # the table names every country or area, not only the 195 States
    assert names["RU"].names["ar"] == "الاتحاد الروسي"
