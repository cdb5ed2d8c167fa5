"""One JSON object per line for log collectors (`LOG_FORMAT=json`): time, level, logger and
message always; the request's method, path and status when Django logs one; gunicorn's access
fields (method, path, status, duration, remote address, user agent) for its access log; the
exception's type and traceback when there is one. Never a request body, cookie or header with
credentials."""

import json
import logging
from datetime import UTC, datetime

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


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            atoms = record.args
            entry["message"] = f"{atoms.get('m', '-')} {atoms.get('U', '-')} {atoms.get('s', '-')}"
            for atom, name in ACCESS_FIELDS.items():
                value = atoms.get(atom)
                if value not in (None, "", "-"):
                    entry[name] = (
                        int(value) if name in {"status", "duration_ms", "bytes"} and str(value).isdigit() else value
                    )
        else:
            entry["message"] = record.getMessage()
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            entry["method"] = request.method
            entry["path"] = getattr(request, "path", None)
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = record.exc_info[0].__name__ if record.exc_info[0] else None
            entry["traceback"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["traceback"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False, default=str)


class DatabaseUnavailableFilter(logging.Filter):
    """Drops Django's traceback for a request that failed only because the database could not be
    reached: portal.middleware answers it with a 503 and logs one line with the cause, so an
    outage does not bury the log under identical tracebacks."""

    def filter(self, record):
        if record.name == "django.request" and record.exc_info and record.exc_info[1] is not None:
            from portal.middleware import database_unavailable

            return not database_unavailable(record.exc_info[1])
        return True
