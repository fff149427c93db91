"""A table name of 70 characters: PostgreSQL truncates it to 63 (with only a NOTICE),
MariaDB refuses it (64 at most), SQLite keeps it."""
