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
        # JSON1 is built in since 3.38; Django would run SELECT JSON(...) to find out.
        features={"supports_json_field": sqlite3.sqlite_version_info >= (3, 38)},
    ),
]
