"""Project settings: the mirrored pots apps, each routed to its own database (seed 003).

Every alias comes from one URL variable (see harness.portability.databases); the
engine-specific modules beside this one make a single backend the default alias.
"""

from pathlib import Path

from harness.portability.databases import database_settings
from routers import APP_DATABASES as _APP_DATABASES

BASE_DIR = Path(__file__).resolve().parent.parent.parent
(BASE_DIR / "var").mkdir(exist_ok=True)

SECRET_KEY = "portability-harness-not-secret"  # no sessions or users worth protecting
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "harness.portability",
    "pots",
    "pots_pos",
    "pots_ora",
    "pots_mys",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "harness.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

DATABASES = database_settings(BASE_DIR)
DATABASE_ROUTERS = ["routers.AppRouter"]
# Django's own commands (sqlmigrate/migrate --database X) create a missing configured database.
PORTABILITY_CREATE_DATABASES = True
# Which alias holds each pots app (routers.AppRouter reads it; "as default" runs rewrite it).
HARNESS_APP_DATABASES = dict(_APP_DATABASES)

# Seed 003's tables use serial / NUMBER(11) keys: keep AutoField as the default.
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en-us"
STATIC_URL = "static/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
