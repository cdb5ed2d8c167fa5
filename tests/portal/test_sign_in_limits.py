"""Finding 6: five wrong passwords for an address, from anywhere, locked its owner out. Failed
sign-ins are now counted per address *and* client: the one guessing is stopped, the owner is
not, and an owner who locked themselves out recovers by resetting the password."""

import re

import pytest
from django.core import mail

from portal import outbox
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
ATTACKER, OWNER = "203.0.113.5", "198.51.100.7"


def sign_in(client, person, password, address):
    response = client.post("/en/accounts/login/", {"login": person.email, "password": password}, REMOTE_ADDR=address)
    signed_in = response.status_code == 302 and "_auth_user_id" in client.session
    client.logout()
    return signed_in, response


def test_nobody_can_lock_out_someone_elses_account(client):
    delegate = UserFactory()
    for _attempt in range(6):
        assert not sign_in(client, delegate, "guess", ATTACKER)[0]
    signed_in, response = sign_in(client, delegate, PASSWORD, ATTACKER)
    assert not signed_in and "Too many failed login attempts" in response.content.decode()  # the guesser stops
    assert sign_in(client, delegate, PASSWORD, OWNER)[0]  # the owner does not


def test_the_owner_recovers_by_password_reset(client):
    delegate = UserFactory()
    for _attempt in range(6):
        sign_in(client, delegate, "mistyped", OWNER)
    assert not sign_in(client, delegate, PASSWORD, OWNER)[0]
    client.post("/en/accounts/password/reset/", {"email": delegate.email}, REMOTE_ADDR=OWNER)
    outbox.emails_send()  # the reset email waits in the outbox like every other
    link = re.search(r"https?://testserver(/\S+)", mail.outbox[-1].body).group(1)
    form = client.get(link, REMOTE_ADDR=OWNER, follow=True)
    new = "another-long-pass-phrase"
    client.post(form.redirect_chain[-1][0], {"password1": new, "password2": new}, REMOTE_ADDR=OWNER)
    assert sign_in(client, delegate, new, OWNER)[0]
