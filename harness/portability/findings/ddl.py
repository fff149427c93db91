"""DDL hazards: identifiers a target shortens, and DDL that depends on the default alias."""

from __future__ import annotations

import re

from .. import anchors
from ..results import Finding, Report
from . import rule
from ._common import group, in_order, labels, listed
from .constraints import truncated

_QUOTED = re.compile(r'"([^"]+)"|`([^`]+)`')


def identifiers(statements) -> set[str]:
    return {a or b for s in statements for a, b in _QUOTED.findall(s)}


def shortened(long_names: set[str], names: set[str]) -> dict[str, str]:
    """{long name: the name this target got instead} for names cut to a prefix plus a hash."""
    lower = {n.lower(): n for n in names}
    out = {}
    for name in long_names:
        if name.lower() in lower:
            continue
        for short in lower.values():
            if truncated(name, short):
                out[name] = short
                break
    return out


@rule("identifier-shortened", "schema")
def identifier_shortened(report: Report):
    for (app, model), rows in group(report.tables, key=lambda t: (t.app, t.model)).items():
        names = {n: identifiers(s for t in ts for s in t.statements)
                 for n, ts in group(rows, key=lambda t: t.target).items()}
        every = set().union(*names.values())
        by_change: dict[tuple, list[str]] = {}
        for target, mine in names.items():
            cut = shortened(every - mine, mine)
            if cut:
                by_change.setdefault(tuple(sorted(cut.items())), []).append(target)
        for cut, targets in by_change.items():
            shown = [f"{long} → {short}" for long, short in cut]
            yield Finding(
                "identifier-shortened", "schema",
                f"{len(cut)} identifier(s) of {app}.{model} shortened on "
                f"{labels(report, targets)}: {listed(shown, 2)}",
                "Raw SQL, database views and tools that name the full identifier fail there.",
                "Set shorter db_table, db_column and constraint names that fit every target "
                "(Oracle 19c: 30 characters).", in_order(report, targets), [f"{app}.{model}"],
                anchors.ddl(app, model))


@rule("ddl-depends-on-default", "migration")
def ddl_depends_on_default(report: Report):
    routed = [d for d in report.ddl if d.routed_sql is not None]
    for (app, migration), rows in group(routed, key=lambda d: (d.app, d.migration)).items():
        targets = in_order(report, [d.target for d in rows])
        yield Finding(
            "ddl-depends-on-default", "migration",
            f"{app}.{migration} runs other DDL as a routed alias on {labels(report, targets)}",
            "The migration reads the default connection while it builds its SQL, so migrating "
            "a secondary database runs other statements than migrating the default one.",
            "Use schema_editor.connection (not django.db.connection) inside the migration, "
            "and compare the routed DDL shown below.",
            targets, [f"{app}.{migration}"], anchors.migration(app, migration))
