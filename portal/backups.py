"""Whole-database backups and restores, for `manage.py backup` and `manage.py restore`.

PostgreSQL: `pg_dump -Fc` (one compressed archive holding schema and data) and
`pg_restore --clean --if-exists --single-transaction`, with the connection settings Django
uses (host, port, user, password, SSL options). SQLite: the online backup API
(`sqlite3.Connection.backup`), which copies a consistent snapshot while the portal keeps running.

What makes a backup trustworthy:
- it is written to a temporary file beside its destination, checked (`pg_restore --list`, or
  SQLite's `PRAGMA integrity_check`), flushed to disk, and only then renamed to its name, so a
  file with that name is always a complete backup; an existing file is never overwritten
  unless asked;
- a restore checks the archive before touching anything, first backs up the database it is
  about to replace (unless told not to), and is all or nothing: PostgreSQL restores in a single
  transaction, SQLite's backup API replaces the database in one step.
"""

import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.db import connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
# libpq reads these from the environment; Django keeps them in OPTIONS.
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslpassword": "PGSSLPASSWORD",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
    "service": "PGSERVICE",
    "passfile": "PGPASSFILE",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
    "application_name": "PGAPPNAME",
}


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why, in one sentence."""


@dataclass
class Result:
    path: Path
    bytes: int
    counts: dict
    safety_backup: Path | None = None


# --- Where the database is -------------------------------------------------------------------


def database_settings(using="default"):
    settings = connections.databases[using]
    vendor = connections[using].vendor
    if vendor not in {"postgresql", "sqlite"}:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor, settings


def describe(using="default"):
    vendor, settings = database_settings(using)
    if vendor == "sqlite":
        return f"the SQLite database {settings['NAME']}"
    host = settings.get("HOST") or "the local socket"
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    return f"the PostgreSQL database {settings['NAME']!r} on {host}{port}"


def kind_of_file(path):
    with open(path, "rb") as file:
        start = file.read(len(SQLITE_MAGIC))
    if start.startswith(SQLITE_MAGIC):
        return "sqlite"
    if start.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    return None


def counts(using="default"):
    """Rows in the tables people care about, to print beside a backup (absent tables: None)."""
    from django.apps import apps

    wanted = {
        "comments": "consultations.Comment",
        "submissions": "consultations.Submission",
        "versions": "drafts.Version",
        "provisions": "drafts.Provision",
        "revisions": "reversion.Revision",
    }
    found = {}
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for label, model_name in wanted.items():
            table = apps.get_model(model_name)._meta.db_table
            if table in tables:
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
                found[label] = cursor.fetchone()[0]
            else:
                found[label] = None
    return found


# --- PostgreSQL tools ------------------------------------------------------------------------


def _tool_major(binary):
    done = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30)
    match = re.search(r"(\d+)(?:\.\d+)?", done.stdout)
    return int(match.group(1)) if match else None


def find_pg_tool(name, server_major=None):
    """The pg_dump/pg_restore to use: $PG_BINDIR first, then the version matching the server
    under /usr/lib/postgresql, then the newest there, then PATH. pg_dump must be at least as new
    as the server, so older ones are passed over."""
    candidates = []
    if os.environ.get("PG_BINDIR"):
        candidates.append(Path(os.environ["PG_BINDIR"]) / name)
    installed = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
        reverse=True,
    )
    if server_major:
        candidates += [p for p in installed if p.parts[-3] == str(server_major)]
    candidates += installed
    if shutil.which(name):
        candidates.append(Path(shutil.which(name)))
    too_old = []
    for candidate in candidates:
        if not os.access(candidate, os.X_OK):
            continue
        major = _tool_major(candidate)
        if server_major and major and major < server_major:
            too_old.append(f"{candidate} ({major})")
            continue
        return str(candidate)
    if too_old:
        raise BackupError(
            f"{name} must be at least as new as the server (PostgreSQL {server_major}); found only {', '.join(too_old)}."
        )
    raise BackupError(f"{name} was not found: install PostgreSQL's client programs or set PG_BINDIR.")


def _server_major(using):
    connection = connections[using]
    connection.ensure_connection()
    return connection.pg_version // 10000


def _libpq_env(settings):
    env = dict(os.environ)
    for variable in ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", *LIBPQ_OPTIONS.values()):
        env.pop(variable, None)  # only the portal's own settings count
    if settings.get("HOST"):
        env["PGHOST"] = str(settings["HOST"])
    if settings.get("PORT"):
        env["PGPORT"] = str(settings["PORT"])
    if settings.get("USER"):
        env["PGUSER"] = str(settings["USER"])
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])  # the environment, never the command line (ps shows it)
    env["PGDATABASE"] = str(settings["NAME"])
    for option, variable in LIBPQ_OPTIONS.items():
        value = (settings.get("OPTIONS") or {}).get(option)
        if value not in (None, ""):
            env[variable] = str(value)
    return env


def _run(command, env, what):
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise BackupError(f"{what} failed (exit status {done.returncode}): {' / '.join(detail[-5:]) or 'no message'}")
    return done


def _read_whole_archive(path, env, major, what):
    """Read every block of a pg_dump archive (its table of contents and all the data) without
    writing anywhere: a truncated or damaged file fails here, not halfway through a restore."""
    _run([find_pg_tool("pg_restore", major), "--file=/dev/null", str(path)], env, f"{what} (pg_restore)")


# --- Writing files safely --------------------------------------------------------------------


def _temporary_beside(path):
    return path.with_name(f".{path.name}.partial-{os.getpid()}")


def _fsync(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _publish(temporary, path):
    """Flush the checked temporary file to disk, then give it its name in one step."""
    _fsync(temporary)
    os.replace(temporary, path)
    _fsync(path.parent)


def _sqlite_integrity(path):
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as check:
            result = check.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a readable SQLite database: {exc}.") from None
    if result != "ok":
        raise BackupError(f"{path} failed SQLite's integrity check: {result}.")


# --- Backup ----------------------------------------------------------------------------------


def backup(path, *, using="default", overwrite=False):
    path = Path(path).absolute()
    vendor, settings = database_settings(using)
    if path.exists() and not overwrite:
        raise BackupError(f"{path} already exists: choose another name (or --force to replace it).")
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist.")
    found = counts(using)
    temporary = _temporary_beside(path)
    try:
        if vendor == "postgresql":
            env = _libpq_env(settings)
            major = _server_major(using)
            _run(
                [find_pg_tool("pg_dump", major), "--format=custom", "--no-password", f"--file={temporary}"],
                env,
                "pg_dump",
            )
            _read_whole_archive(temporary, env, major, "Checking the new archive")
        else:
            _sqlite_backup(settings["NAME"], temporary)
            _sqlite_integrity(temporary)
        _publish(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return Result(path=path, bytes=path.stat().st_size, counts=found)


def _sqlite_backup(source, destination):
    if not source or source == ":memory:" or not Path(source).exists():
        raise BackupError(f"There is no SQLite database file to back up at {source!r}.")
    # Read-only: a backup never writes to the database it copies.
    with (
        closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=60)) as src,
        closing(sqlite3.connect(destination)) as dst,
    ):
        src.backup(dst)


# --- Restore ---------------------------------------------------------------------------------


def check_archive(path, *, using="default"):
    """Refuse a file that is missing, of the other database's kind, or damaged, before anything
    is touched."""
    path = Path(path).absolute()
    vendor, settings = database_settings(using)
    if not path.is_file():
        raise BackupError(f"{path} does not exist.")
    kind = kind_of_file(path)
    if kind is None:
        raise BackupError(
            f"{path} is not a backup made by manage.py backup (neither a pg_dump archive nor a SQLite database)."
        )
    if kind != vendor:
        raise BackupError(f"{path} is a {kind} backup, but {describe(using)} is {vendor}.")
    if vendor == "postgresql":
        _read_whole_archive(path, _libpq_env(settings), None, "Reading the archive")
    else:
        _sqlite_integrity(path)
    return path


def safety_backup_path(path, vendor):
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    suffix = ".dump" if vendor == "postgresql" else ".sqlite3"
    return Path(path).absolute().with_name(f"before-restore-{stamp}{suffix}")


def restore(path, *, using="default", safety_backup=True):
    path = check_archive(path, using=using)
    vendor, settings = database_settings(using)
    kept = None
    if safety_backup:
        kept = safety_backup_path(path, vendor)
        try:
            backup(kept, using=using)
        except BackupError as exc:
            raise BackupError(
                f"Could not first back up the database being replaced ({exc}) — nothing was restored. "
                "If that database is beyond saving, run the restore again with --no-safety-backup."
            ) from None
    connections[using].close()  # our own connection would hold locks the restore needs
    if vendor == "postgresql":
        major = _server_major(using)
        connections[using].close()
        _run(
            [
                find_pg_tool("pg_restore", major),
                "--clean",
                "--if-exists",
                "--single-transaction",
                "--exit-on-error",
                "--no-owner",
                "--no-privileges",
                "--no-password",
                f"--dbname={settings['NAME']}",
                str(path),
            ],
            _libpq_env(settings),
            "pg_restore (nothing was changed: the restore runs in one transaction)",
        )
    else:
        destination = Path(settings["NAME"])
        destination.parent.mkdir(parents=True, exist_ok=True)
        with (
            closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as src,
            closing(sqlite3.connect(destination, timeout=60)) as dst,
        ):
            src.backup(dst)
    return Result(path=path, bytes=path.stat().st_size, counts=counts(using), safety_backup=kept)


def pending_migrations(using="default"):
    """Migrations the restored database lacks (a backup made with older code)."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[using])
    return [
        f"{migration.app_label}.{migration.name}"
        for migration, _backwards in executor.migration_plan(executor.loader.graph.leaf_nodes())
    ]
