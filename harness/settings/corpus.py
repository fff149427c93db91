"""The fidelity corpus: this project plus popular third-party apps (``pip install -e '.[corpus]'``).

Their real migration graphs — squashed migrations beside the ones they replace, branched and
merged graphs, swappable models, RunSQL/RunPython/SeparateDatabaseAndState, migrations that
test ``connection.vendor`` when imported, callable defaults — are what the DDL engine is
proven exact on. Only the settings the apps refuse to start without are set here.
"""

from harness.settings import *  # noqa: F403
from harness.settings import INSTALLED_APPS as _PROJECT_APPS
from harness.settings import MIDDLEWARE as _PROJECT_MIDDLEWARE
from harness.settings import TEMPLATES as _PROJECT_TEMPLATES

# App label groups, by package (pinned in pyproject's "corpus" extra).
CORPUS_PACKAGES = {
    "wagtail": [
        "wagtail.contrib.forms", "wagtail.contrib.redirects", "wagtail.contrib.search_promotions",
        "wagtail.embeds", "wagtail.sites", "wagtail.users", "wagtail.snippets",
        "wagtail.documents", "wagtail.images", "wagtail.search", "wagtail.admin", "wagtail",
        "modelcluster", "taggit",
    ],
    "django-cms": ["cms", "menus", "treebeard", "sekizai"],
    "django-filer": ["filer", "easy_thumbnails", "polymorphic"],
    "django-celery-beat": ["django_celery_beat"],
    "django-celery-results": ["django_celery_results"],
    "django-reversion": ["reversion"],
    "django-otp": ["django_otp", "django_otp.plugins.otp_static", "django_otp.plugins.otp_totp",
                   "django_otp.plugins.otp_hotp", "django_otp.plugins.otp_email"],
    "django-two-factor-auth": ["two_factor", "two_factor.plugins.phonenumber"],
    "django-q2": ["django_q"],
    "django-post-office": ["post_office"],
    "django-waffle": ["waffle"],
    "djangorestframework": ["rest_framework", "rest_framework.authtoken"],
    "django-allauth": ["allauth", "allauth.account", "allauth.socialaccount", "allauth.mfa",
                       "allauth.usersessions"],
    "django-guardian": ["guardian"],
    "django-axes": ["axes"],
    "django-oauth-toolkit": ["oauth2_provider"],
    "django-auditlog": ["auditlog"],
    "django-silk": ["silk"],
    "django-constance": ["constance"],
}

INSTALLED_APPS = [
    *_PROJECT_APPS[:6],  # Django's contrib apps first, as in a generated project
    "django.contrib.sites",
    *[app for apps in CORPUS_PACKAGES.values() for app in apps],
    *_PROJECT_APPS[6:],
]
SITE_ID = 1

# What the apps check for when they start.
MIDDLEWARE = [*_PROJECT_MIDDLEWARE, "allauth.account.middleware.AccountMiddleware"]
TEMPLATES = [
    {
        **_PROJECT_TEMPLATES[0],
        "OPTIONS": {
            **_PROJECT_TEMPLATES[0]["OPTIONS"],
            "context_processors": [
                *_PROJECT_TEMPLATES[0]["OPTIONS"]["context_processors"],
                "sekizai.context_processors.sekizai",
                "cms.context_processors.cms_settings",
            ],
        },
    }
]
CMS_TEMPLATES = [("base.html", "Base")]
LANGUAGES = [("en", "English")]
LANGUAGE_CODE = "en"
WAGTAIL_SITE_NAME = "corpus"
Q_CLUSTER = {"name": "corpus", "timeout": 60, "retry": 120}
CONSTANCE_BACKEND = "constance.backends.database.DatabaseBackend"
