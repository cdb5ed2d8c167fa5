from collections import Counter

import pytest
from django.contrib.auth.models import Group

from portal import roles

# A published version, an open round, organizations and their people, for every part of the suite.
pytest_plugins = ["tests.consultations.fixtures"]


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database.get('HOST') or ''}".rstrip()


# The security suite's tally (tests/security/conftest.py), summed here: with xdist only the
# workers load tests/security/conftest.py, so a hook there would never run in the controller.
TALLY_KEYS = ("requests_sent", "static_checks", "fuzz_examples")


def pytest_terminal_summary(terminalreporter, config):
    """Prints "security suite: N attack requests sent, M static checks, K fuzz examples run",
    summed over workers, and the seed the fuzz examples were drawn from, if one was given."""
    totals = Counter()
    for reports in terminalreporter.stats.values():
        for report in reports:
            if getattr(report, "when", None) != "teardown":
                continue
            for key, value in getattr(report, "user_properties", ()):
                if key in TALLY_KEYS:
                    totals[key] += value
    if totals:
        terminalreporter.write_sep(
            "=",
            f"security suite: {totals['requests_sent']} attack requests sent, {totals['static_checks']} static checks, "
            f"{totals['fuzz_examples']} fuzz examples run",
        )
    seed = config.getoption("hypothesis_seed", None)
    if seed is not None:
        terminalreporter.write_sep(
            "=", f"fuzz examples drawn from seed {seed}: FUZZ_SEED={seed} make fuzz replays them"
        )


TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXP"


def give_totp(user):
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, TEST_TOTP_SECRET)
    return user


@pytest.fixture
def role_user(db):
    """Make a user holding portal roles: role_user(roles.DRAFTERS, mfa=True, is_staff=True)."""
    from tests.factories import UserFactory

    def make(*role_names, mfa=False, **fields):
        user = UserFactory(**fields)
        # get_or_create: a transactional test before this one may have flushed the groups
        # that the migration made.
        user.groups.add(*(Group.objects.get_or_create(name=name)[0] for name in role_names))
        return give_totp(user) if mfa else user

    return make


@pytest.fixture
def drafter(role_user):
    return role_user(roles.DRAFTERS, is_staff=True, mfa=True)


@pytest.fixture
def secretariat(role_user):
    return role_user(roles.SECRETARIAT, is_staff=True, mfa=True)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Argon2 is deliberately slow; tests create hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The test client speaks plain HTTP; tests/portal/test_security.py checks the redirect.
    settings.SECURE_SSL_REDIRECT = False
    # Links in emails, as production sets them (tests/portal/test_outbox.py tries without).
    settings.SITE_URL = "https://solidarity.example.org"


@pytest.fixture(autouse=True)
def english_by_default():
    # A request to /fr/ leaves French active in the thread; each test starts from English.
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():
    # Rolled-back tests reuse primary keys: a cached rendering must not outlive its test.
    from django.core.cache import cache

    cache.clear()
