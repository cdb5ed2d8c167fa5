"""Open redirects: whatever `next` says, signing in, signing up, signing out and a moderation
decision send the person to a page of the portal, never to another host. The judge is
Django's own url_has_allowed_host_and_scheme (which reads backslashes and control characters
the way browsers do)."""

import pytest
from django.test import Client
from django.utils.http import url_has_allowed_host_and_scheme

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EVIL_NEXTS = [
    "https://evil.example/",
    "http://evil.example",
    "//evil.example",
    "///evil.example",
    "https:evil.example",
    "https:/evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "/\t/evil.example",
    " //evil.example",
    "%2F%2Fevil.example",
    "/%5Cevil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "https://testserver@evil.example/",
    "https://evil.example\\@testserver/",
    "/en/me/\r\nLocation: https://evil.example",
]


def is_local(location):
    return url_has_allowed_host_and_scheme(location, allowed_hosts={"testserver"}, require_https=False)


@pytest.fixture
def person(db):
    return UserFactory(email="person@example.org")


@pytest.mark.parametrize("where", ["post", "query"])
def test_sign_in_never_redirects_elsewhere(person, where):
    bad = []
    for target in EVIL_NEXTS:
        client = Client()
        data = {"login": person.email, "password": "a-long-test-password"}
        url = "/en/accounts/login/"
        if where == "post":
            data["next"] = target
        else:
            url = f"{url}?{_query(target)}"
        response = client.post(url, data)
        assert response.status_code == 302, (target, response.status_code)
        if not is_local(response["Location"]):
            bad.append((target, response["Location"]))
    assert not bad, bad


def test_the_sign_in_page_carries_next_escaped():
    for target in EVIL_NEXTS:
        html = Client().get(f"/en/accounts/login/?{_query(target)}").content.decode()
        assert "<script>alert(1)</script>" not in html


def test_sign_out_never_redirects_elsewhere(person):
    bad = []
    for target in EVIL_NEXTS:
        client = Client()
        client.force_login(person)
        response = client.post("/en/accounts/logout/", {"next": target})
        assert response.status_code == 302
        if not is_local(response["Location"]):
            bad.append((target, response["Location"]))
    assert not bad, bad


def test_sign_up_never_redirects_elsewhere():
    bad = []
    for index, target in enumerate(EVIL_NEXTS):
        response = Client().post(
            "/en/accounts/signup/",
            {
                "email": f"new{index}@example.org",
                "password1": "a-long-pass-phrase-9",
                "password2": "a-long-pass-phrase-9",
                "display_name": "New person",
                "next": target,
            },
        )
        assert response.status_code == 302, (target, response.status_code)
        if not is_local(response["Location"]):
            bad.append((target, response["Location"]))
    assert not bad, bad


def test_a_moderation_decision_never_redirects_elsewhere(site, client):
    client.force_login(site["secretariat"])
    bad = []
    for target in EVIL_NEXTS:
        response = client.post(
            f"/en/consultation/moderation/comment/{site['other_comment'].pk}/decide/",
            {"action": "publish", "expected_state": "pending", "next": target},
        )
        assert response.status_code == 302
        if not is_local(response["Location"]):
            bad.append((target, response["Location"]))
    assert not bad, f"moderation decide redirects off the portal: {bad}"


def test_a_moderation_decision_still_returns_to_the_queue_page_it_came_from(site, client):
    client.force_login(site["secretariat"])
    response = client.post(
        f"/en/consultation/moderation/comment/{site['other_comment'].pk}/decide/",
        {"action": "publish", "expected_state": "pending", "next": "/en/consultation/moderation/?state=any"},
    )
    assert response["Location"] == "/en/consultation/moderation/?state=any"


def _query(target):
    from urllib.parse import urlencode

    return urlencode({"next": target})
