"""Findings about rolling back: irreversible migrations, round-trip drift, half-apply hazards."""

from __future__ import annotations

from collections import defaultdict

from .. import anchors
from ..results import STATUS_IRREVERSIBLE, Finding, Report
from . import rule


def evidence(app: str | None, migration: str | None) -> str | None:
    """The migration's forwards/backwards DDL block (none for drift no migration explains)."""
    return anchors.migration(app, migration) if app and migration else None


@rule("irreversible-migration", "migration")
def irreversible(report: Report):
    found: dict[tuple[str, str], dict] = {}
    for row in report.ddl:
        if row.backwards_status == STATUS_IRREVERSIBLE:
            entry = found.setdefault((row.app, row.migration), {"targets": [], "why": row.backwards_error})
            entry["targets"].append(row.target)
    for step in report.roundtrip:  # live: migrate itself refused to unapply it
        if step.status == "irreversible" and step.app:
            entry = found.setdefault((step.app, step.migration), {"targets": [], "why": step.error})
            if step.target not in entry["targets"]:
                entry["targets"].append(step.target)
    for (app, migration), entry in sorted(found.items()):
        what = entry["why"] or "an operation without a reverse"
        yield Finding(
            rule="irreversible-migration", severity="migration",
            title=f"{app}.{migration} cannot be unapplied: {what}",
            why="Rolling back past it stops with IrreversibleError, so a failed deploy cannot be undone "
                "with migrate.",
            fix=f"Give the operation a reverse ({what}): reverse_code for RunPython (RunPython.noop if "
                "nothing needs undoing), reverse_sql for RunSQL (RunSQL.noop), or a database_backwards.",
            targets=entry["targets"], objects=[f"{app}.{migration}"], evidence=evidence(app, migration))


@rule("roundtrip-drift", "schema")
def drift(report: Report):
    groups: dict[tuple, dict] = defaultdict(lambda: {"targets": [], "objects": []})
    for d in report.drift:
        key = (d.app, d.migration, d.object, d.change, d.note)
        group = groups[key]
        if d.target not in group["targets"]:
            group["targets"].append(d.target)
        name = f"{d.table}.{d.name}" if d.name else d.table
        if name not in group["objects"]:
            group["objects"].append(name)
        group.setdefault("example", d)
    for (app, migration, obj, change, note), group in sorted(groups.items(), key=lambda kv: str(kv[0])):
        example = group["example"]
        shown = ", ".join(group["objects"][:3]) + (" …" if len(group["objects"]) > 3 else "")
        where = f"{app}.{migration}" if app else "an unknown migration"
        yield Finding(
            rule="roundtrip-drift", severity="schema",
            title=f"{obj} {change} after the round trip of {where}: {shown}",
            why=(note + ", so the schema is not what the migration state says") if note else
                (f"The real schema ({example.actual or 'nothing'}) is not what the migration state says "
                 f"({example.expected or 'nothing'}), so later migrations that introspect it can fail or "
                 "leave it otherwise."),
            fix="Drop what the migrations left behind (or add the migration that records it); where the "
                "server rewrites it, compare with the server's form before relying on it.",
            targets=group["targets"], objects=group["objects"], evidence=evidence(app, migration))


@rule("half-apply-hazard", "migration")
def half_apply(report: Report):
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for row in report.half_apply:
        if row.hazard:
            groups[row.app, row.migration].append(row)
    for (app, migration), rows in sorted(groups.items()):
        count = max(len(r.schema_changing) for r in rows)
        yield Finding(
            rule="half-apply-hazard", severity="migration",
            title=f"{app}.{migration} stays half-applied if one of its {count} schema changes fails",
            why="These servers commit each DDL statement, so when a later statement fails the earlier ones "
                "stay, the migration is not recorded, and neither migrate nor a rollback gets past it.",
            fix="Split it into migrations of one schema change each (or put the statement that can fail on "
                "the data first), and try it on a copy of production data.",
            targets=[r.target for r in rows], objects=[f"{app}.{migration}"], evidence=evidence(app, migration))
