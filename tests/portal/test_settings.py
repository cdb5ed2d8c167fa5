"""Start-up refuses unsafe or broken configuration with a one-line message."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.environment import Env

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env_changes):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}}
    env.update(env_changes)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_production_mode_without_secret_key_refuses_to_start():
    result = run_manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert result.stderr.strip().count("\n") == 0, "a one-line message, not a traceback"


def test_debug_mode_starts_without_secret_key():
    result = run_manage("check", DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_malformed_database_url_stops_start_up_naming_the_variable():
    for url in ["not a url", "foo://host/db", "postgres://"]:
        result = run_manage("check", DEBUG="1", DATABASE_URL=url)
        assert result.returncode != 0
        assert result.stderr.strip().startswith("Configuration error: DATABASE_URL is malformed")
        assert result.stderr.strip().count("\n") == 0


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("CAMPAIGN_SIMILARITY", "1.5"),
        ("CAMPAIGN_SIMILARITY", "0.1"),
        ("CAMPAIGN_MIN_WORDS", "2"),
        ("CAMPAIGN_MIN_WORDS", "500"),
    ],
)
def test_campaign_thresholds_out_of_range_stop_start_up_naming_the_variable(variable, value):
    result = run_manage("check", DEBUG="1", **{variable: value})
    assert result.returncode != 0
    assert f"{variable} must be between" in result.stderr and value in result.stderr
    assert result.stderr.strip().count("\n") == 0


def test_healthz_answers_503_when_the_database_is_down():
    # A real client against a PostgreSQL address where nothing listens.
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(r.status_code, r.content.decode())"
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DEBUG="0",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="portal.settings",
        DATABASE_URL="postgres://nobody@127.0.0.1:9/nowhere?connect_timeout=2",
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split()[:1] == ["503"], result.stdout + result.stderr


# --- Reading the environment (portal/environment.py: django-environ with the house rules) ------


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("yes", True), ("ON", True), (" true ", True), ("0", False), ("off", False), ("No", False)],
)
def test_booleans_say_yes_or_no(monkeypatch, value, expected):
    monkeypatch.setenv("SECURE_SSL_REDIRECT", value)
    assert Env().bool("SECURE_SSL_REDIRECT", default=not expected) is expected


def test_an_empty_variable_keeps_the_default_and_a_wrong_word_stops_start_up(monkeypatch):
    monkeypatch.setenv("SECURE_SSL_REDIRECT", "")
    assert Env().bool("SECURE_SSL_REDIRECT", default=True) is True  # never "off" by accident
    monkeypatch.setenv("SECURE_SSL_REDIRECT", "ture")
    with pytest.raises(ImproperlyConfigured, match=r"^SECURE_SSL_REDIRECT must be 1 or 0 .*not 'ture'\.$"):
        Env().bool("SECURE_SSL_REDIRECT", default=True)
    monkeypatch.setenv("FLAG_HIDE_THRESHOLD", "three")
    with pytest.raises(ImproperlyConfigured, match=r"^FLAG_HIDE_THRESHOLD must be a number, not 'three'\.$"):
        Env().int("FLAG_HIDE_THRESHOLD", default=3)


def test_lists_are_trimmed(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " portal.example.org, www.portal.example.org ,,")
    assert Env().list("ALLOWED_HOSTS", default=[]) == ["portal.example.org", "www.portal.example.org"]
    monkeypatch.delenv("ALLOWED_HOSTS")
    assert Env().list("ALLOWED_HOSTS", default=[]) == []


def test_database_urls(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://portal:s%40cret@db.internal:5433/portal?sslmode=require")
    database = Env().database("DATABASE_URL", CONN_MAX_AGE=60)
    assert {key: database[key] for key in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT", "CONN_MAX_AGE")} == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "portal",
        "USER": "portal",
        "PASSWORD": "s@cret",
        "HOST": "db.internal",
        "PORT": 5433,
        "CONN_MAX_AGE": 60,
    }
    assert database["OPTIONS"] == {"sslmode": "require"}
    monkeypatch.setenv("DATABASE_URL", "sqlite:////srv/portal/db.sqlite3")
    assert Env().database("DATABASE_URL")["NAME"] == "/srv/portal/db.sqlite3"
    for url in ["not a url", "foo://host/db", "postgres://", "mysql://host/db"]:
        monkeypatch.setenv("DATABASE_URL", url)
        with pytest.raises(ImproperlyConfigured, match="^DATABASE_URL is malformed"):
            Env().database("DATABASE_URL")


@pytest.mark.parametrize(
    ("url", "backend", "location"),
    [
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache", "portal"),
        ("db://", "django.core.cache.backends.db.DatabaseCache", "portal_cache"),
        ("db://other_table", "django.core.cache.backends.db.DatabaseCache", "other_table"),
        (
            "rediss://cache.internal:6380/1",
            "django.core.cache.backends.redis.RedisCache",
            "rediss://cache.internal:6380/1",
        ),
    ],
)
def test_cache_urls(monkeypatch, url, backend, location):
    monkeypatch.setenv("CACHE_URL", url)
    assert Env().cache("CACHE_URL", default="locmem://") == {"BACKEND": backend, "LOCATION": location}


def test_email_url_or_the_email_variables():
    script = (
        "import django, json; django.setup(); from django.conf import settings as s;"
        "print(json.dumps([s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD, s.EMAIL_USE_TLS]))"
    )

    def settings_with(**env):
        base = {k: v for k, v in os.environ.items() if not k.startswith("EMAIL_")}
        base.update(DEBUG="1", DJANGO_SETTINGS_MODULE="portal.settings", **env)
        done = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, env=base, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    smtp = "django.core.mail.backends.smtp.EmailBackend"
    assert settings_with(EMAIL_URL="smtp+tls://mailer:p%40ss@mail.example.org:587") == [
        smtp,
        "mail.example.org",
        587,
        "mailer",
        "p@ss",
        True,
    ]
    assert settings_with(EMAIL_HOST="mail.example.org", EMAIL_PORT="2525", EMAIL_USE_TLS="yes") == [
        smtp,
        "mail.example.org",
        2525,
        "",
        "",
        True,
    ]
    assert settings_with()[0] == "django.core.mail.backends.console.EmailBackend"
    result = run_manage("check", DEBUG="1", EMAIL_URL="gopher://mail.example.org")
    assert result.stderr.strip().startswith("Configuration error: EMAIL_URL must start with smtp://")
    assert result.stderr.strip().count("\n") == 0
