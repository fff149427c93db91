"""Oracle: Django asks the server only for ``oracle_version``; 23 turns on newer features."""

from . import Profile

# 30-character names; '' is stored as NULL.
ORACLE = {"max_name_length": 30, "empty_strings_are_null": True}

PROFILES = [
    Profile("oracle-19", "oracle", "django.db.backends.oracle", (19, 3), "Oracle 19c",
            {"oracle_version": (19, 3, 0, 0, 0)}, **ORACLE),
    Profile("oracle-23", "oracle", "django.db.backends.oracle", (23, 5), "Oracle 23ai",
            {"oracle_version": (23, 5, 0, 24, 7)}, **ORACLE),
]
