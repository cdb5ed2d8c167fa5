"""Writes about people and organizations."""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django_countries import countries

from .models import Organization, OrganizationKind
from .un_states import MEMBER_STATES, OBSERVER_STATES, UN_NAMES


def _country_names(code):
    names = {}
    for language in settings.LANGUAGE_CODES:
        with translation.override(language):
            name = UN_NAMES.get(code, {}).get(language) or str(countries.name(code))
        names[f"name_{language.replace('-', '_')}"] = name
    return names


@transaction.atomic
def states_load():
    """Create or refresh an organization for every UN Member and observer State.

    Names in the six languages come from django-countries' catalogues (ISO 3166 short names),
    except the observer States, whose UN names differ.
    Running it again changes nothing that is already right. Returns (created, updated).
    """
    created = updated = 0
    wanted = [(code, group, OrganizationKind.MEMBER_STATE) for code, group in MEMBER_STATES.items()]
    wanted += [(code, group, OrganizationKind.OBSERVER_STATE) for code, group in OBSERVER_STATES.items()]
    existing = {org.country.code: org for org in Organization.objects.states()}
    for code, group, kind in wanted:
        values = {"kind": kind, "regional_group": group or "", "verified": True, **_country_names(code)}
        org = existing.get(code)
        if org is None:
            Organization.objects.create(country=code, **values)
            created += 1
        elif any(getattr(org, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(org, field, value)
            org.save()
            updated += 1
    return created, updated
