import io

import pytest
from django.core.management import call_command
from django.db import IntegrityError

from portal.demo import DEMO_ACCOUNTS, people_load
from portal.models import Membership, Organization, OrganizationKind, RegionalGroup, User
from portal.services import states_load

pytestmark = pytest.mark.django_db


def test_states_loader_creates_193_members_and_2_observers_with_their_groups():
    created, updated = states_load()
    assert (created, updated) == (195, 0)
    assert Organization.objects.filter(kind=OrganizationKind.MEMBER_STATE).count() == 193
    assert Organization.objects.filter(kind=OrganizationKind.OBSERVER_STATE).count() == 2
    by_group = {
        group: Organization.objects.filter(kind=OrganizationKind.MEMBER_STATE, regional_group=group).count()
        for group in [*RegionalGroup.values, ""]
    }
    assert by_group == {"african": 54, "asia_pacific": 53, "eastern_european": 23, "grulac": 33, "weog": 29, "": 1}
    assert Organization.objects.get(country="KI").regional_group == ""
    assert {
        o.country.code for o in Organization.objects.filter(regional_group="weog", country__in=["TR", "US", "IL"])
    } == {"TR", "US", "IL"}


def test_states_loader_is_idempotent():
    states_load()
    assert states_load() == (0, 0)


def test_one_organization_per_state():
    states_load()
    with pytest.raises(IntegrityError):
        Organization.objects.create(name_en="Brazil again", kind=OrganizationKind.MEMBER_STATE, country="BR")


def test_email_is_unique_whatever_its_case():
    User.objects.create_user("Someone@Example.org", "pw-long-enough", display_name="A")
    with pytest.raises(IntegrityError):
        User.objects.create(email="someone@EXAMPLE.org", display_name="B")


def test_demo_data_is_idempotent_and_covers_every_role():
    people_load()
    counts = (User.objects.count(), Organization.objects.count(), Membership.objects.count())
    call_command("loaddemo", stdout=io.StringIO())
    assert (User.objects.count(), Organization.objects.count(), Membership.objects.count()) == counts
    assert User.objects.count() == len(DEMO_ACCOUNTS)
    assert User.objects.get(email="secretariat@example.org").groups.filter(name="secretariat").exists()
    assert User.objects.get(email="drafter@example.org").groups.filter(name="drafters").exists()
    expert = User.objects.get(email="expert@example.org").memberships.get()
    assert (expert.organization, expert.role, expert.status) == (None, "expert", "approved")
    from allauth.mfa.utils import is_mfa_enabled

    assert is_mfa_enabled(User.objects.get(email="secretariat@example.org"))
    delegate = User.objects.get(email="delegate.brazil@example.org")
    assert delegate.memberships.get().organization.country.code == "BR"
    assert User.objects.get(email="ngo@example.org").memberships.get().organization.kind == "ngo"
    assert User.objects.get(email="delegate.brazil@example.org").check_password("solidarity-demo-2026")
