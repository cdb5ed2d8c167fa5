"""Reads of exports and of the public API go to the read replica when `DATABASE_REPLICA_URL` is
set; every write, and every other read, goes to the primary.

Which requests may read from the replica is decided by `ReplicaReadsMiddleware` (GET and HEAD
on `/api/…` and on export URLs); the router then sends there only the reads of texts, comments
and history (the apps drafts, consultations, reversion). People, sessions, permissions and
memberships are always read from the primary, so a replica a few seconds behind never signs
anybody out or refuses someone a right they just received. A replica lags: an export may miss
the last seconds of comments, which is why pages, forms and the moderation queue never use it.
"""

import re
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.http import FileResponse

REPLICA = "replica"
REPLICA_APPS = {"drafts", "consultations", "reversion"}
# /api/…; /<lang>/exports/… (comment exports); /<lang>/texts/…/export.<fmt> and …/compare/export.xml.
REPLICA_PATHS = re.compile(r"^/(api/|[a-z-]+/exports/|[a-z-]+/texts/.+/export\.[a-z]+$)")

_reading_from_replica = ContextVar("reading_from_replica", default=False)


def replica_configured():
    return REPLICA in settings.DATABASES


@contextmanager
def replica_reads():
    """Within this block, reads of texts, comments and history may use the replica."""
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reading_from_replica.get() and model._meta.app_label in REPLICA_APPS and replica_configured():
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica is a copy of the primary: objects from either may be related.
        return {obj1._state.db, obj2._state.db} <= {"default", REPLICA}

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"  # the replica receives the schema from the primary, never from migrate


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (replica_configured() and request.method in ("GET", "HEAD") and REPLICA_PATHS.match(request.path_info)):
            return self.get_response(request)
        with replica_reads():
            response = self.get_response(request)
        if response.streaming and not isinstance(response, FileResponse):
            # A streamed export reads its rows while the server sends them, after this returns.
            response.streaming_content = _replica_reads_while_streaming(response.streaming_content)
        return response


def _replica_reads_while_streaming(chunks):
    chunks = iter(chunks)
    while True:
        with replica_reads():
            try:
                chunk = next(chunks)
            except StopIteration:
                return
        yield chunk
