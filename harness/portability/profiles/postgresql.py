"""PostgreSQL: Django asks the server only for ``pg_version`` (server_version_num)."""

from . import Profile


def _postgresql(major: int, minor: int) -> Profile:
    return Profile(
        name=f"postgresql-{major}",
        vendor="postgresql",
        engine="django.db.backends.postgresql",
        version=(major, minor),
        display=f"PostgreSQL {major}",
        server={"pg_version": major * 10000 + minor},
        max_name_length=63,
    )


PROFILES = [_postgresql(14, 13), _postgresql(15, 8), _postgresql(16, 4), _postgresql(17, 2), _postgresql(18, 1)]
