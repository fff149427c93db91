"""MySQL and MariaDB share Django's mysql backend; ``mysql_server_data`` is all it asks for."""

from . import Profile

# Server defaults of each release line (SELECT @@sql_mode on a fresh install).
MYSQL_8_SQL_MODE = (
    "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
    "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION"
)
MARIADB_SQL_MODE = (
    "STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION"
)


def _server(version: str, sql_mode: str) -> dict:
    return {
        "mysql_server_data": {
            "version": version,
            "sql_mode": sql_mode,
            "default_storage_engine": "InnoDB",
            "sql_auto_is_null": False,
            "lower_case_table_names": False,
            "has_zoneinfo_database": False,
        }
    }


PROFILES = [
    Profile("mysql-8.0", "mysql", "django.db.backends.mysql", (8, 0, 40), "MySQL 8.0",
            _server("8.0.40", MYSQL_8_SQL_MODE), max_name_length=64),
    Profile("mysql-8.4", "mysql", "django.db.backends.mysql", (8, 4, 3), "MySQL 8.4",
            _server("8.4.3", MYSQL_8_SQL_MODE), max_name_length=64),
    Profile("mariadb-10.11", "mysql", "django.db.backends.mysql", (10, 11, 10), "MariaDB 10.11",
            _server("10.11.10-MariaDB", MARIADB_SQL_MODE), mariadb=True, max_name_length=64),
    Profile("mariadb-11.4", "mysql", "django.db.backends.mysql", (11, 4, 4), "MariaDB 11.4",
            _server("11.4.4-MariaDB", MARIADB_SQL_MODE), mariadb=True, max_name_length=64),
]
