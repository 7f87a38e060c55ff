"""Django settings for irsuite, read from the environment (see README, "Configuration")."""

import secrets
from pathlib import Path

import dj_database_url
import django_stubs_ext

from irsuite.config import (
    ConfigurationError,
    env_bool,
    env_int,
    env_list,
    env_str,
    refuse_unsafe_production,
)

# Lets models, forms and admins be written with generic types (ModelAdmin[Patient]).
django_stubs_ext.monkeypatch()

PACKAGE_DIR = Path(__file__).resolve().parent
SOURCE_ROOT = PACKAGE_DIR.parent.parent


def _default_data_dir() -> Path:
    if (SOURCE_ROOT / "pyproject.toml").exists():
        return SOURCE_ROOT / "var"
    return Path.home() / ".local" / "share" / "irsuite"


DATA_DIR = Path(env_str("IRSUITE_DATA_DIR") or _default_data_dir())
DATA_DIR.mkdir(parents=True, exist_ok=True)

# "production" refuses insecure defaults; "demo" and "dev" may generate them.
MODE = env_str("IRSUITE_MODE", "dev")
if MODE not in {"production", "demo", "dev"}:
    raise ConfigurationError(f"IRSUITE_MODE={MODE!r}: use production, demo or dev.")
DEBUG = env_bool("IRSUITE_DEBUG", default=False)


def _secret_key() -> str:
    key = env_str("IRSUITE_SECRET_KEY")
    if key:
        return key
    if MODE == "production":
        raise ConfigurationError(
            "IRSUITE_SECRET_KEY (or IRSUITE_SECRET_KEY_FILE) must be set in production: "
            "generate one with `python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    key_file = DATA_DIR / "secret-key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()


def _research_key() -> str:
    """The key of research ids and date shifts: never leaves the site, never in an export."""
    key = env_str("IRSUITE_RESEARCH_KEY")
    if key:
        if len(key) < 32:
            raise ConfigurationError("IRSUITE_RESEARCH_KEY must be at least 32 characters long.")
        return key
    if MODE == "production":
        raise ConfigurationError(
            "IRSUITE_RESEARCH_KEY (or IRSUITE_RESEARCH_KEY_FILE) must be set in production: it "
            "keys the researchers' patient ids; generate one as for the secret key and keep it."
        )
    key_file = DATA_DIR / "research-key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


RESEARCH_KEY = _research_key()
ALLOWED_HOSTS = env_list(
    "IRSUITE_ALLOWED_HOSTS",
    [] if MODE == "production" else ["127.0.0.1", "localhost", "testserver"],
)
CSRF_TRUSTED_ORIGINS = env_list("IRSUITE_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "ninja",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "irsuite.audit",
    "irsuite.people",
    "irsuite.patients",
    "irsuite.cases",
    "irsuite.safety",
    "irsuite.dose",
    "irsuite.outcomes",
    "irsuite.scheduling",
    "irsuite.interop",
    "irsuite.web",
    "irsuite.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "irsuite.web.middleware.ApiBodyLimitMiddleware",
    "irsuite.bounds.RefuseControlCharacters",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "irsuite.people.middleware.IdleTimeoutMiddleware",
    "irsuite.people.middleware.SecondFactorMiddleware",
    "irsuite.audit.reads.ReadAuditMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "irsuite.urls"
WSGI_APPLICATION = "irsuite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Each feature keeps its pages beside its views: <app>/<feature>/templates/<app>/...
        "DIRS": sorted(Path(__file__).resolve().parent.glob("*/*/templates")),
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "irsuite.web.context.navigation",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]


def _database() -> dict[str, object]:
    url = env_str("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'irsuite.sqlite3'}"
    config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            # WAL lets the worklist read while a case is being written; IMMEDIATE takes the
            # write lock at BEGIN so two bookings cannot interleave their checks.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;"
            ),
            "transaction_mode": "IMMEDIATE",
        }
        config["CONN_MAX_AGE"] = 0
    elif env_bool("IRSUITE_DB_PREPARED_STATEMENTS", default=True):
        # The hot paths' statements (irsuite.statements) are prepared once per connection;
        # switch off behind a pooler that cannot carry prepared statements (PgBouncer in
        # transaction mode before 1.21). The ORM's own statements are never prepared.
        config["OPTIONS"] = {"prepare_threshold": 5}
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Throttling first: a locked-out login is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "irsuite.people.backends.RoleBackend",
]
# Failed-login throttling and lock-out (django-axes): after AXES_FAILURE_LIMIT failures for one
# user name from one address, further attempts are refused for AXES_COOLOFF_TIME hours.
AXES_FAILURE_LIMIT = env_int("IRSUITE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("IRSUITE_LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("IRSUITE_TIME_ZONE", "Europe/London")
USE_I18N = False
USE_TZ = True
# One way of writing dates and times on every page (irsuite/formats/en_GB: "6 Dec 2026 14:05").
# The locale's formats win over the settings below, so the site's own format module is named
# first; the settings say the same for code that formats without the locale.
FORMAT_MODULE_PATH = ["irsuite.formats"]
DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"
TIME_FORMAT = "H:i"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True

MEDIA_ROOT = DATA_DIR / "media"

# Request bodies: forms and the API refuse anything larger (the RDSR upload has its own limit).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("IRSUITE_MAX_BODY_BYTES", 2_621_440)
API_MAX_BODY_BYTES = env_int("IRSUITE_API_MAX_BODY_BYTES", 1_048_576)

# Shared workstations: an idle session closes (15 minutes in production unless configured).
IDLE_TIMEOUT_SECONDS = 60 * env_int("IRSUITE_IDLE_MINUTES", 15 if MODE == "production" else 480)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("IRSUITE_SESSION_SECONDS", 12 * 3600)
CSRF_COOKIE_HTTPONLY = False  # HTMX reads the token from the page, not the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if MODE == "production":
    refuse_unsafe_production(
        debug=DEBUG,
        secret_key=SECRET_KEY,
        allowed_hosts=ALLOWED_HOSTS,
        secure_cookies=env_bool("IRSUITE_SECURE_COOKIES", default=True),
    )
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^api/v1/health$"]  # load balancers probe over plain HTTP
    SECURE_HSTS_SECONDS = env_int("IRSUITE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("IRSUITE_HSTS_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("IRSUITE_HSTS_PRELOAD", default=True)
    if not SECURE_HSTS_PRELOAD:  # declined on purpose: the deploy check need not repeat it
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    # A TLS-terminating proxy tells Django the request was HTTPS through one header; trust it
    # only when the operator names it (e.g. HTTP_X_FORWARDED_PROTO), never by default.
    _proxy_header = env_str("IRSUITE_BEHIND_TLS_PROXY")
    if _proxy_header:
        SECURE_PROXY_SSL_HEADER = (_proxy_header, "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # Some pages still set inline style attributes; scripts stay strictly same-origin.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# E-mail: SMTP in production (IRSUITE_EMAIL_HOST, _PORT); in demo and dev each
# message is written to a file in DATA_DIR/outbox, never printed into the terminal.
EMAIL_BACKEND = env_str(
    "IRSUITE_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if MODE == "production"
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = DATA_DIR / "outbox"
EMAIL_HOST = env_str("IRSUITE_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("IRSUITE_EMAIL_PORT", 25)
EMAIL_TIMEOUT = env_int("IRSUITE_EMAIL_TIMEOUT", 30)

# Background work (roster solving, auto-scheduling, alert e-mails, large exports, the demo's
# dose reports) goes through Django's tasks API to a queue kept in the database, run by
# `irsuite worker` (several workers on several machines may share one PostgreSQL).
TASKS = {
    "default": {
        "BACKEND": env_str("IRSUITE_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
DEFAULT_FROM_EMAIL = env_str("IRSUITE_FROM_EMAIL", "irsuite@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("IRSUITE_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # pynetdicom logs data sets at INFO; irsuite logs its DICOM events itself, without them.
        "pynetdicom": {"level": "WARNING"},
    },
}

NINJA_PAGINATION_MAX_LIMIT = 500

# The dose listener (`irsuite dicom-listen`): loopback unless told otherwise; callers must be
# an active room's AE title or one of DICOM_PEERS; every wait is bounded.
DICOM_HOST = env_str("IRSUITE_DICOM_HOST", "127.0.0.1")
DICOM_PORT = env_int("IRSUITE_DICOM_PORT", 11112)
DICOM_PEERS = env_list("IRSUITE_DICOM_PEERS", [])
DICOM_TIMEOUT_SECONDS = env_int("IRSUITE_DICOM_TIMEOUT", 30)
DICOM_MAX_PDU_BYTES = env_int("IRSUITE_DICOM_MAX_PDU", 262_144)
DICOM_MAX_ASSOCIATIONS = env_int("IRSUITE_DICOM_MAX_ASSOCIATIONS", 10)
# Threads that run the DICOM handlers' database work, each keeping its connection open.
DICOM_DATABASE_THREADS = env_int("IRSUITE_DICOM_DATABASE_THREADS", 4)
# A room's modality that queries the worklist without naming its station sees its room only.
DICOM_WORKLIST_OWN_ROOM_ONLY = env_bool("IRSUITE_DICOM_WORKLIST_OWN_ROOM_ONLY", True)

# HL7 v2 (MLLP): where `irsuite hl7-listen` and the demo's listener bind (loopback by default),
# and where the demo's stand-in for the EHR receives irsuite's outbound messages.
HL7_HOST = env_str("IRSUITE_HL7_HOST", "127.0.0.1")
HL7_PORT = env_int("IRSUITE_HL7_PORT", 2575)
HL7_DEMO_RECEIVER_PORT = env_int("IRSUITE_HL7_DEMO_RECEIVER_PORT", 2576)
