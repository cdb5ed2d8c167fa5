"""While the database cannot be reached (restarting, failing over, overloaded), every request
gets a clear 503 page that says to try again, instead of a 500 "server error".

Django turns an exception into a 500 response at each layer of the middleware stack, so this
works at two levels: a view's `OperationalError`/`InterfaceError` is answered here directly
(`process_exception`), and one raised elsewhere (a session saved on the way out, a middleware
reading the user) is noticed through the `got_request_exception` signal and its 500 replaced on
the way out. Nothing is retried: a POST never is (the forms' client_token makes the person's own
retry safe: the same form sent twice stores one contribution), and with CONN_HEALTH_CHECKS each
request starts on a connection that works again as soon as the database does."""

import json
import logging
import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger("portal.availability")
UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5
MARK = "_portal_database_unavailable"


def database_unavailable(exception):
    seen = set()
    while exception is not None and id(exception) not in seen:
        if isinstance(exception, UNAVAILABLE):
            return True
        seen.add(id(exception))
        exception = exception.__cause__ or exception.__context__
    return False


def _remember(sender, request=None, **kwargs):
    exception = sys.exc_info()[1]
    if request is not None and database_unavailable(exception):
        setattr(request, MARK, exception)


got_request_exception.connect(_remember, dispatch_uid="portal.middleware.database_unavailable")


def unavailable_response(request):
    """The 503 page, rendered without touching the database (no user, no session)."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        if request.path_info.startswith("/api/"):
            body = json.dumps({"detail": str(_message())})
            response = HttpResponse(body, status=503, content_type="application/json")
        else:
            html = render_to_string("503.html", {"posted": request.method == "POST", "language": language})
            response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _message():
    from django.utils.translation import gettext

    return gettext(
        "The service is briefly unavailable; nothing you sent was lost unless this page says so — please try again."
    )


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
        except UNAVAILABLE as exception:
            return self._answer(request, exception)
        exception = getattr(request, MARK, None)
        if exception is not None and response.status_code == 500:
            return self._answer(request, exception)
        return response

    def process_exception(self, request, exception):
        if database_unavailable(exception):
            return self._answer(request, exception)
        return None

    def _answer(self, request, exception):
        logger.error(
            "database unavailable: %s %s answered 503 (%s: %s)", request.method, request.path,
            type(exception).__name__, str(exception).strip().splitlines()[0] if str(exception).strip() else "",
        )
        return unavailable_response(request)


class RefuseNulBytesMiddleware:
    """A NUL byte in the path is refused with a clear 400 before any view runs: PostgreSQL text
    cannot hold one, so looking up a path's slug or key with it would be a server error. Query
    parameters are each checked where they are read (the pages' forms, which also refuse or
    clean NUL bytes, and the API's schemas)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            return bad_address_response(request)
        return self.get_response(request)


def bad_address_response(request):
    """Rendered without the database, like the 503 page: this runs before sessions and users."""
    language = translation.get_language_from_path(request.path_info.replace("\x00", "")) or settings.LANGUAGE_CODE
    with translation.override(language):
        message = _bad_address_message()
        if request.path_info.startswith("/api/"):
            return HttpResponse(json.dumps({"detail": str(message)}), status=400, content_type="application/json")
        return HttpResponse(render_to_string("400.html", {"message": message}), status=400)


def _bad_address_message():
    from django.utils.translation import gettext

    return gettext("This address contains a character that cannot be used (a NUL byte). Check the link and try again.")
