import pytest
from django.contrib.auth.models import Group

from portal import roles


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database.get('HOST') or ''}".rstrip()


@pytest.fixture
def role_user(db):
    """Make a user holding a portal role: role_user(roles.DRAFTERS)."""
    from tests.factories import UserFactory

    def make(*role_names, **fields):
        user = UserFactory(**fields)
        user.groups.add(*Group.objects.filter(name__in=role_names))
        return user

    return make


@pytest.fixture
def drafter(role_user):
    return role_user(roles.DRAFTERS, is_staff=True)


@pytest.fixture
def secretariat(role_user):
    return role_user(roles.SECRETARIAT, is_staff=True)
