"""CSRF: every URL of the portal, enumerated from the resolver, refuses a POST without a token
from a signed-in person (403), and none is exempt except the read-only API (which takes no
POST at all). A POST from another origin is refused even with a token."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern, RoutePattern

from consultations.models import Comment, CoSignature, ModerationDecision
from portal.models import Membership

pytestmark = pytest.mark.django_db

# Sample values for path parameters: the CSRF check runs before the view, so the URL only has
# to resolve; objects need not exist.
_ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
_SAMPLES = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "path": "x/y",
    "uuid": "00000000-0000-0000-0000-000000000000",
    None: "x",
}
_REGEX_GROUP = re.compile(r"\((?:\?P<\w+>)?((?:[^()\\]|\\.)*)\)")
_REGEX_CANDIDATES = ["1", "portal", "x", "abc", "1-x"]


def _from_route(pattern):
    return _ROUTE_PARAMETER.sub(lambda match: _SAMPLES.get(match["converter"], "x"), pattern)


def _from_regex(pattern):
    def sample(match):
        inner = match[1]
        return next((candidate for candidate in _REGEX_CANDIDATES if re.fullmatch(inner, candidate)), "1")

    return _REGEX_GROUP.sub(sample, pattern.lstrip("^").rstrip("$")).replace("\\", "")


def _walk(patterns, prefix=""):
    for entry in patterns:
        pattern = entry.pattern
        text = str(pattern)
        piece = (
            _from_regex(text)
            if isinstance(pattern, RegexPattern)
            else _from_route(text)
            if isinstance(pattern, RoutePattern)
            else text
        )
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + piece)
        elif isinstance(entry, URLPattern):
            yield prefix + piece, text, entry


def endpoints():
    """(URL, pattern, URLPattern) for every view of the portal, in English."""
    return [(f"/{url}", text, entry) for url, text, entry in _walk(get_resolver().url_patterns)]


ENDPOINTS = endpoints()
# The read API's operations are django-ninja views, exempt from CSRF: they answer GET only.
API = [
    url for url, _text, entry in ENDPOINTS if url.startswith("/api/") and getattr(entry.callback, "csrf_exempt", False)
]
PAGES = [url for url, _text, entry in ENDPOINTS if url not in API]


def test_the_enumeration_reaches_every_view():
    unreachable = []
    for url, text, entry in ENDPOINTS:
        try:
            match = resolve(url)
        except Exception as error:  # noqa: BLE001 - listed below
            unreachable.append((url, text, repr(error)))
            continue
        if match.func is not entry.callback and match.url_name != entry.name:
            unreachable.append((url, text, match.url_name))
    assert not unreachable, unreachable
    assert len(PAGES) > 100


def test_no_view_is_exempt_from_csrf_but_the_read_only_api():
    exempt = sorted(url for url, _text, entry in ENDPOINTS if getattr(entry.callback, "csrf_exempt", False))
    assert all(url.startswith("/api/") for url in exempt), (
        f"exempt from CSRF: {[url for url in exempt if not url.startswith('/api/')]}"
    )
    assert len(API) == 9


@pytest.fixture
def signed_in(site):
    client = Client(enforce_csrf_checks=True)
    client.force_login(site["superuser"])
    return client


def test_every_post_without_token_is_refused(signed_in):
    """One request per URL of the portal (admin, accounts, pages, htmx fragments, exports)."""
    accepted = []
    for url in PAGES:
        response = signed_in.post(url, {"decision": "approve", "action": "publish", "text": "Forged"})
        if response.status_code != 403:
            accepted.append((url, response.status_code))
    assert not accepted, f"POST without a CSRF token not refused: {accepted}"


def test_the_api_takes_no_post(signed_in):
    answered = []
    for url in API:
        for method in ("post", "put", "patch", "delete"):
            response = getattr(signed_in, method)(url, '{"text": "Forged"}', content_type="application/json")
            if response.status_code != 405:
                answered.append((method, url, response.status_code))
    assert not answered, answered


def _token(client, url):
    client.get(url)
    return client.cookies["csrftoken"].value


@pytest.fixture
def forged(site):
    """What a forged request tries, by whom, and how to see that nothing happened."""
    round, paragraph = site["round"], site["paragraph"]
    return {
        "comment": (
            site["delegate"],
            f"/en/consultation/rounds/{round.pk}/comments/{paragraph.key}/new/",
            {
                "capacity": site["state_org"].pk,
                "kind": "comment",
                "position": "neutral",
                "text": "Forged",
                "language": "en",
                "confidentiality": "public",
                "client_token": "forged",
            },
            lambda: Comment.objects.filter(text="Forged").count(),
        ),
        "withdraw": (
            site["delegate"],
            f"/en/consultation/comments/{site['delegate_comment'].pk}/withdraw/",
            {},
            lambda: Comment.objects.filter(withdrawn_at__isnull=False).count(),
        ),
        "cosign": (
            site["other_delegate"],
            f"/en/consultation/cosignatures/{site['cosignature'].pk}/",
            {"decision": "confirm"},
            lambda: CoSignature.objects.exclude(status="requested").count(),
        ),
        "moderate": (
            site["secretariat"],
            f"/en/consultation/moderation/comment/{site['other_comment'].pk}/decide/",
            {"action": "publish", "expected_state": "pending"},
            lambda: ModerationDecision.objects.count(),
        ),
        "decide_membership": (
            site["focal_point"],
            f"/en/accreditation/requests/{site['pending_colleague'].pk}/decide/",
            {"decision": "approve"},
            lambda: Membership.objects.filter(status="pending").count(),
        ),
        "close_account": (
            site["delegate"],
            "/en/me/close/",
            {"confirm": "on"},
            lambda: site["delegate"].__class__.objects.filter(is_active=False).count(),
        ),
    }


@pytest.mark.parametrize("action", ["comment", "withdraw", "cosign", "moderate", "decide_membership", "close_account"])
def test_forged_state_changes_change_nothing(forged, action):
    user, url, data, count = forged[action]
    for how in ("no_token", "htmx_no_token", "wrong_token", "other_origin"):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        before = count()
        headers, sent = {}, dict(data)
        if how == "htmx_no_token":
            headers["HX-Request"] = "true"
        if how == "wrong_token":
            _token(client, "/en/me/")
            sent["csrfmiddlewaretoken"] = "x" * 64
        if how == "other_origin":
            sent["csrfmiddlewaretoken"] = _token(client, "/en/me/")
            headers["Origin"] = "https://evil.example"
        response = client.post(url, sent, headers=headers)
        assert response.status_code == 403, f"{action} ({how}): {response.status_code}"
        assert count() == before, f"{action} happened without a valid token ({how})"


def test_with_the_token_the_same_request_works(forged):
    """The forged requests above are real requests: with the token, the comment is stored."""
    user, url, data, count = forged["comment"]
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(url, {**data, "csrfmiddlewaretoken": _token(client, "/en/me/")})
    assert response.status_code == 302 and count() == 1
