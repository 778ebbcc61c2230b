"""Balai's settings: one file, every deployment-specific value read from the environment.

`.env.example` lists the variables. Anything wrong stops start-up with one line that names
the variable (see config/environment.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from config.environment import (
    check_allowed_hosts,
    check_production_secrets,
    read_cache,
    read_choice,
    read_database,
    read_flag,
    read_integer,
    read_list,
    read_local_secret,
    read_rate,
    validate_fernet_keys,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("BALAI_VAR_DIR", BASE_DIR / "var"))

DEBUG = read_flag("DEBUG", default=True)
SECRET_KEY = read_local_secret(
    "SECRET_KEY", debug=DEBUG, secret_directory=VAR_DIR / "secrets", generate="django"
)
# Newest key first; older keys stay listed so that data encrypted before a rotation still reads.
FIELD_ENCRYPTION_KEYS = validate_fernet_keys(
    "FIELD_ENCRYPTION_KEY",
    read_local_secret(
        "FIELD_ENCRYPTION_KEY", debug=DEBUG, secret_directory=VAR_DIR / "secrets", generate="fernet"
    ),
)
FIELD_HASH_KEY = read_local_secret(
    "FIELD_HASH_KEY", debug=DEBUG, secret_directory=VAR_DIR / "secrets", generate="django"
)
if not DEBUG:
    check_production_secrets(
        secret_key=SECRET_KEY, hash_key=FIELD_HASH_KEY, encryption_keys=FIELD_ENCRYPTION_KEYS
    )
ALLOWED_HOSTS = check_allowed_hosts(
    read_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else []), debug=DEBUG
)
CSRF_TRUSTED_ORIGINS = read_list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # serves its Swagger UI files itself rather than from a CDN
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "balai.core",
    "balai.accounts",
    "balai.regions",
    "balai.registry",
    "balai.intake",
    "balai.catalogue",
    "balai.scheduling",
    "balai.training",
    "balai.placement",
    "balai.enterprise",
    "balai.notifications",
    "balai.reporting",
    "balai.demo",
    "balai.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed for phones on slow mobile data. Below WhiteNoise, which answers static
    # files itself with copies compressed once by collectstatic (nothing compressed twice,
    # images left alone, lengths kept); above everything that writes a response's body, so
    # that they see it uncompressed. Django's own, over a package: no new dependency, and it
    # pads each answer by a random length against BREACH (CSRF tokens are masked anyway).
    "django.middleware.gzip.GZipMiddleware",
    # Below WhiteNoise: static files keep their far-future caching.
    "balai.core.middleware.NoStoreMiddleware",
    # Outside everything that can refuse a request, so that every API error has one shape.
    "balai.api.middleware.ApiErrorShapeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "balai.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "balai.core.middleware.UrlCharactersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "balai.accounts.middleware.ApiTokenMiddleware",
    "balai.core.middleware.RequestContextMiddleware",
    "balai.core.access.RouteAccessMiddleware",
    "balai.core.middleware.ApplicationErrorMiddleware",
    # Last, so that it sees the outcome of every authentication attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "balai" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "balai.accounts.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": read_database(VAR_DIR / "balai.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "reporting:home"
LOGOUT_REDIRECT_URL = "reporting:home"

# A shared kelurahan-office computer must not stay signed in for days.
SESSION_COOKIE_AGE = read_integer(
    "SESSION_COOKIE_AGE", default=8 * 60 * 60, minimum=60, maximum=30 * 24 * 60 * 60
)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
# Set when a proxy in front of Balai adds X-Forwarded-For; without one, a client could forge it.
USE_X_FORWARDED_FOR = read_flag("USE_X_FORWARDED_FOR", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if USE_X_FORWARDED_FOR else None
X_FRAME_OPTIONS = "DENY"
# Scripts, styles, fonts and images from Balai's own files only (every asset is served by
# the app itself): an injected <script> or inline handler does not run. Pages ask for
# behaviour with data- attributes that balai/static/balai/balai.js reads. QR codes are
# inline SVG; images may be data: URIs (Swagger UI's icons).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features no page of Balai uses (residents scan check-in codes with the phone's own
# camera app, not in a page), so nothing embedded or injected can ask for them either.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "browsing-topics",
    )
}
# Browsers that once reached Balai over HTTPS refuse plain HTTP to it for this long. Off in
# DEBUG, where the site is served over plain HTTP on a developer's machine.
_HSTS_SECONDS = read_integer("SECURE_HSTS_SECONDS", default=365 * 24 * 60 * 60, minimum=0)
SECURE_HSTS_SECONDS = 0 if DEBUG else _HSTS_SECONDS
SECURE_HSTS_INCLUDE_SUBDOMAINS = read_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)

# Limits on automation (counted in the shared cache, see balai/core/throttling.py). Failed
# sign-ins from one address, whatever the accounts (spraying), and against one account from
# anywhere; self-registrations and code requests from one address; password reset e-mails.
SIGN_IN_FAILURES_PER_ADDRESS = read_rate("SIGN_IN_FAILURES_PER_ADDRESS", default="20/15m")
SIGN_IN_FAILURES_PER_ACCOUNT = read_rate("SIGN_IN_FAILURES_PER_ACCOUNT", default="20/h")
# A browser that signed in to the account before (its device cookie) counts on its own.
SIGN_IN_FAILURES_PER_DEVICE = read_rate("SIGN_IN_FAILURES_PER_DEVICE", default="10/15m")
# Generous: residents on mobile data share a few carrier addresses (CGNAT), a surge brings
# hundreds through one; a script is still held far below what the probe saw (595 in 52 s).
REGISTRATION_RATE = read_rate("REGISTRATION_RATE", default="60/10m")
CLAIM_CODE_RATE = read_rate("CLAIM_CODE_RATE", default="5/h")
CLAIM_RATE = read_rate("CLAIM_RATE", default="20/h")
PASSWORD_RESET_RATE = read_rate("PASSWORD_RESET_RATE", default="5/h")
# An office registers its company once; a handful from one address covers a shared network.
EMPLOYER_REGISTRATION_RATE = read_rate("EMPLOYER_REGISTRATION_RATE", default="10/h")
# Login throttling: five failures for one username from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = read_integer("LOGIN_FAILURE_LIMIT", default=5, minimum=1, maximum=100)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "balai.core.middleware.client_ip_address"
AXES_USERNAME_CALLABLE = "balai.core.logging.username_for_lockout"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "balai" / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# 12.480 penduduk, not 12480: figures read as the reader writes them.
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "balai" / "static"]
# Outside DEBUG, static files are named after a hash of their content (so WhiteNoise sends them
# with a year's caching, `immutable`) and compressed once by collectstatic.
STATIC_STORAGE_OUTSIDE_DEBUG = "whitenoise.storage.CompressedManifestStaticFilesStorage"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else STATIC_STORAGE_OUTSIDE_DEBUG
        )
    },
}
# Files that browsers and crawlers ask for at the site's root (/favicon.ico); pages link the
# same files' hashed copies under /static/root/.
WHITENOISE_ROOT = BASE_DIR / "balai" / "static" / "root"
MEDIA_ROOT = VAR_DIR / "media"
# An import may be 5 MB: kept in memory up to a little more, an upload never lies on disk in
# the clear (Django writes larger ones to a temporary file); the proxy refuses bigger bodies.
FILE_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = read_integer("EMAIL_PORT", default=25, minimum=1, maximum=65535)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = read_flag("EMAIL_USE_TLS", default=False)
# A mail server that hangs must not hold the outbox's sender past its lease (10 minutes).
EMAIL_TIMEOUT = read_integer("EMAIL_TIMEOUT", default=30, minimum=1, maximum=300)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Balai <noreply@balai.local>")
# The WhatsApp/SMS gateway adapter (a class with send(phone=, text=)); the default only logs.
NOTIFICATION_GATEWAY = os.environ.get(
    "NOTIFICATION_GATEWAY", "balai.notifications.gateways.LoggingGateway"
)

# Jobs: "database" keeps every job as a row that any number of `db_worker` processes, on any
# number of machines, pick up; "immediate" runs a job inside the process that enqueued it.
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {"default": {"BACKEND": read_choice("TASKS_BACKEND", _TASK_BACKENDS, default="database")}}

# The kota/kabupaten this deployment serves; admins' view of personal data stops at its edge.
BALAI_REGENCY_CODE = os.environ.get("BALAI_REGENCY_CODE", "36.71")

# The participants each kelurahan should train (Kota Tangerang: 100 in each of 104 = 10,400);
# an area's target is this times its kelurahan.
REPORTING_PARTICIPANTS_PER_KELURAHAN = read_integer(
    "REPORTING_PARTICIPANTS_PER_KELURAHAN", default=100, minimum=1, maximum=100_000
)
# Dashboards read pre-computed figures; older than this, reading them queues a refresh.
REPORTING_MAX_AGE_MINUTES = read_integer(
    "REPORTING_MAX_AGE_MINUTES", default=15, minimum=1, maximum=24 * 60
)

API_TOKEN_DAYS = read_integer("API_TOKEN_DAYS", default=90, minimum=1, maximum=366)
# A resident's token (handed out at registration) is a sign-in on a phone, not an integration.
RESIDENT_API_TOKEN_DAYS = read_integer("RESIDENT_API_TOKEN_DAYS", default=7, minimum=1, maximum=366)

# Counters that must agree across processes (the certificate look-up limit) live here.
CACHES = {"default": read_cache(debug=DEBUG)}

# Training. The address printed in certificates' QR codes (where anyone verifies them).
BALAI_PUBLIC_URL = os.environ.get("BALAI_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
# The check-in QR shown in class changes this often; a code is honoured a few seconds past its
# turn (a scan in progress), never after.
TRAINING_QR_ROTATION_SECONDS = read_integer(
    "TRAINING_QR_ROTATION_SECONDS", default=30, minimum=5, maximum=600
)
# Below one turn: a late scan may use the code just gone, never an older one.
TRAINING_QR_LATE_SCAN_SECONDS = read_integer(
    "TRAINING_QR_LATE_SCAN_SECONDS", default=10, minimum=0, maximum=TRAINING_QR_ROTATION_SECONDS - 1
)
# Check-in opens this long before a session starts and closes this long after it ends.
TRAINING_CHECK_IN_GRACE_MINUTES = read_integer(
    "TRAINING_CHECK_IN_GRACE_MINUTES", default=15, minimum=0, maximum=240
)
# Checking in this long after the start counts as late.
TRAINING_LATE_AFTER_MINUTES = read_integer(
    "TRAINING_LATE_AFTER_MINUTES", default=15, minimum=0, maximum=240
)
# Absent from this many sessions in a row: the kelurahan operator follows up.
TRAINING_DROPOUT_ABSENCES = read_integer(
    "TRAINING_DROPOUT_ABSENCES", default=3, minimum=1, maximum=100
)
# Who signs certificates, and the place printed beside the date.
CERTIFICATE_SIGNATORY = os.environ.get(
    "CERTIFICATE_SIGNATORY", "Kepala Dinas Ketenagakerjaan Kota Tangerang"
)
CERTIFICATE_PLACE = os.environ.get("CERTIFICATE_PLACE", "Kota Tangerang")
# Public certificate verification: at most this many look-ups a minute from one address.
CERTIFICATE_VERIFY_RATE = read_rate("CERTIFICATE_VERIFY_RATE", default="30/m")

# Enterprise: the partner bank's file layout, a dotted path to a BankLayout class (each bank
# has its own; see balai/enterprise/bank/adapters.py for the built-in one, BJB-CSV-1).
BANK_LAYOUT = os.environ.get("BANK_LAYOUT", "balai.enterprise.bank.adapters.BjbCsvLayout")

# Placement: tracer surveys. Wrong survey links tried from one address before it must wait
# (a real link is never guessed; a run of wrong ones is somebody trying).
TRACER_SURVEY_GUESS_RATE = read_rate("TRACER_SURVEY_GUESS_RATE", default="30/h")
# A wave due longer ago than this is passed, not sent: answers about month 3 given in month
# 9 are not month-3 answers, and a first run over old graduates must not message them all.
TRACER_SURVEY_LATE_DAYS = read_integer(
    "TRACER_SURVEY_LATE_DAYS", default=90, minimum=0, maximum=3650
)

# Enterprise: the size of a business group, from its least to its greatest number of
# current members (a loan product may ask for a narrower range of its own).
BUSINESS_GROUP_MIN_MEMBERS = read_integer(
    "BUSINESS_GROUP_MIN_MEMBERS", default=5, minimum=1, maximum=100
)
BUSINESS_GROUP_MAX_MEMBERS = read_integer(
    "BUSINESS_GROUP_MAX_MEMBERS", default=10, minimum=1, maximum=100
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_identity_numbers": {"()": "balai.core.logging.MaskIdentityNumbersFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["mask_identity_numbers"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Django's own handlers for these (runserver's request lines, errors on the console)
        # would bypass the masking filter; without them every line goes through "console".
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": [], "level": "INFO", "propagate": True},
    },
}
