"""Settings of the matrix demo project (its own root, pytest.ini and settings, like a user's).

The aliases come from the harness's URL variables (HARNESS_SQLITE_URL, HARNESS_POSTGRESQL_URL,
HARNESS_MYSQL_URL, HARNESS_ORACLE_URL), so it reaches the same servers as the harness's tests.
"""

from pathlib import Path

from harness.portability.databases import database_settings

BASE_DIR = Path(__file__).resolve().parent
(BASE_DIR / "var").mkdir(exist_ok=True)  # the configured SQLite file; tests use an in-memory one

SECRET_KEY = "matrix-demo-not-secret"
INSTALLED_APPS = ["django.contrib.contenttypes", "harness.portability", "differ"]
DATABASES = database_settings(BASE_DIR)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
