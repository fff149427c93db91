"""SQLite: the library is linked into Python, so its version is this interpreter's."""

import sqlite3

from . import Profile

PROFILES = [
    Profile(
        name="sqlite",
        vendor="sqlite",
        engine="django.db.backends.sqlite3",
        version=sqlite3.sqlite_version_info,
        display=f"SQLite {sqlite3.sqlite_version}",
    ),
]
