"""Keyset pagination over (created_at, id) with signed, opaque cursors.

A cursor holds the last item of a page and a digest of the filters it was made for, signed
with the SECRET_KEY: a forged cursor, or one carried over to a query with other filters
(which would skip or repeat items), is refused instead of answered wrongly."""

import hashlib
import json
from datetime import datetime

from django.core import signing
from django.db.models import Q
from ninja.errors import HttpError

SALT = "consultations.api.cursor"
ORDER = ("created_at", "pk")


def filters_digest(filters):
    return hashlib.sha256(json.dumps(filters, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _encode(item, digest):
    return signing.dumps({"q": digest, "t": item.created_at.isoformat(), "i": item.pk}, salt=SALT)


def _after(cursor, digest):
    try:
        payload = signing.loads(cursor, salt=SALT)
    except signing.BadSignature:
        raise HttpError(400, "This cursor is not valid: pass the next_cursor of a previous page unchanged.") from None
    if payload["q"] != digest:
        raise HttpError(
            400,
            "This cursor was made for other filters: start again without a cursor, or keep the filters of the page it came from.",
        )
    moment = datetime.fromisoformat(payload["t"])
    return Q(created_at__gt=moment) | Q(created_at=moment, pk__gt=payload["i"])


def keyset_page(queryset, *, cursor, limit, digest):
    """(items, next cursor or None): one query, whatever page is asked for."""
    if cursor:
        queryset = queryset.filter(_after(cursor, digest))
    items = list(queryset.order_by(*ORDER)[: limit + 1])
    if len(items) <= limit:
        return items, None
    return items[:limit], _encode(items[limit - 1], digest)
