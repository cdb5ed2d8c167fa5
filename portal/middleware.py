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
from django.utils.translation import gettext_lazy

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


UNAVAILABLE_MESSAGE = gettext_lazy(
    "The service is briefly unavailable; nothing you sent was lost unless this page says so — please try again."
)
BAD_ADDRESS_MESSAGE = gettext_lazy(
    "This address contains a character that cannot be used (a NUL byte). Check the link and try again."
)


def database_free_response(request, status, template, message, **context):
    """A page (JSON for the API) in the address's language that reads nothing from the database:
    no user, no session. For answers given before sessions exist or while the database is down."""
    path = request.path_info.replace("\x00", "")
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(language):
        if path.startswith("/api/"):
            return HttpResponse(json.dumps({"detail": str(message)}), status=status, content_type="application/json")
        return HttpResponse(
            render_to_string(template, {"message": message, "language": language, **context}), status=status
        )


def unavailable_response(request):
    """The 503 page, with the headers that tell browsers and proxies to try again shortly."""
    response = database_free_response(request, 503, "503.html", UNAVAILABLE_MESSAGE, posted=request.method == "POST")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


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
            "database unavailable: %s %s answered 503 (%s: %s)",
            request.method,
            request.path,
            type(exception).__name__,
            str(exception).strip().splitlines()[0] if str(exception).strip() else "",
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
            return database_free_response(request, 400, "400.html", BAD_ADDRESS_MESSAGE)
        return self.get_response(request)
