"""A session's last use is recorded when its client changes and every few minutes, not on every
request (portal/session_activity.py): the sessions page stays true, posting stays cheap."""

import datetime

import pytest
from allauth.usersessions.models import UserSession
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

import portal.urls  # noqa: F401 - the API's schemas are built before any clock is frozen
from portal.session_activity import ACTIVITY_INTERVAL_SECONDS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
START = datetime.datetime(2026, 12, 3, 9, 0, tzinfo=datetime.UTC)


def usersession_statements(client, path="/en/me/", **headers):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, **headers).status_code == 200
    return [q["sql"] for q in queries if "usersessions_usersession" in q["sql"]]


def test_a_session_is_recorded_once_then_again_after_the_interval(client):
    user = UserFactory()
    with freeze_time(START) as clock:
        client.force_login(user)
        assert usersession_statements(client)  # first request: the session is recorded
        assert UserSession.objects.get(user=user).last_seen_at == START
        clock.tick(ACTIVITY_INTERVAL_SECONDS - 1)
        assert usersession_statements(client) == []  # within the interval: nothing read or written
        clock.tick(1)
        assert usersession_statements(client)
        assert UserSession.objects.get(user=user).last_seen_at == START + datetime.timedelta(
            seconds=ACTIVITY_INTERVAL_SECONDS
        )


def test_another_browser_or_address_is_recorded_at_once(client):
    user = UserFactory()
    with freeze_time(START) as clock:
        client.force_login(user)
        usersession_statements(client, HTTP_USER_AGENT="Browser A")
        clock.tick(10)
        assert usersession_statements(client, HTTP_USER_AGENT="Browser B")
        assert UserSession.objects.get(user=user).user_agent == "Browser B"
        clock.tick(10)
        assert usersession_statements(client, HTTP_USER_AGENT="Browser B", REMOTE_ADDR="198.51.100.7")
        assert UserSession.objects.get(user=user).ip == "198.51.100.7"


def test_a_visitor_not_signed_in_has_no_session_row(client):
    assert usersession_statements(client, "/en/") == []
    assert not UserSession.objects.exists()
