"""One JSON object per line for log collectors (`LOG_FORMAT=json`), written by python-json-logger:
time, level, logger and message always; the request's method, path and status when Django logs
one; gunicorn's access fields (method, path, status, duration, remote address, user agent) for
its access log; the exception's type and traceback when there is one. Never a request body,
cookie or header with credentials."""

import logging
from datetime import UTC, datetime

from pythonjsonlogger.json import JsonFormatter as LibraryJsonFormatter

# gunicorn's access-log atoms (its `safe_atoms` dict) and the names they get here.
ACCESS_FIELDS = {
    "m": "method",
    "U": "path",
    "q": "query",
    "s": "status",
    "M": "duration_ms",
    "h": "remote_addr",
    "a": "user_agent",
    "B": "bytes",
    "H": "protocol",
    "f": "referer",
}
NUMBERS = {"status", "duration_ms", "bytes"}


class JsonFormatter(LibraryJsonFormatter):
    """python-json-logger's formatter, with the portal's field names and what it adds: the
    request's method and path instead of the request object, gunicorn's access atoms by name."""

    def __init__(self):
        super().__init__(
            "%(levelname)s %(name)s %(message)s",
            rename_fields={"levelname": "level", "name": "logger", "exc_info": "traceback", "status_code": "status"},
            json_default=str,
            json_ensure_ascii=False,
        )

    def format(self, record):
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            # gunicorn's own access format is not ours: the message says method, path and status,
            # and the atoms become fields (add_fields).
            atoms = record.args
            message = f"{atoms.get('m', '-')} {atoms.get('U', '-')} {atoms.get('s', '-')}"
            record = logging.makeLogRecord({**record.__dict__, "msg": message, "args": None, "_access": atoms})
        return super().format(record)

    def add_fields(self, log_data, record, message_dict):
        moment = datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")
        log_data["time"] = moment.replace("+00:00", "Z")
        super().add_fields(log_data, record, message_dict)
        request = log_data.pop("request", None)  # never the object: its headers may hold credentials
        if hasattr(request, "method"):
            log_data["method"] = request.method
            log_data["path"] = getattr(request, "path", None)
        for atom, name in ACCESS_FIELDS.items():
            value = getattr(record, "_access", {}).get(atom)
            if value not in (None, "", "-"):
                log_data[name] = int(value) if name in NUMBERS and str(value).isdigit() else value
        if record.exc_info and record.exc_info[0]:
            log_data["exception"] = record.exc_info[0].__name__


class DatabaseUnavailableFilter(logging.Filter):
    """Drops Django's traceback for a request that failed only because the database could not be
    reached: portal.middleware answers it with a 503 and logs one line with the cause, so an
    outage does not bury the log under identical tracebacks."""

    def filter(self, record):
        if record.name == "django.request" and record.exc_info and record.exc_info[1] is not None:
            from portal.middleware import database_unavailable

            return not database_unavailable(record.exc_info[1])
        return True
