"""Start-up refuses unsafe or broken configuration with a one-line message."""

import os
import subprocess
import sys
from pathlib import Path

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
