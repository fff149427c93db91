"""CockroachDB through django-cockroachdb 5.2 (seed 001); it speaks PostgreSQL 13's protocol."""

from . import Profile

PROFILES = [
    Profile(
        "cockroachdb-25",
        "cockroachdb",
        "django_cockroachdb",
        (25, 2, 0),
        "CockroachDB 25.2",
        {
            "cockroachdb_server_info": "CockroachDB CCL v25.2.0 (x86_64-pc-linux-gnu)",
            "pg_version": 130000,
        },
        max_name_length=63,
    ),
]
