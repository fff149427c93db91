"""Portability lint: Django system checks that warn, without any server, where a model will
behave differently or fail on one of the configured target profiles.

    python manage.py check --tag portability

Settings: ``PORTABILITY_TARGETS`` (profile names; default every profile) and
``PORTABILITY_LINT_APPS`` (app labels; default every app outside django.*). Each rule asks
a never-connected DatabaseWrapper of the profile (features, ops, db_type). Every message
names the profiles it applies to.

Ids:
    portability.E001  PORTABILITY_TARGETS names an unknown profile (the hint names the closest)
    portability.E002  PORTABILITY_LINT_APPS names an unknown app label
    portability.W001  unique/indexed strings over MySQL/MariaDB's 3072-byte key (utf8mb4)
    portability.W002  unique/indexed Text/Binary/JSONField: a LOB MySQL/Oracle can't index
    portability.W003  a table/column/index/constraint name Django shortens (Oracle: 30 chars)
    portability.W004  a name over the server's identifier limit (PostgreSQL 63 bytes, MySQL 64)
    portability.W005  a table/column named with an Oracle reserved word or datatype name
    portability.W006  non-null string fields created NULL-able on Oracle ('' is NULL)
    portability.W007  DecimalField on SQLite: no exact decimal type, floats in SQL arithmetic
    portability.W008  JSONField contains/contained_by unsupported (SQLite, Oracle)
    portability.W009  condition= on an Index (ignored) or UniqueConstraint (not created)
    portability.W010  UniqueConstraint(nulls_distinct=...) not created where unsupported
    portability.W011  expression Index/UniqueConstraint not created (e.g. MariaDB)
    portability.W012  include= dropped from an Index, or UniqueConstraint not created
    portability.W013  db_comment/db_table_comment silently dropped (SQLite, CockroachDB)
    portability.W014  extra unique keys: bulk_create(update_conflicts=True) lacks or can't target
    portability.W015  deferrable UniqueConstraint not created where unsupported
    portability.W016  CharField without max_length where VARCHAR needs a length
    portability.W017  CharField max_length beyond the VARCHAR limit (Oracle 2000, MySQL 16383)
    portability.W018  unique strings compared case-insensitively by MySQL/MariaDB's collation
    portability.W019  Meta.ordering by a LOB column, which Oracle cannot sort
    portability.W020  GeneratedField kind (stored/virtual) the target cannot create
"""

from .checks import check_portability, lint_messages, lint_rows

__all__ = ["check_portability", "lint_messages", "lint_rows"]
