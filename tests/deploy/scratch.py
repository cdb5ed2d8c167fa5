"""Databases of their own for tests that run the portal in other processes (manage.py commands,
gunicorn): on PostgreSQL a database created on the test server (CREATE DATABASE, cloned from a
migrated template), on SQLite a file. Used by tests/portal/test_backup.py and tests/deploy/.

The migrated template is made once per test process (migrating from scratch is most of the
cost) and dropped when the session ends."""

import http.client
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
SECRET = "test-only-deploy-secret-" + "k" * 40
# What a subprocess must not inherit from the test run: each test says what it means.
SCRUBBED = {
    "DATABASE_URL",
    "DATABASE_REPLICA_URL",
    "CACHE_URL",
    "LOG_FORMAT",
    "MIGRATE_ON_START",
    "WEB_CONCURRENCY",
    "GUNICORN_BIND",
    "SECRET_KEY",
    "DEBUG",
    "VAR_DIR",
}


def vendor():
    from django.conf import settings

    return "postgresql" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "sqlite"


def environment(database_url, var_dir, **extra):
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    env.update(
        DEBUG="0",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        VAR_DIR=str(var_dir),
        PYTHONUNBUFFERED="1",
        DJANGO_SETTINGS_MODULE="portal.settings",
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


def manage(env, *args, check=True, timeout=300, input=None):
    # Without the system checks (0.4 s a command; the suite checks the project on its own).
    done = subprocess.run(
        [PYTHON, "manage.py", *args, "--skip-checks"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        input=input,
    )
    if check and done.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done


def python(env, script, timeout=300):
    """Run `script` in a fresh process with Django set up; return its stdout."""
    done = subprocess.run(
        [PYTHON, "-c", "import django; django.setup()\n" + script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise AssertionError(f"script failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout


@contextmanager
def connected(url):
    """A DB-API connection (autocommit) to a scratch database, from the test process itself:
    placeholders are `?` on SQLite and `%s` on PostgreSQL."""
    if url.startswith("sqlite:///"):
        connection = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
    else:
        import psycopg

        connection = psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True)
    try:
        yield connection
    finally:
        connection.close()


class Scratch:
    """Makes databases for one test; drops them afterwards."""

    _template = {}  # per process: the migrated template's URL (or file)

    def __init__(self, request, folder):
        self.request = request
        self.folder = Path(folder)
        self.vendor = vendor()
        self.made = []
        if self.vendor == "postgresql":
            from django.conf import settings

            server = settings.DATABASES["default"]
            self.server = {k: server.get(k) for k in ("HOST", "PORT", "USER", "PASSWORD")}

    # --- PostgreSQL --------------------------------------------------------------------------
    def _admin(self, sql):
        import psycopg

        with psycopg.connect(
            host=self.server["HOST"] or None,
            port=self.server["PORT"] or None,
            user=self.server["USER"] or None,
            password=self.server["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        ) as connection:
            connection.execute(sql)

    def _url(self, name):
        user = quote(self.server["USER"] or "", safe="")
        password = f":{quote(self.server['PASSWORD'], safe='')}" if self.server["PASSWORD"] else ""
        host = self.server["HOST"] or "localhost"
        port = f":{self.server['PORT']}" if self.server["PORT"] else ""
        return f"postgres://{user}{password}@{host}{port}/{name}"

    def _drop_pg(self, name):
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    # --- Both --------------------------------------------------------------------------------
    def empty(self, hint="db"):
        """A database with nothing in it (not migrated)."""
        name = f"scratch_{hint}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        if self.vendor == "postgresql":
            self._admin(f'CREATE DATABASE "{name}"')
            self.made.append(name)
            return self._url(name)
        path = self.folder / f"{name}.sqlite3"
        self.made.append(path)
        return f"sqlite:///{path}"

    def migrated(self, hint="db"):
        """A database with every migration applied (cloned from a template made once)."""
        template = self._migrated_template()
        name = f"scratch_{hint}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        if self.vendor == "postgresql":
            self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            self.made.append(name)
            return self._url(name)
        path = self.folder / f"{name}.sqlite3"
        shutil.copyfile(template, path)
        self.made.append(path)
        return f"sqlite:///{path}"

    def copy(self, url, hint="copy"):
        """A copy of another scratch database as it is now (nobody may be connected to it)."""
        name = f"scratch_{hint}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        source = url.rsplit("/", 1)[-1]
        if self.vendor == "postgresql":
            self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
            self.made.append(name)
            return self._url(name)
        path = self.folder / f"{name}.sqlite3"
        shutil.copyfile(url.removeprefix("sqlite:///"), path)
        self.made.append(path)
        return f"sqlite:///{path}"

    def _migrated_template(self):
        if self.vendor in Scratch._template:
            return Scratch._template[self.vendor]
        folder = Path(tempfile.mkdtemp(prefix="portal-template-"))
        self.request.config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
        name = f"scratch_template_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        if self.vendor == "postgresql":
            self._admin(f'CREATE DATABASE "{name}"')
            self.request.config.add_cleanup(lambda: self._drop_pg(name))
            url, template = self._url(name), name
        else:
            template = folder / f"{name}.sqlite3"
            url = f"sqlite:///{template}"
        manage(environment(url, folder / "var"), "migrate", "--no-input", "-v0")
        Scratch._template[self.vendor] = template
        return template

    def close(self):
        for made in self.made:
            if self.vendor == "postgresql":
                self._drop_pg(made)
            else:
                Path(made).unlink(missing_ok=True)


@pytest.fixture
def scratch(request, tmp_path):
    databases = Scratch(request, tmp_path)
    yield databases
    databases.close()


# --- Servers ---------------------------------------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, path="/healthz", seconds=60, process=None, log=None):
    """Wait for the server to answer 200; if it dies first, fail with what it wrote in `log`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            written = ""
            if log is not None:
                log.seek(0)
                written = log.read()[-4000:]
            raise AssertionError(f"the server exited with status {process.returncode} before answering:\n{written}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"nothing answered 200 on port {port}{path} within {seconds} s")
