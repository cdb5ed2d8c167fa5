"""The whole-page cache for readers who are not signed in (portal/page_cache.py): every kind of
write that changes what a cached page shows makes it stale, a signed-in person never gets the
cached page, a cached page holds nothing personal, each reader gets their own CSRF token, and a
returning reader gets a 304."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from consultations import services
from drafts import services as text_services
from tests.consultations.fixtures import make_round

pytestmark = pytest.mark.django_db


def page(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code in (200, 304), response.status_code
    return response


def html(client, url):
    return page(client, url).content.decode()


def counts_of(text):
    return re.findall(r"\d+ comments?", text)


def post(round, author, organization, **fields):
    return services.comment_create(
        round=round,
        author=author,
        capacity_key=str(organization.pk),
        provision=round.version.provisions.get(label="1"),
        text="We support this paragraph.",
        language="en",
        **fields,
    )


@pytest.fixture
def round_url(round):
    return f"/en/consultation/rounds/{round.pk}/"


def test_a_second_anonymous_reader_is_served_from_the_cache(client, round, round_url, django_assert_max_num_queries):
    first = page(client, round_url)
    with django_assert_max_num_queries(1):  # the generation: no rendering, not even the round's dates
        second = page(Client(), round_url)
    assert second.content.replace(*_tokens(second, first)) == first.content
    assert second["ETag"] == first["ETag"]


def _tokens(response, other):
    """(this response's CSRF token, the other's), to compare two pages apart from them."""
    pattern = rb'"X-CSRFToken": "([^"]+)"'
    return re.search(pattern, response.content).group(1), re.search(pattern, other.content).group(1)


def test_a_published_comment_shows_at_once(client, round, round_url, delegate, state_org):
    assert "1 comment" not in html(client, round_url)
    post(round, delegate, state_org)
    assert "1 comment" in html(Client(), round_url)


def test_a_moderation_decision_shows_at_once(client, version, delegate, state_org, secretariat):
    held = make_round(version, premoderated_kinds=["member_state"])
    url = f"/en/consultation/rounds/{held.pk}/"
    pending = post(held, delegate, state_org)
    assert "1 comment" not in html(client, url)  # pending: not counted for the public
    services.moderation_decide(item=pending, by=secretariat, action="publish", expected_state="pending")
    assert "1 comment" in html(Client(), url)


def test_a_round_closed_by_the_secretariat_shows_at_once(client, round, round_url, secretariat):
    before = html(client, round_url)
    round.closes_at = timezone.now() - timedelta(minutes=1)
    round.opens_at = timezone.now() - timedelta(days=2)
    services.round_save(round=round, by=secretariat)
    after = html(Client(), round_url)
    assert "badge--open" in before and "badge--closed" in after


# The moments below come sooner than PAGE_CACHE_SECONDS, so that the cache's own expiry cannot
# be what makes the page right.


def test_a_round_that_closes_with_time_shows_closed_without_any_write(client, version):
    closing = make_round(version, closes_at=timezone.now() + timedelta(seconds=60))
    url = f"/en/consultation/rounds/{closing.pk}/"
    assert "badge--open" in html(client, url)
    assert "badge--open" in html(Client(), url)  # served from the cache while it is true
    with freeze_time(closing.closes_at + timedelta(seconds=1)):  # its closing time passes: nothing is written
        assert "badge--closed" in html(Client(), url)


def test_an_upcoming_round_shows_open_once_its_opening_time_passes(client, version):
    upcoming = make_round(version, state="upcoming", opens_at=timezone.now() + timedelta(seconds=60))
    url = f"/en/consultation/rounds/{upcoming.pk}/"
    assert "badge--upcoming" in html(client, url)
    with freeze_time(upcoming.opens_at + timedelta(seconds=1)):
        assert "badge--open" in html(Client(), url)


def test_a_translated_round_title_shows_at_once(client, round, secretariat):
    url = f"/fr/consultation/rounds/{round.pk}/"
    assert "Tour de consultation solidaire" not in html(client, url)
    round.title_fr = "Tour de consultation solidaire"
    services.round_save(round=round, by=secretariat)
    assert "Tour de consultation solidaire" in html(Client(), url)


def test_a_new_version_shows_on_the_published_version_page(client, version, drafter):
    url = f"/en/texts/{version.instrument.slug}/v{version.number}/"
    assert "Compare with another version" not in html(client, url)
    second = text_services.version_copy(version=version, by=drafter, label="Revised text")
    assert "Compare with another version" not in html(Client(), url)  # a draft is not for readers
    text_services.version_publish(version=second, by=drafter, untranslated_ok=True)
    assert "Compare with another version" in html(Client(), url)


def test_a_signed_in_reader_never_gets_the_cached_page(client, round, round_url, delegate):
    anonymous = page(client, round_url)
    signed_in = Client()
    signed_in.force_login(delegate)
    personal = page(signed_in, round_url)
    assert "ETag" not in personal  # rendered for them, not taken from the cache
    assert "Sign out" in personal.content.decode() and "Sign out" not in anonymous.content.decode()


def test_a_cached_page_holds_nothing_personal(client, round, round_url, delegate):
    signed_in = Client()
    signed_in.force_login(delegate)
    page(signed_in, round_url)  # a signed-in visit first: nothing of it may reach the cache
    reader = page(client, round_url)
    token = client.cookies["csrftoken"].value
    cached = [value for key, value in cache._cache.items()]  # locmem: the pickled entries
    assert cached, "the page was not cached"
    for entry in cached:
        assert b"Sign out" not in entry and token.encode() not in entry
    text = reader.content.decode()
    assert "Sign in" in text and "Sign out" not in text
    assert "Set-Cookie" not in str(cached)


def test_each_reader_gets_their_own_csrf_token(round, round_url):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    one, two = page(first, round_url), page(second, round_url)
    assert b"csrf-placeholder" not in one.content and b"csrf-placeholder" not in two.content
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    own = re.search(rb'"X-CSRFToken": "([^"]+)"', two.content).group(1).decode()
    # The token in the second reader's page passes the CSRF check with their cookie, the first's does not.
    login = reverse("account_login")
    refused = second.post(login, {"login": "nobody@example.org", "password": "x"}, headers={"X-CSRFToken": "0" * 64})
    assert refused.status_code == 403
    response = second.post(login, {"login": "nobody@example.org", "password": "x"}, headers={"X-CSRFToken": own})
    assert response.status_code == 200 and "nobody@example.org" in response.content.decode()


def test_a_returning_reader_gets_a_304_until_the_page_changes(client, round, round_url, delegate, state_org):
    first = page(client, round_url)
    assert first["ETag"] and first["Last-Modified"] and "private" in first["Cache-Control"]
    again = client.get(round_url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and not again.content
    post(round, delegate, state_org)
    changed = client.get(round_url, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
