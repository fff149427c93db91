"""Constraints and index options a target silently leaves out: a partial index or
conditional UniqueConstraint on MySQL/MariaDB/Oracle, nulls_distinct on PostgreSQL 14,
INCLUDE, named CHECKs. Read from the DDL each target really got (``report.tables``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import anchors
from ..results import Finding, Report
from . import rule
from ._common import group, in_order, labels

_INDEX = re.compile(r'CREATE\s+(UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF NOT EXISTS\s+)?'
                    r'[`"\[]?([\w$#]+)[`"\]]?\s+ON\b', re.I)
_CONSTRAINT = re.compile(r'CONSTRAINT\s+[`"\[]?([\w$#]+)[`"\]]?\s+(UNIQUE|CHECK)\b', re.I)
# What a name's statement says beyond "exists": the options some backends drop.
_OPTIONS = (("condition", re.compile(r"\)\s*WHERE\s", re.I)),
            ("nulls_distinct", re.compile(r"\bNULLS\s+(NOT\s+)?DISTINCT\b", re.I)),
            ("include", re.compile(r"\bINCLUDE\s*\(", re.I)))


@dataclass(frozen=True)
class Named:
    name: str  # lower case
    kind: str  # "index", "unique index", "unique", "check"
    options: frozenset[str]


def named_objects(statements: list[str]) -> dict[str, Named]:
    found: dict[str, Named] = {}
    for sql in statements:
        for m in _INDEX.finditer(sql):
            tail = sql[m.end():]
            options = frozenset(o for o, pattern in _OPTIONS if pattern.search(tail))
            kind = "unique index" if m.group(1) else "index"
            found[m.group(2).lower()] = Named(m.group(2).lower(), kind, options)
        matches = list(_CONSTRAINT.finditer(sql))
        for i, m in enumerate(matches):
            tail = sql[m.end():matches[i + 1].start() if i + 1 < len(matches) else len(sql)]
            options = frozenset(o for o, pattern in _OPTIONS if pattern.search(tail))
            found[m.group(1).lower()] = Named(m.group(1).lower(), m.group(2).lower(), options)
    return found


def same_name(name: str, found: dict[str, Named]) -> Named | None:
    """``name`` among ``found``, also when the target shortened it (Oracle: 26 chars + hash)."""
    if name in found:
        return found[name]
    digest = _DIGEST.search(name)
    for other, obj in found.items():
        if truncated(name, other) or (digest and digest.group(0) in other):
            return obj
    return None


# Django names its own constraints table_column_<8 hex>_suffix, shortened per backend
# around the same hash of the table and columns.
_DIGEST = re.compile(r"_[0-9a-f]{8}_")


# Django's truncate_name cuts a name to exactly the backend's limit: a prefix, then a
# 4-character hash (Oracle 30, PostgreSQL 63, MySQL 64, Oracle 23ai's 128).
NAME_LIMITS = (30, 63, 64, 128)


def truncated(name: str, short: str) -> bool:
    """Whether ``short`` is ``name`` cut by truncate_name (case-insensitively)."""
    keep = len(short) - 4
    return (len(short) in NAME_LIMITS and len(short) < len(name)
            and name.lower()[:keep] == short.lower()[:keep])


@rule("constraint-dropped", "data")
def constraint_dropped(report: Report):
    for (app, model), rows in group(report.tables, key=lambda t: (t.app, t.model)).items():
        per_target = {n: named_objects([s for t in ts for s in t.statements])
                      for n, ts in group(rows, key=lambda t: t.target).items()}
        problems: dict[tuple[str, str, str], list[str]] = {}  # (name, kind, what) -> targets
        for target, objs in per_target.items():
            for obj in objs.values():
                if not obj.options and (obj.kind != "check" or _DIGEST.search(obj.name)):
                    # Django creates plain indexes and uniques everywhere, and its own
                    # CHECKs (a field's) inline where it rebuilds a table (SQLite).
                    continue
                for other, theirs in per_target.items():
                    if other == target:
                        continue
                    match = same_name(obj.name, theirs)
                    missing = ["not created"] if match is None else [
                        f"{o} dropped" for o in sorted(obj.options - match.options)]
                    for what in missing:
                        problems.setdefault((obj.name, obj.kind, what), []).append(other)
        for (name, kind, what), targets in problems.items():
            targets = in_order(report, set(targets))
            bites = kind != "index"  # unique and check constraints guard data
            yield Finding(
                "constraint-dropped", "data" if bites else "schema",
                f"{kind} {name} on {app}.{model}: {what} on {labels(report, targets)}",
                ("The database there accepts rows the constraint rejects elsewhere."
                 if bites else "Queries that rely on the index run without it there."),
                "Enforce the rule in application code (validate_constraints) for these "
                "targets, or express it in a form they support (e.g. a unique column).",
                targets, [f"{app}.{model}"], anchors.ddl(app, model))
