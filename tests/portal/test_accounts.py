"""Sign-up, verification, sign-in, rate limits, MFA for staff, redirects, account pages."""

import re
import time

import pytest
from django.core import mail

import portal.urls  # noqa: F401 - the API's schemas are built before any clock is frozen
from portal.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_sign_up_verifies_the_email_address_before_sign_in(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # allauth's email goes out as the sign-up commits
        response = client.post(
            "/en/accounts/signup/",
            {
                "email": "new.person@example.org",
                "password1": "a-very-long-pass-phrase",
                "password2": "a-very-long-pass-phrase",
                "display_name": "New Person",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.org")
    assert user.display_name == "New Person" and user.preferred_language == "en"
    assert len(mail.outbox) == 1
    link = re.search(r"https?://testserver(/\S+)", mail.outbox[0].body).group(1)
    client.logout()
    login = {"login": "new.person@example.org", "password": "a-very-long-pass-phrase"}
    assert "/accounts/confirm-email/" in client.post("/en/accounts/login/", login)["Location"]  # not verified yet
    client.post(link)
    response = client.post("/en/accounts/login/", login)
    assert response.status_code == 302 and response["Location"] == "/en/me/"


def test_sign_up_in_arabic_remembers_the_language(client):
    client.post(
        "/ar/accounts/signup/",
        {
            "email": "arabic@example.org",
            "password1": "a-very-long-pass-phrase",
            "password2": "a-very-long-pass-phrase",
            "display_name": "شخص",
        },
    )
    assert User.objects.get(email="arabic@example.org").preferred_language == "ar"


def test_failed_sign_ins_are_rate_limited_with_a_translated_message(client, settings):
    person = UserFactory()
    for _attempt in range(5):
        client.post("/fr/accounts/login/", {"login": person.email, "password": "wrong"})
    html = client.post(
        "/fr/accounts/login/", {"login": person.email, "password": "a-long-test-password"}
    ).content.decode()
    assert "Trop de tentatives" in html


def test_a_forged_next_to_another_host_is_ignored(client):
    person = UserFactory()
    response = client.post(
        "/en/accounts/login/?next=https://evil.example.com/",
        {"login": person.email, "password": "a-long-test-password"},
    )
    assert response.status_code == 302 and "evil.example.com" not in response["Location"]
    response = client.post(
        "/en/accounts/login/",
        {"login": person.email, "password": "a-long-test-password", "next": "//evil.example.com/x"},
    )
    assert "evil.example.com" not in response.get("Location", "")


@pytest.mark.parametrize("path", ["login/", "signup/", "password/reset/"])
def test_account_pages_are_in_the_portal_layout_and_right_to_left_in_arabic(client, path):
    html = client.get(f"/ar/accounts/{path}").content.decode()
    assert '<html lang="ar" dir="rtl">' in html and 'class="site-header"' in html


def test_signed_in_account_pages_have_the_account_menu(client):
    client.force_login(UserFactory())
    for path in [
        "/en/accounts/email/",
        "/en/accounts/2fa/",
        "/en/accounts/sessions/",
        "/en/accounts/password/change/",
        "/en/me/",
    ]:
        html = client.get(path).content.decode()
        assert 'class="account-menu"' in html, path


def test_staff_without_a_second_factor_is_sent_to_set_one_up(client, role_user):
    secretariat = role_user("secretariat", is_staff=True)
    client.force_login(secretariat)
    response = client.get("/en/admin/")
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert follow.status_code == 302 and follow["Location"] == "/en/accounts/2fa/"
    assert client.get("/en/accreditation/requests/").status_code == 403  # the role gives nothing yet


def test_admin_login_goes_through_the_portal_sign_in(client):
    response = client.get("/en/admin/login/?next=/en/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/en/accounts/login/")


def test_staff_with_totp_passes_the_second_factor_at_sign_in(client, role_user):
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    from tests.conftest import TEST_TOTP_SECRET

    drafter = role_user("drafters", is_staff=True, mfa=True)
    response = client.post("/en/accounts/login/", {"login": drafter.email, "password": "a-long-test-password"})
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    code = format_hotp_value(hotp_value(TEST_TOTP_SECRET, int(time.time()) // 30))
    response = client.post("/en/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert client.get("/en/admin/").status_code == 200


@pytest.mark.parametrize(("periods_ago", "accepted"), [(0, True), (1, False)])
def test_a_second_factor_code_is_accepted_only_in_its_own_period(client, role_user, periods_ago, accepted):
    """No tolerance: allauth remembers a used code for one period only, so a code accepted beyond
    its period could be replayed."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from freezegun import freeze_time

    from tests.conftest import TEST_TOTP_SECRET, give_totp

    secretariat = give_totp(role_user("secretariat", is_staff=True))
    with freeze_time("2026-12-03 09:00:10"):
        counter = int(time.time()) // 30 - periods_ago
        client.post("/en/accounts/login/", {"login": secretariat.email, "password": "a-long-test-password"})
        response = client.post(
            "/en/accounts/2fa/authenticate/", {"code": format_hotp_value(hotp_value(TEST_TOTP_SECRET, counter))}
        )
    assert (response.status_code == 302) is accepted
