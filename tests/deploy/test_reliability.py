"""What keeps the portal honest when its database falters, and the settings that several app
servers behind a load balancer need: the 503 page, JSON logs, the read-replica router, the
shared cache."""

import json
import logging
import os
import subprocess
import sys

import pytest
from django.db import InterfaceError, OperationalError, ProgrammingError
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory

from portal import db_router
from portal.logging import DatabaseUnavailableFilter, JsonFormatter
from portal.middleware import MARK, DatabaseUnavailableMiddleware
from tests.deploy.scratch import ROOT

DOWN = "postgres://nobody@127.0.0.1:9/nowhere?connect_timeout=2"


def run_python(script, **env_changes):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "CACHE_URL", "LOG_FORMAT", "DATABASE_REPLICA_URL", "CONN_MAX_AGE"}
    }
    env.update(
        DEBUG="0",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="portal.settings",
        SECURE_SSL_REDIRECT="0",
    )
    env.update(env_changes)
    return subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


# --- 503 while the database is down ----------------------------------------------------------


def test_every_kind_of_request_gets_a_clear_503_while_the_database_cannot_be_reached():
    script = """
import django, json; django.setup()
from django.test import Client
client = Client(raise_request_exception=False)  # as under gunicorn: the response is what counts
client.cookies["sessionid"] = "a" * 32  # a signed-in visitor: the session is read from the database
answers = {}
for method, path in [("get", "/en/"), ("get", "/ar/consultation/rounds/1/"), ("post", "/en/consultation/rounds/1/comments/general/new/"), ("get", "/api/instruments")]:
    r = getattr(client, method)(path, {"text": "x"} if method == "post" else None)
    answers[f"{method} {path}"] = [r.status_code, r.headers.get("Retry-After"), r.headers.get("Content-Type"), r.content.decode()]
print(json.dumps(answers))
"""
    done = run_python(script, DATABASE_URL=DOWN)
    assert done.returncode == 0, done.stderr
    answers = json.loads(done.stdout.strip().splitlines()[-1])
    for request, (status, retry_after, _content_type, body) in answers.items():
        assert status == 503, request
        assert retry_after == "5", request
        # In the language of the page, without the database (the catalogs are files).
        assert ("الخدمة غير متاحة مؤقتاً" if "/ar/" in request else "The service is briefly unavailable") in body, (
            request
        )
    assert 'lang="ar" dir="rtl"' in answers["get /ar/consultation/rounds/1/"][3]
    assert "send the same form again" in answers["post /en/consultation/rounds/1/comments/general/new/"][3]
    assert answers["get /api/instruments"][2] == "application/json"
    # One line per request saying why, not a traceback each.
    assert "database unavailable" in done.stderr
    assert "Traceback" not in done.stderr, done.stderr[-3000:]


def _request(path="/en/", method="get"):
    return getattr(RequestFactory(), method)(path)


def test_the_middleware_answers_503_for_connection_errors_only():
    def raising(error):
        def get_response(request):
            raise error

        return get_response

    for error in (OperationalError("server closed the connection"), InterfaceError("connection already closed")):
        assert DatabaseUnavailableMiddleware(raising(error))(_request()).status_code == 503
        assert (
            DatabaseUnavailableMiddleware(lambda r: HttpResponse()).process_exception(_request(), error).status_code
            == 503
        )
    # A bug is not an outage: it stays a 500 (and its traceback stays in the log).
    assert (
        DatabaseUnavailableMiddleware(lambda r: HttpResponse()).process_exception(
            _request(), ProgrammingError("no such column")
        )
        is None
    )

    # A middleware deeper down failed on the database: Django made a 500; it becomes a 503.
    def inner_failure(request):
        setattr(request, MARK, OperationalError("the database system is shutting down"))
        return HttpResponse("Server error", status=500)

    assert DatabaseUnavailableMiddleware(inner_failure)(_request()).status_code == 503
    assert DatabaseUnavailableMiddleware(lambda r: HttpResponse(status=500))(_request()).status_code == 500


# --- Logs ------------------------------------------------------------------------------------


def test_json_log_lines():
    formatter = JsonFormatter()
    record = logging.LogRecord("portal.x", logging.WARNING, __file__, 1, "Bonjour %s", ("Genève",), None)
    entry = json.loads(formatter.format(record))
    assert entry["level"] == "WARNING" and entry["logger"] == "portal.x" and entry["message"] == "Bonjour Genève"
    assert entry["time"].endswith("Z")

    atoms = {"m": "POST", "U": "/en/consultation/", "q": "", "s": "302", "M": "41", "h": "10.0.0.1", "a": "Mozilla"}
    access = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1, "%(h)s %(r)s", (atoms,), None)
    entry = json.loads(formatter.format(access))
    assert entry | {"time": None} == {
        "time": None,
        "level": "INFO",
        "logger": "gunicorn.access",
        "message": "POST /en/consultation/ 302",
        "method": "POST",
        "path": "/en/consultation/",
        "status": 302,
        "duration_ms": 41,
        "remote_addr": "10.0.0.1",
        "user_agent": "Mozilla",
    }

    try:
        raise OperationalError("connection refused")
    except OperationalError:
        failed = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s", ("/en/",), sys.exc_info()
        )
    entry = json.loads(formatter.format(failed))
    assert entry["exception"] == "OperationalError" and "connection refused" in entry["traceback"]
    # The middleware already logged this outage in one line: Django's traceback is dropped.
    assert DatabaseUnavailableFilter().filter(failed) is False
    failed.exc_info = (ValueError, ValueError("bug"), None)
    assert DatabaseUnavailableFilter().filter(failed) is True


# --- Read replica ----------------------------------------------------------------------------


@pytest.fixture
def with_replica(monkeypatch):
    monkeypatch.setattr(db_router, "replica_configured", lambda: True)


def test_exports_and_the_api_read_texts_and_comments_from_the_replica(with_replica):
    from reversion.models import Revision

    from consultations.models import Comment
    from drafts.models import Provision
    from portal.models import Membership, User

    router = db_router.ReplicaRouter()
    assert router.db_for_read(Comment) == "default"
    with db_router.replica_reads():
        assert [router.db_for_read(m) for m in (Comment, Provision, Revision)] == ["replica"] * 3
        # People, memberships and sessions always come from the primary.
        assert [router.db_for_read(m) for m in (User, Membership)] == ["default", "default"]
        assert router.db_for_write(Comment) == "default"
    assert router.allow_migrate("replica", "consultations") is False
    assert router.allow_migrate("default", "consultations") is True

    seen = []

    def view(request):
        seen.append(router.db_for_read(Comment))

        def rows():
            for _ in range(2):
                seen.append(router.db_for_read(Comment))  # read while the response streams
                yield b"row\n"

        return StreamingHttpResponse(rows()) if "comments.csv" in request.path else HttpResponse()

    middleware = db_router.ReplicaReadsMiddleware(view)
    for path in (
        "/api/comments",
        "/fr/exports/rounds/1/comments.csv",
        "/en/texts/decl/v2/export.docx",
        "/en/texts/decl/compare/export.xml",
    ):
        seen.clear()
        response = middleware(_request(path))
        if response.streaming:
            b"".join(response.streaming_content)
        assert set(seen) == {"replica"}, path
    for path, method in (
        ("/en/consultation/rounds/1/", "get"),
        ("/en/texts/decl/v2/", "get"),
        ("/fr/exports/rounds/1/comments.csv", "post"),
    ):
        seen.clear()
        middleware(_request(path, method))
        assert seen == ["default"], path


def test_without_a_replica_everything_reads_the_primary():
    from consultations.models import Comment

    with db_router.replica_reads():
        assert db_router.ReplicaRouter().db_for_read(Comment) == "default"


# --- Settings from the environment -----------------------------------------------------------


def test_cache_replica_and_logging_settings_come_from_the_environment(tmp_path):
    script = """
import django, json; django.setup()
from django.conf import settings
from django.core.cache import caches
caches["default"]._cache  # builds the client: the redis package is installed
print(json.dumps({
    "cache": settings.CACHES["default"], "cache_class": type(caches["default"]).__name__,
    "databases": sorted(settings.DATABASES), "routers": settings.DATABASE_ROUTERS,
    "conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"], "health_checks": settings.DATABASES["default"]["CONN_HEALTH_CHECKS"],
    "connect_timeout": settings.DATABASES["default"]["OPTIONS"].get("connect_timeout"),
    "replica_test": settings.DATABASES["replica"]["TEST"], "log_stream": settings.LOGGING["handlers"]["console"].get("stream"),
    "session_engine": settings.SESSION_ENGINE,
}))
"""
    done = run_python(
        script,
        CACHE_URL="redis://127.0.0.1:6390/0",
        LOG_FORMAT="json",
        CONN_MAX_AGE="7",
        DATABASE_URL="postgres://portal@db.internal:5432/portal",
        DATABASE_REPLICA_URL="postgres://portal@replica.internal:5432/portal",
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["cache"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6390/0",
    }
    assert found["cache_class"] == "RedisCache"
    assert found["databases"] == ["default", "replica"] and found["routers"] == ["portal.db_router.ReplicaRouter"]
    assert (found["conn_max_age"], found["health_checks"], found["connect_timeout"]) == (7, True, 10)
    assert found["replica_test"]["MIRROR"] == "default"
    assert found["log_stream"] == "ext://sys.stdout"
    assert found["session_engine"] == "django.contrib.sessions.backends.db"

    done = run_python(
        "import django, json; django.setup(); from django.conf import settings; print(json.dumps(settings.CACHES))",
        CACHE_URL="db://",
    )
    assert json.loads(done.stdout)["default"] == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_cache",
    }


@pytest.mark.parametrize(
    "variable, value, message",
    [
        ("CACHE_URL", "memcached://127.0.0.1", "CACHE_URL must start with"),
        ("LOG_FORMAT", "xml", "LOG_FORMAT must be text or json"),
        ("CONN_MAX_AGE", "forever", "CONN_MAX_AGE must be a number"),
        ("DATABASE_REPLICA_URL", "foo://x/y", "DATABASE_REPLICA_URL is malformed"),
    ],
)
def test_bad_settings_stop_start_up_with_one_line(variable, value, message):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"CACHE_URL", "LOG_FORMAT", "CONN_MAX_AGE", "DATABASE_REPLICA_URL"}
    }
    env.update(DEBUG="1", **{variable: value})
    done = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0
    assert done.stderr.strip().startswith("Configuration error: " + message), done.stderr
    assert done.stderr.strip().count("\n") == 0
