"""gunicorn's settings for production, all from the environment (deploy/README.md):

    gunicorn -c deploy/gunicorn.conf.py        # what deploy/entrypoint.sh runs

WEB_CONCURRENCY      worker processes (default 2 × CPUs + 1, at most 9): each holds one database
                     connection, so workers × app servers must stay under PostgreSQL's max_connections
GUNICORN_BIND        address(es) to listen on, comma-separated (default 127.0.0.1:8000: a proxy on
                     the same machine; 0.0.0.0:8000 in a container or behind a remote load balancer)
GUNICORN_TIMEOUT     seconds before a stuck worker is replaced (default 300: the largest exports
                     stream for minutes; a database that is down fails requests in seconds anyway)
FORWARDED_ALLOW_IPS  proxies whose X-Forwarded-* headers gunicorn believes (default 127.0.0.1)
LOG_FORMAT=json      access and error logs as JSON lines on standard output, like the portal's own
"""

import multiprocessing
import os
from pathlib import Path

chdir = str(Path(__file__).resolve().parent.parent)
wsgi_app = "portal.wsgi:application"
bind = [address.strip() for address in os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",") if address.strip()]
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * multiprocessing.cpu_count() + 1, 9))
worker_class = "sync"  # the proxy buffers request and response bodies, so slow clients never hold a worker
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 300)
graceful_timeout = 30
keepalive = 5
max_requests = 2000  # recycle workers now and then, staggered
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Rejects oversized request lines and headers early; bodies are limited by the proxy
# (client_max_body_size) and by Django.
limit_request_line = 8190
# No control socket (gunicornc): one per user by default, which two instances on one host would share.
control_socket_disable = True

# Logs go to standard output / error, where the process manager collects them.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'

if (os.environ.get("LOG_FORMAT") or "").strip().lower() == "json":
    _json = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"}
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "portal.logging.JsonFormatter"}},
        "handlers": {"json_stdout": _json},
        "root": {"level": "INFO", "handlers": ["json_stdout"]},
        "loggers": {
            "gunicorn.error": {
                "level": "INFO",
                "handlers": ["json_stdout"],
                "propagate": False,
                "qualname": "gunicorn.error",
            },
            "gunicorn.access": {
                "level": "INFO",
                "handlers": ["json_stdout"],
                "propagate": False,
                "qualname": "gunicorn.access",
            },
        },
    }
