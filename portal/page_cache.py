"""Whole pages cached for readers who are not signed in: the published text of a version and a
round's page, served at close to the speed of a static file.

A page is cached under (generation, language, path and query). The generation is one number in the database (`PageGeneration`),
increased by `page_generation_bump()` in the transaction of every write that changes what such
a page shows (a text, a version, a round, a comment count, a decision): the old pages are then
never read again and expire. A page that changes with time alone (a round opens or closes) is
stored with the moment it stops being true (`page_true_until`), and rendered again from then on,
so that a reader served from the cache costs one query. A reader is served a cached page only when the request carries
no session and no messages cookie (so the reader is not signed in and has nothing personal to
see), and a page is stored only if its rendering set no cookie and used no real CSRF token:
the CSRF token every page carries (base.html, for htmx) is rendered as a placeholder and
replaced by the reader's own token on the way out. A cached response is `private` (it holds
that token) and carries an ETag and Last-Modified, so a returning reader gets a 304.
"""

import hashlib
import time
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language

from .models import PageGeneration

# What the template writes where the CSRF token goes, in a page rendered to be cached.
CSRF_PLACEHOLDER = "csrf-placeholder-for-a-cached-page-7e1b0c9a4f2d4e8b"
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage


def page_generation() -> int:
    numbers = list(PageGeneration.objects.filter(pk=1).order_by().values_list("number", flat=True))
    return numbers[0] if numbers else 0


def page_generation_bump() -> None:
    """Make every cached page stale (call it inside the write's transaction)."""
    if not PageGeneration.objects.filter(pk=1).update(number=F("number") + 1):
        PageGeneration.objects.get_or_create(pk=1)
        PageGeneration.objects.filter(pk=1).update(number=F("number") + 1)


def page_true_until(request, moment: datetime | None) -> None:
    """Say, while rendering a cached page, the moment it stops being true without any write."""
    if moment is not None:
        request.page_true_until = min(moment.timestamp(), getattr(request, "page_true_until", moment.timestamp()))


def csrf_placeholder(request):
    """Context processor: the placeholder instead of the token, in a page rendered to be cached."""
    return {"csrf_token": CSRF_PLACEHOLDER} if getattr(request, "renders_cached_page", False) else {}


def _cacheable_request(request):
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
        and "HTTP_HX_REQUEST" not in request.META
    )


def _storable(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a real token was rendered
        and not request.user.is_authenticated
    )


def cached_for_anonymous_readers(view):
    """Decorate a page's view: readers who are not signed in are served the cached page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = (
            "page:"
            + hashlib.sha256(repr([page_generation(), get_language(), request.get_full_path()]).encode()).hexdigest()
        )
        entry = cache.get(key)
        if entry is None or time.time() >= entry["true_until"]:
            request.renders_cached_page = True
            response = view(request, *args, **kwargs)
            request.renders_cached_page = False
            if not _storable(request, response):
                return _with_token(request, response)
            entry = {
                "content": response.content,
                "content_type": response["Content-Type"],
                "etag": '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"',
                "last_modified": time.time(),
                "true_until": getattr(request, "page_true_until", float("inf")),
            }
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        return _served(request, entry)

    return wrapper


def _with_token(request, response):
    if not response.streaming:
        response.content = response.content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    return response


def _served(request, entry):
    response = HttpResponse(
        entry["content"].replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode()),
        content_type=entry["content_type"],
    )
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["last_modified"])
    patch_cache_control(response, private=True, no_cache=True)
    return get_conditional_response(
        request, etag=entry["etag"], last_modified=int(entry["last_modified"]), response=response
    )
