"""Reading the settings from the environment: django-environ, with the house rules on top.

- An empty variable counts as unset (`SECURE_SSL_REDIRECT=` keeps the default, never "off").
- A boolean says 1/0, true/false, yes/no or on/off; anything else stops start-up.
- Lists are comma-separated, each item trimmed, empty items dropped.
- A value that cannot be read stops start-up with one line naming the variable (manage.py prints
  it as "Configuration error: …"), never a traceback.
"""

import os

import environ
from django.core.exceptions import ImproperlyConfigured

BOOLEANS = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}
DATABASE_SCHEMES = {"postgres", "postgresql", "pgsql", "sqlite"}
# The portal's short cache schemes (README, deploy/README.md) beside django-environ's own names.
CACHE_SCHEMES = {
    "locmem": ("django.core.cache.backends.locmem.LocMemCache", "portal"),
    "db": ("django.core.cache.backends.db.DatabaseCache", "portal_cache"),
    "redis": ("django.core.cache.backends.redis.RedisCache", None),
    "rediss": ("django.core.cache.backends.redis.RedisCache", None),
}


class Env(environ.Env):
    def get_value(self, var, cast=None, default=environ.Env.NOTSET, parse_default=False):
        if not os.environ.get(var, "").strip() and default is not self.NOTSET:
            return default
        try:
            return super().get_value(var, cast=cast, default=default, parse_default=parse_default)
        except (ValueError, TypeError):
            raise ImproperlyConfigured(_must_be(var, cast, os.environ.get(var))) from None

    @classmethod
    def parse_value(cls, value, cast):
        if cast is bool:
            if value.strip().lower() not in BOOLEANS:
                raise ValueError(value)
            return BOOLEANS[value.strip().lower()]
        if cast is list:
            return [item.strip() for item in value.split(",") if item.strip()]
        return super().parse_value(value, cast)

    def database(self, var, default=None, **options) -> dict:
        """A DATABASES entry from a URL: postgres://user:password@host:5432/name or sqlite:///path."""
        url = self.str(var, default=default)
        if url.partition("://")[0] not in DATABASE_SCHEMES:
            raise ImproperlyConfigured(f"{var} is malformed: it must start with postgres:// or sqlite://.")
        try:
            database = self.db_url_config(url)
        except Exception as error:  # the URL parser raises several kinds of error for bad input
            raise ImproperlyConfigured(f"{var} is malformed: {error}") from None
        if not database.get("NAME"):
            raise ImproperlyConfigured(f"{var} is malformed: it names no database.")
        return database | options

    def cache(self, var, default) -> dict:
        """A CACHES entry: locmem://, db:// (the table portal_cache) or redis://host:6379/0."""
        url = self.str(var, default=default)
        scheme, _separator, rest = url.partition("://")
        if scheme not in CACHE_SCHEMES:
            raise ImproperlyConfigured(f"{var} must start with locmem://, db:// or redis:// (or rediss://).")
        backend, location = CACHE_SCHEMES[scheme]
        if location is None:
            return self.cache_url_config(url, backend=backend)
        return {"BACKEND": backend, "LOCATION": rest.strip("/") or location}


def _must_be(var, cast, value):
    if cast is bool:
        return f"{var} must be 1 or 0 (or true/false, yes/no, on/off), not {value!r}."
    if cast is int:
        return f"{var} must be a number, not {value!r}."
    return f"{var} is malformed: {value!r}."
