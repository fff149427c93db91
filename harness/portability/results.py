"""What a run found, as plain dataclasses: collectors fill them, renderers only read them.

The JSON form (``Report.to_dict``) carries ``FORMAT_VERSION``; a reader refuses any other.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

FORMAT_VERSION = 4

OFFLINE, LIVE = "offline", "live"
OK, UNAVAILABLE = "ok", "unavailable"


@dataclass
class Target:
    name: str  # profile name ("postgresql-15") or live alias ("postgresql")
    vendor: str  # Django's connection.vendor, or "cockroachdb"
    version: str | None  # the pinned version (offline) or what the server reported (live)
    mode: str  # OFFLINE | LIVE
    status: str = OK  # OK | UNAVAILABLE
    reason: str | None = None  # why UNAVAILABLE, or how an OK one was rendered (masked)
    display: str = ""  # short label for column headers, e.g. "PostgreSQL 15"
    mariadb: bool = False


# DDLResult.status: rendered / needs a server or its data (an Oracle SYS_C… name, a default
# computed from rows) / a bug or a migration that cannot be rendered; backwards also:
STATUS_OK, STATUS_NEEDS_SERVER, STATUS_ERROR, STATUS_IRREVERSIBLE = (
    "ok", "needs-server", "error", "irreversible")


@dataclass
class DDLResult:
    target: str
    app: str
    migration: str
    sql: str | None  # exactly what sqlmigrate prints (None when it could not be rendered)
    status: str = STATUS_OK
    reason: str | None = None  # why not ok, or what to know about an ok render
    backwards_sql: str | None = None  # what sqlmigrate --backwards prints
    backwards_status: str | None = None  # as status, plus irreversible; None: not rendered
    backwards_error: str | None = None
    # Defaults computed when the migration runs (uuid4, now): printed as a fixed stand-in.
    volatile: list[dict] = field(default_factory=list)
    # Parameters sqlmigrate prints otherwise than migrate sends them (mysqlclient's b'0').
    printed_values: list[dict] = field(default_factory=list)
    # Set only where the target's DDL as a routed secondary alias (the project's default
    # alias another server, seed 003's setup) differs from its DDL as the default alias.
    routed_sql: str | None = None
    routed_backwards_sql: str | None = None
    routed_status: str | None = None
    # Where each statement migrate runs sits in ``sql``: [first, last] line numbers (1-based),
    # comment lines left out; None in reports written before it was recorded.
    statement_lines: list[list[int]] | None = None

    @property
    def error(self) -> str | None:
        """The reason, when the render failed (status error)."""
        return self.reason if self.status == STATUS_ERROR else None


@dataclass
class TableDDL:
    """The statements of one model's table on one target, in migration order."""

    target: str
    app: str
    model: str
    table: str
    statements: list[str]


@dataclass
class Column:
    """One column as Django declares it for a target (seed 003's comparison table)."""

    target: str
    app: str
    model: str
    field: str
    column: str
    field_type: str
    declared: str | None  # db_type, e.g. "varchar(20)", "NVARCHAR2(20)"
    nullable: bool
    check: str | None
    primary_key: bool = False
    unique: bool = False


@dataclass
class TypeRow:
    target: str
    model: str
    field: str
    field_type: str
    declared: str | None
    check: str | None
    nullable: bool
    stored: str | None = None  # what the server's catalog says (live only)
    orm_value: str | None = None
    orm_type: str | None = None
    raw_value: str | None = None
    raw_type: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class CaseRow:
    """One outcome of the null/empty-string or boolean comparisons."""

    target: str
    case: str
    outcome: str
    detail: str | None = None


@dataclass
class DefaultVsRouted:
    """A question answered differently when the backend is the default alias than when routed."""

    vendor: str
    case: str
    as_default: str
    as_routed: str
    differs: bool


@dataclass
class ProbeRow:
    id: str
    question: str
    target: str
    expected: str | None
    observed: str | None  # None for offline targets
    agrees: bool | None  # None when nothing was observed
    reference: str


@dataclass
class LintRow:
    id: str  # "portability.W001"
    obj: str  # "app.Model.field"
    targets: list[str]
    message: str
    hint: str


# Finding.severity, most harmful first: data lost or changed; the application behaves
# otherwise; the schema differs; a hazard in how it is migrated; worth knowing.
SEVERITIES = ("data", "behaviour", "schema", "migration", "info")


@dataclass
class Finding:
    """One difference that can bite, with what to do about it (see ``findings/``)."""

    rule: str  # the rule's id in the findings registry, e.g. "nullable-differs"
    severity: str  # one of SEVERITIES
    title: str  # one line: what differs
    why: str  # one sentence: why it matters
    fix: str  # what to do
    targets: list[str]  # the targets affected
    objects: list[str] = field(default_factory=list)  # "app.Model.field", "app.0003_name"
    evidence: str | None = None  # anchor of the section below that shows it


# RoundTripStep.phase: the three passes of ``portability roundtrip``.
FORWARDS_PASS, BACKWARDS_PASS, FORWARDS_AGAIN = "forwards", "backwards", "forwards-again"


@dataclass
class RoundTripStep:
    """One pass of the round trip on one live target: every migration of it, or where it stopped."""

    target: str
    phase: str  # FORWARDS_PASS | BACKWARDS_PASS | FORWARDS_AGAIN
    status: str  # "ok" | "failed" | "irreversible" | "skipped" (an earlier pass failed)
    migrations: int = 0  # how many the pass applied (or unapplied)
    app: str | None = None  # the migration that failed
    migration: str | None = None
    statement: str | None = None  # the statement the server refused (None: not a statement)
    error: str | None = None


@dataclass
class Drift:
    """The real schema after a round-trip pass, where it is not what the migration state says."""

    target: str
    phase: str  # after which pass (BACKWARDS_PASS: left behind compared with the empty database)
    object: str  # "table", "column", "type", "null", "default", "primary key", "unique", "index",
    #              "foreign key", "check"
    change: str  # "missing" | "unexpected" | "different" | "truncated" | "left behind"
    table: str
    name: str | None  # the column or constraint (None: the table itself)
    expected: str | None  # what the migration state describes
    actual: str | None  # what the server reports
    app: str | None = None  # the migration that caused it (last to touch the object)
    migration: str | None = None
    note: str | None = None  # the known cause, e.g. "InnoDB indexes every foreign key"


@dataclass
class HalfApply:
    """A multi-statement migration on a target whose DDL cannot be rolled back: what stays."""

    target: str
    app: str
    migration: str
    statements: list[str]  # what migrate runs, in order (comment lines left out)
    # kept[k - 1]: the 1-based numbers of the statements still applied when statement k fails.
    kept: list[list[int]]
    hazard: bool  # some failure leaves a schema no migration state describes
    schema_changing: list[int] = field(default_factory=list)  # 1-based numbers of the DDL


@dataclass
class Report:
    targets: list[Target] = field(default_factory=list)
    apps: list[str] = field(default_factory=list)
    ddl: list[DDLResult] = field(default_factory=list)
    tables: list[TableDDL] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    types: list[TypeRow] = field(default_factory=list)
    null_empty: list[CaseRow] = field(default_factory=list)
    booleans: list[CaseRow] = field(default_factory=list)
    default_vs_routed: list[DefaultVsRouted] = field(default_factory=list)
    probes: list[ProbeRow] = field(default_factory=list)
    lint: list[LintRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # ranked, most harmful first
    roundtrip: list[RoundTripStep] = field(default_factory=list)
    drift: list[Drift] = field(default_factory=list)
    half_apply: list[HalfApply] = field(default_factory=list)
    django_version: str = ""
    # An incremental run (--since): {"revision": REV, "migrations": ["app.name", ...]}.
    since: dict | None = None

    def target(self, name: str) -> Target:
        return next(t for t in self.targets if t.name == name)

    def to_dict(self) -> dict[str, Any]:
        # Rows are flat dataclasses: a shallow copy of each is what asdict() would build,
        # several times faster on reports with thousands of rows.
        data: dict[str, Any] = {"format": FORMAT_VERSION}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, list):
                value = [dict(vars(row)) if dataclasses.is_dataclass(row) else row for row in value]
            data[f.name] = value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "report") -> Report:
        version = data.get("format")
        if version != FORMAT_VERSION:
            raise ReportFormatError(
                f"{source} has format {version!r}; this harness reads format {FORMAT_VERSION} "
                "only. Re-run the harness version that wrote it, or regenerate the report."
            )
        kinds = {f.name: f.type for f in dataclasses.fields(cls)}
        rows = {
            "targets": Target,
            "ddl": DDLResult,
            "tables": TableDDL,
            "columns": Column,
            "types": TypeRow,
            "null_empty": CaseRow,
            "booleans": CaseRow,
            "default_vs_routed": DefaultVsRouted,
            "probes": ProbeRow,
            "lint": LintRow,
            "findings": Finding,
            "roundtrip": RoundTripStep,
            "drift": Drift,
            "half_apply": HalfApply,
        }
        values = {name: [rows[name](**row) for row in data.get(name, [])] for name in rows}
        values["apps"] = list(data.get("apps", []))
        values["django_version"] = data.get("django_version", "")
        values["since"] = data.get("since")
        assert set(values) == set(kinds)
        return cls(**values)


class ReportFormatError(ValueError):
    """A report.json written in another format version."""
