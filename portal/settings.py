"""Settings for the consultation portal, read from the environment.

Every value that differs between a laptop and production comes from an environment
variable; nothing secret is written here. See README.md, "Configuration".
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.environment import Env

env = Env()  # django-environ, with the house rules (portal/environment.py)
BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable (or DEBUG=1 for local development only)."
        )
    SECRET_KEY = "insecure-development-key-never-used-with-debug-off"

# With DEBUG on and none given, Django allows localhost and 127.0.0.1 only.
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation must come before the admin and before our apps, so that the
    # translated columns exist when reversion registers the models (see drafts/apps.py).
    "modeltranslation",
    "portal.apps.PortalAdminConfig",
    # Before django.contrib.auth, so that `createsuperuser` is the portal's (it says that the new
    # account has no staff power until it sets up a second factor).
    "portal",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",  # allauth's list of signed-in devices uses it
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "reversion",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "rules.apps.AutodiscoverRulesConfig",
    "django_countries",
    "csp",
    "ninja",  # serves the API docs page's scripts and styles from here, not from a CDN
    "drafts",
    "consultations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # A NUL byte in the address is a clear 400 before anything reads the database (portal/middleware.py).
    "portal.middleware.RefuseNulBytesMiddleware",
    # A database that cannot be reached is a 503 "try again" page, never a 500 (portal/middleware.py).
    "portal.middleware.DatabaseUnavailableMiddleware",
    # Exports and the API read from DATABASE_REPLICA_URL when it is set (portal/db_router.py).
    "portal.db_router.ReplicaReadsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Links in the emails a request queues use its address when SITE_URL is not set (portal/outbox.py).
    "portal.outbox.RequestAddressMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Each session's last use, recorded when its client changes or every few minutes (portal/session_activity.py).
    "portal.session_activity.SessionActivityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.choices",
                "drafts.context_processors.choices",
                "consultations.context_processors.choices",
                # After Django's csrf processor: a page rendered to be cached gets a placeholder.
                "portal.page_cache.csrf_placeholder",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# SQLite under var/ is the embedded default; DATABASE_URL=postgres://... selects PostgreSQL
# (psycopg 3). A malformed URL stops start-up with one line that names the variable.
# Connections are kept CONN_MAX_AGE seconds (default 60) and checked before each request reuses
# one (CONN_HEALTH_CHECKS), so after a database restart the next request simply reconnects.
CONN_MAX_AGE = env.int("CONN_MAX_AGE", default=60)


def _database(variable, default=None):
    database = env.database(variable, default, CONN_MAX_AGE=CONN_MAX_AGE, CONN_HEALTH_CHECKS=True)
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["CONN_MAX_AGE"] = 0
        database.setdefault("OPTIONS", {})["timeout"] = 20
        if database["NAME"] != ":memory:":
            Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    else:
        # An unreachable server fails a request in seconds (a 503), instead of hanging a worker.
        database.setdefault("OPTIONS", {}).setdefault("connect_timeout", 10)
    return database


DATABASES = {"default": _database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
# A read replica (streaming replication of the primary) for exports and the API: see
# portal/db_router.py. Writes, sign-ins, sessions and pages always use the primary.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = _database("DATABASE_REPLICA_URL")
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["portal.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- People -----------------------------------------------------------------------------
AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "profile"

# --- Accounts (django-allauth) ------------------------------------------------------------
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "portal.forms.SignupExtraForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Solidarity portal] "
ACCOUNT_ADAPTER = "portal.adapters.AccountAdapter"
# Failed sign-ins are limited per IP, and per address *from that client* (portal/adapters.py):
# nobody can lock someone else out of their account. allauth shows a translated message.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key", "signup": "20/m/ip"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Solidarity portal"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG  # passkeys on http://localhost during development
# Development only (allauth refuses it when DEBUG is off): `make run` sets 000000 so the demo
# staff accounts can pass their second factor without an authenticator app.
MFA_TOTP_INSECURE_BYPASS_CODE = env.str("MFA_DEMO_BYPASS_CODE", default=None) if DEBUG else None
USERSESSIONS_TRACK_ACTIVITY = True  # the sessions page shows "last seen"; recorded by portal/session_activity.py

# Accreditation letters and written submissions.
MAX_DOCUMENT_UPLOAD_BYTES = 10 * 1024 * 1024
INVITATION_VALID_DAYS = 14

# --- Languages --------------------------------------------------------------------------
# The six official UN languages. English is the source language of the interface.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LANGUAGE_CODES = [code for code, _name in LANGUAGES]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Zurich"  # Geneva time, where the Human Rights Council sits.
# Dates and times as each language writes them, month in words (portal/formats/).
FORMAT_MODULE_PATH = "portal.formats"
USE_TZ = True

# Names and labels (organizations, version labels, titles) fall back to English, then to any
# language they exist in; the *texts* of
# provisions never do: drafts/translation.py turns fallbacks off for them, and pages read
# them with value_in(), so a missing translation is shown as missing.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = tuple(LANGUAGE_CODES)
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh-hans")
MODELTRANSLATION_AUTO_POPULATE = False


def _field_in_language(verbose_name, language):
    """The name of a translated field in the admin and the history, "text (Arabic)", in the
    interface language (modeltranslation's own is "text [ar]", untranslated)."""
    from django.utils.translation import gettext

    names = dict(LANGUAGES)
    return gettext("%(field)s (%(language)s)") % {"field": verbose_name, "language": gettext(names[language])}


MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = _field_in_language

# --- Static and uploaded files ----------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every request otherwise
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Compressed, without a manifest: a missing collectstatic never breaks a page.
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
    },
}

# --- Email ------------------------------------------------------------------------------
# Development prints emails on the console; production configures SMTP from the environment,
# either as one URL (EMAIL_URL=smtp+tls://user:password@host:587) or variable by variable.
if env.str("EMAIL_URL", default=""):
    try:
        vars().update(env.email_url("EMAIL_URL"))  # EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, … (django-environ)
    except (ImproperlyConfigured, ValueError):
        raise ImproperlyConfigured(
            "EMAIL_URL must start with smtp://, smtp+tls://, smtp+ssl://, smtps:// or consolemail://."
        ) from None
else:
    EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
    EMAIL_BACKEND = env.str(
        "EMAIL_BACKEND",
        default="django.core.mail.backends.smtp.EmailBackend"
        if env.str("EMAIL_HOST", default="")
        else "django.core.mail.backends.console.EmailBackend",
    )
    EMAIL_PORT = env.int("EMAIL_PORT", default=25)
    EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="solidarity-portal@localhost")
# The portal's address as people reach it, for links in emails (portal/outbox.py). Unset in
# development: links then use the address of the request that queued the email.
SITE_URL = env.str("SITE_URL", default="")
# A published comment reported by this many accredited participants is hidden until reviewed;
# one account sends at most FLAG_RATE_PER_HOUR reports an hour.
FLAG_HIDE_THRESHOLD = env.int("FLAG_HIDE_THRESHOLD", default=3)
FLAG_RATE_PER_HOUR = env.int("FLAG_RATE_PER_HOUR", default=10)
# Campaigns (consultations/similarity.py): two comments on the same provision of a round whose
# texts share at least CAMPAIGN_SIMILARITY of their word pairs (estimated Jaccard similarity,
# 0.3 to 1.0) are grouped; texts shorter than CAMPAIGN_MIN_WORDS words (3 to 200) are never grouped.
CAMPAIGN_SIMILARITY = env.float("CAMPAIGN_SIMILARITY", default=0.6)
if not 0.3 <= CAMPAIGN_SIMILARITY <= 1.0:
    raise ImproperlyConfigured(f"CAMPAIGN_SIMILARITY must be between 0.3 and 1.0, not {CAMPAIGN_SIMILARITY}.")
CAMPAIGN_MIN_WORDS = env.int("CAMPAIGN_MIN_WORDS", default=8)
if not 3 <= CAMPAIGN_MIN_WORDS <= 200:
    raise ImproperlyConfigured(f"CAMPAIGN_MIN_WORDS must be between 3 and 200, not {CAMPAIGN_MIN_WORDS}.")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security ---------------------------------------------------------------------------
# Production (DEBUG off) is HTTPS-only. Behind a TLS-terminating proxy, set
# SECURE_PROXY_SSL_HEADER=1 so Django trusts X-Forwarded-Proto; SECURE_SSL_REDIRECT=0 when the
# proxy already redirects.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content Security Policy (django-csp; Django 6's built-in one needs Python 3.12): no inline
# scripts, nothing from other hosts. The admin and allauth pages work within it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# The sample UN documents the demo data is imported from (the repository's sibling shared/).
SHARED_DATA_DIR = Path(env.str("SHARED_DATA_DIR", default=str(BASE_DIR.parent / "shared" / "data")))

# Behind a reverse proxy, how many proxies add themselves to X-Forwarded-For: the API's rate
# limits then count the visitor's address, not the proxy's. 0 (no proxy) trusts no header.
NINJA_NUM_PROXIES = env.int("NUM_PROXIES", default=0) or None
# The same count for allauth, whose sign-in rate limits are per IP: behind a proxy that does not
# say, every visitor would share the proxy's address (and its limit).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("NUM_PROXIES", default=0)

# --- Cache ------------------------------------------------------------------------------
# Rate limits (sign-in attempts, the API) count in the cache, so several app servers must share
# one: CACHE_URL=db:// (a table, portal_cache, made by `manage.py createcachetable`) or
# redis://host:6379/0. The default, locmem://, is per process.
CACHES = {"default": env.cache("CACHE_URL", default="locmem://")}
# How long a cached page for readers who are not signed in lives at most (portal/page_cache.py);
# any write that changes it makes it stale at once.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# Sessions stay in the database: any app server can serve anyone's next request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Logging ----------------------------------------------------------------------------
# LOG_FORMAT=json: one JSON object per line on standard output (portal/logging.py), for log
# collectors; otherwise plain text on standard error.
LOG_FORMAT = env.str("LOG_FORMAT", default="text").strip().lower()
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured("LOG_FORMAT must be text or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "portal.logging.JsonFormatter"}},
    "filters": {"database_unavailable": {"()": "portal.logging.DatabaseUnavailableFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["database_unavailable"]}
        | ({"formatter": "json", "stream": "ext://sys.stdout"} if LOG_FORMAT == "json" else {})
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
