"""What a migration that fails halfway leaves behind where DDL cannot be rolled back.

On MySQL, MariaDB and Oracle Django runs a migration's statements without a transaction
(each one commits), so when statement k fails, migrate stops there and the migration is
not recorded, yet statements 1 … k-1 stay applied; the failed statement itself leaves
nothing (one DDL statement is atomic on these servers). Where the statements kept change the schema, but not all
of the migration's schema changes ran, the database holds a schema that no migration state
describes: re-running the migration fails on what exists, unapplying it fails on what does
not (a *hazard*).

A pure function of the Report: the statements are the forwards DDL it already holds.
"""

from __future__ import annotations

import re

from .results import DDLResult, HalfApply, Report

# connection.features.can_rollback_ddl of each vendor's Django backend (the Report holds
# only the vendor; tests/test_halfapply.py checks this against Django's feature classes).
CAN_ROLLBACK_DDL = {"sqlite": True, "postgresql": True, "cockroachdb": False,
                    "mysql": False, "oracle": False}

_SCHEMA_CHANGING = re.compile(r"^\s*(CREATE|ALTER|DROP|RENAME|TRUNCATE|COMMENT)\b", re.IGNORECASE)
_PLSQL = re.compile(r"^(BEGIN|DECLARE)\b(?!\s*;)", re.IGNORECASE)
_TRANSACTION = re.compile(r"^\s*(BEGIN|COMMIT|START TRANSACTION)\s*;\s*$", re.IGNORECASE)


def non_transactional(report: Report) -> list[str]:
    """The targets whose DDL cannot be rolled back."""
    return [t.name for t in report.targets if CAN_ROLLBACK_DDL.get(t.vendor) is False]


def schema_changing(statement: str) -> bool:
    return bool(_SCHEMA_CHANGING.match(statement))


def statements_of(row: DDLResult) -> list[str]:
    """The statements migrate runs for ``row``'s forwards DDL, comments left out."""
    if not row.sql:
        return []
    lines = row.sql.rstrip("\n").split("\n")
    if row.statement_lines is not None:  # recorded while it was rendered: exact
        return ["\n".join(lines[first - 1:last]) for first, last in row.statement_lines]
    return split_printed(row.sql)


def split_printed(sql: str) -> list[str]:
    """The statements of sqlmigrate's printed form (reports without statement_lines): one
    per line, except that a line not ending in ``;`` goes on, and a PL/SQL block (BEGIN or
    DECLARE) runs to its unindented ``END;`` and the ``/`` after it."""
    statements, current = [], []
    lines = sql.split("\n")
    for index, line in enumerate(lines):
        if not current and (not line.strip() or line.lstrip().startswith("--") or _TRANSACTION.match(line)):
            continue
        current.append(line)
        block = _PLSQL.match(current[0])
        follows = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if block:
            done = line.strip() == "/" or (line.rstrip() == "END;" and follows != "/")
        else:
            done = line.rstrip().endswith(";")
        if done:
            statements.append("\n".join(current))
            current = []
    if current:
        statements.append("\n".join(current))
    return statements


def kept_if_failed(statements: list[str]) -> list[list[int]]:
    """For each k (1-based), which statements stay applied when statement k fails: all
    before it. Where can_rollback_ddl is False, Django's schema editor opens no transaction
    (BaseDatabaseSchemaEditor.atomic_migration), so every statement autocommits."""
    return [list(range(1, k)) for k in range(1, len(statements) + 1)]


def half_apply(row: DDLResult) -> HalfApply | None:
    """The prediction for one migration on a non-transactional target (None: fewer than two
    statements, nothing can stay half-applied)."""
    statements = statements_of(row)
    if len(statements) < 2:
        return None
    changing = [i for i, s in enumerate(statements, 1) if schema_changing(s)]
    kept = kept_if_failed(statements)
    # A schema no state describes: some of the schema changes stayed, not all of them.
    hazard = any(0 < len(set(ks) & set(changing)) < len(changing) for ks in kept)
    return HalfApply(row.target, row.app, row.migration, statements, kept, hazard, changing)


def predict(report: Report) -> list[HalfApply]:
    """Every multi-statement migration on every non-transactional target of ``report``."""
    targets = set(non_transactional(report))
    rows = []
    for row in report.ddl:
        if row.target in targets and row.sql:
            found = half_apply(row)
            if found is not None:
                rows.append(found)
    return rows
