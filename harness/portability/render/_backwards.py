"""Each migration's forwards and backwards DDL, targets with the same text grouped, and
the DDL a target runs as a routed secondary alias where it differs (flagged)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import anchors
from ..results import STATUS_IRREVERSIBLE, STATUS_OK, DDLResult, Report
from ._blocks import Names, Section, group


@dataclass
class MigrationSide:
    """Forwards or backwards: the SQL, or why there is none."""

    sql: str | None
    note: str | None = None  # "irreversible: …", "needs a server: …"


@dataclass
class MigrationGroup:
    label: str
    targets: list[str]
    forwards: MigrationSide
    backwards: MigrationSide
    routed: MigrationSide | None = None  # set only where the routed DDL differs
    routed_backwards: MigrationSide | None = None


@dataclass
class MigrationDDL:
    id: str
    title: str
    groups: list[MigrationGroup] = field(default_factory=list)

    @property
    def irreversible(self) -> bool:
        return any((g.backwards.note or "").startswith("irreversible") for g in self.groups)

    @property
    def routed(self) -> bool:
        return any(g.routed is not None for g in self.groups)


def _forwards(d: DDLResult) -> MigrationSide:
    if d.status == STATUS_OK:
        return MigrationSide(d.sql or "")
    return MigrationSide(d.sql, f"{d.status}: {d.reason or 'no reason recorded'}")


def _backwards(d: DDLResult) -> MigrationSide:
    if d.backwards_status is None:
        return MigrationSide(None, "not rendered")
    if d.backwards_status == STATUS_IRREVERSIBLE:
        return MigrationSide(None, f"irreversible: {d.backwards_error or 'no reason recorded'}")
    if d.backwards_status == STATUS_OK:
        return MigrationSide(d.backwards_sql or "")
    return MigrationSide(d.backwards_sql, f"{d.backwards_status}: "
                                          f"{d.backwards_error or 'no reason recorded'}")


def _key(d: DDLResult) -> tuple:
    return (d.status, d.sql, d.reason, d.backwards_status, d.backwards_sql, d.backwards_error,
            d.routed_sql, d.routed_backwards_sql)


def migrations_ddl_section(report: Report, names: Names) -> Section | None:
    if not report.ddl:
        return None
    blocks = []
    rank = {n: i for i, n in enumerate(names.order((d.target for d in report.ddl), everyone=True))}
    for (app, migration), rows in group(report.ddl, key=lambda d: (d.app, d.migration)).items():
        rows = sorted(rows, key=lambda d: rank[d.target])
        block = MigrationDDL(anchors.migration(app, migration), f"{app}.{migration}")
        for same in group(rows, key=_key).values():
            d = same[0]
            routed = d.routed_sql is not None
            block.groups.append(MigrationGroup(
                names.joined(x.target for x in same), [x.target for x in same],
                _forwards(d), _backwards(d),
                MigrationSide(d.routed_sql) if routed else None,
                MigrationSide(d.routed_backwards_sql) if routed and d.routed_backwards_sql is not None
                else None))
        blocks.append(block)
    irreversible = sum(b.irreversible for b in blocks)
    title = "Forwards and backwards DDL" + (f" ({irreversible} irreversible)" if irreversible else "")
    return Section("migration-ddl", title, blocks)
