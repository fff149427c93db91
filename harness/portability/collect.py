"""Run the harness: render DDL for every target and fill a Report (no rendering here)."""

from __future__ import annotations

from pathlib import Path

import django
from django.apps import apps as installed_apps
from django.db import connections as django_connections
from django.db.migrations.loader import MigrationLoader

from . import ddl, findings, halfapply, profiles, since as incremental, workers
from .databases import describe_error
from .declared import declared_column, emits_null, server_identifier
from .lint import lint_rows
from .live import scratch_database
from .offline import connection_for
from .profiles import UnknownName
from .results import OK, UNAVAILABLE, Column, DDLResult, Report, TableDDL, Target
from .targets import TargetSpec, live_target, offline_target

# The apps of this project's own report when none are named.
DEFAULT_APPS = ("pots", "pots_pos", "pots_ora", "pots_mys")


ALL_APPS = "all"  # --apps all: every installed app that has migrations


def check_apps(labels, loader: MigrationLoader) -> list[str]:
    """The labels, or UnknownName listing the installed apps that have migrations."""
    migrated = sorted(loader.migrated_apps)
    if list(labels) == [ALL_APPS] and ALL_APPS not in migrated:
        return migrated
    installed = {config.label for config in installed_apps.get_app_configs()}
    for label in labels:
        if label not in migrated:
            kind = "app without migrations" if label in installed else "app label"
            raise UnknownName(kind, label, migrated)
    return list(dict.fromkeys(labels))


class Progress:
    """What a caller wants told about a long run (the command shows progress bars)."""

    def start(self, total: int) -> None: ...

    def advance(self, description: str = "") -> None: ...

    def update(self, group: str, done: int, total: int) -> None:
        """``done`` of ``total`` migrations rendered by the worker of ``group``."""


def build_report(app_labels, specs: list[TargetSpec], progress: Progress | None = None,
                 behaviour: bool = True, routed: bool = True, since: str | None = None,
                 roundtrip: bool = False, on_ddl=None) -> Report:
    """DDL for every target; with ``behaviour``, also the comparisons, probes and lint;
    with ``routed``, each offline target's DDL as a routed secondary alias where it differs;
    with ``since`` (a git revision), only the migrations changed since then, the columns
    and lint of the models they touch (comparisons and probes are the project's, not theirs);
    with ``roundtrip``, the migration round trip on each live target (roundtrip/).
    ``on_ddl(target, app, migration, sql, backwards_sql)`` is told of each render as it
    arrives (render.DDLFiles writes the files meanwhile)."""
    progress = progress or Progress()
    # One loader reads the migration files, for checking the labels and for the plan.
    loader = workers.load_migrations()[0]
    app_labels = check_apps(app_labels, loader)
    report = Report(apps=list(app_labels), django_version=django.get_version())
    # Live targets first: which servers answer decides which drivers load.
    live_specs = [s for s in specs if s.live]
    targets: dict[str, Target] = {s.alias: live_target(s.alias) for s in live_specs}
    for spec in specs:
        if not spec.live:
            targets[spec.name] = offline_target(spec.profile)
    report.targets = [targets[s.name] for s in specs]
    renderable = [s for s in specs if targets[s.name].status == OK]
    only = models = None
    if since is not None:
        only = incremental.changed_migrations(since, loader, app_labels, Path.cwd())
        report.since = {"revision": since, "migrations": [f"{a}.{n}" for a, n in sorted(only)]}
        models = list(_models(app_labels, incremental.touched_models(loader, only)))
        if not only:
            return report
    outcome = workers.render(app_labels, renderable, progress=progress.update, routed=routed, only=only,
                             on_results=_told(on_ddl) if on_ddl else None)
    for name, reason in outcome.lost.items():
        _unavailable(targets[name], reason)
    order = {spec.name: index for index, spec in enumerate(specs)}
    rendered: dict[str, list] = {}
    for result in outcome.results:  # each worker sends its targets' rows in walk order
        rendered.setdefault(result.target, []).append(result)
    for name in sorted(rendered, key=order.get):
        report.ddl.extend(_ddl_rows(name, rendered[name], outcome.apply_errors))
    _pair_routed(report.ddl, outcome.routed)
    connections = {s.name: connection_for(s.profile) if not s.live else django_connections[s.alias]
                   for s in renderable if s.name in rendered}
    for name, connection in connections.items():
        report.tables.extend(_tables(name, app_labels, connection, rendered[name], models))
        report.columns.extend(_columns(name, app_labels, connection, models))
    if since is not None:
        report.lint = lint_rows(targets=_lint_profiles(specs, targets),
                                models=[model for _, model in models])
    elif behaviour:
        live_ok = [s for s in live_specs if targets[s.name].status == OK]
        progress.start(len(live_ok) * 3)
        for spec in specs:
            if targets[spec.name].status != OK:
                continue
            if not spec.live:
                _behaviour(report, spec, targets[spec.name], connections.get(spec.name) or
                           connection_for(spec.profile), progress)
                continue
            try:
                with scratch_database(spec.alias, "behaviour") as connection:
                    _behaviour(report, spec, targets[spec.name], connection, progress)
            except Exception as exc:
                _unavailable(targets[spec.name], f"could not create a scratch test database: {describe_error(exc)}")
        report.lint = lint_rows(
            app_configs=[installed_apps.get_app_config(label) for label in app_labels],
            targets=_lint_profiles(specs, targets),
        )
    if roundtrip:
        from .roundtrip import round_trip

        live = [targets[s.name] for s in live_specs if targets[s.name].status == OK]
        report.roundtrip, report.drift = round_trip(app_labels, live)
    report.half_apply = halfapply.predict(report)
    report.findings = findings.collect(report)
    return report


def _told(on_ddl):
    def tell(batch) -> None:
        for r in batch:
            if not r.routed:
                on_ddl(r.target, r.app_label, r.name, r.forwards.sql, r.backwards.sql if r.backwards else None)
    return tell


def _lint_profiles(specs, targets) -> list[str]:
    """The profiles the lint checks: the selected ones (every one, when only live targets
    were selected) whose backend loads."""
    offline = ([targets[s.name] for s in specs if not s.live]
               or [offline_target(profile) for profile in profiles.PROFILES.values()])
    return [t.name for t in offline if t.status == OK]


def build_probe_report(specs: list[TargetSpec], only=None) -> Report:
    """Only the behaviour probes: observed in a scratch database on each live target,
    expected on each offline one."""
    from . import probes

    probes.select(only)  # an unknown id stops here, before any server is touched
    report = Report(django_version=django.get_version())
    for spec in specs:
        if not spec.live:
            report.targets.append(offline_target(spec.profile))
            report.probes.extend(probes.expected_rows(spec.profile, only))
            continue
        target = live_target(spec.alias)
        report.targets.append(target)
        if target.status != OK:
            continue
        try:
            with scratch_database(spec.alias, "probes"):
                report.probes.extend(probes.run_probes(spec.alias, only))
        except Exception as exc:
            _unavailable(target, f"probes failed: {describe_error(exc)}")
    return report


def _unavailable(target: Target, reason: str) -> None:
    target.status, target.reason = UNAVAILABLE, reason


def _behaviour(report: Report, spec: TargetSpec, target: Target, connection, progress) -> None:
    """Comparisons and probes: observed on a live target (in its scratch database),
    expected and declared only on an offline one."""
    from . import comparisons, probes
    from .comparisons import default_vs_routed

    if not spec.live:
        found = comparisons.declared(connection, spec.name)
        report.probes.extend(probes.expected_rows(spec.profile))
    else:
        steps = [
            ("comparisons", lambda: comparisons.collect_live(spec.alias)),
            ("default vs routed", lambda: {"default_vs_routed": default_vs_routed.compare(spec.alias)}
             if connection.vendor != "sqlite" else {}),
            ("probes", lambda: {"probes": probes.run_probes(spec.alias)}),
        ]
        found = {}
        for what, step in steps:
            progress.advance(f"{what} on {spec.name}")
            try:
                found.update(step())
            except Exception as exc:
                if why := ddl.server_lost(connection):
                    _unavailable(target, f"lost the server during {what}: {why}")
                    return
                found.setdefault("errors", []).append(f"{what}: {describe_error(exc, connection)}")
        if found.get("errors"):
            target.reason = "; ".join(found.pop("errors"))
        report.probes.extend(found.pop("probes", []))
    for key, rows in found.items():
        getattr(report, key).extend(rows)


def _pair_routed(rows: list[DDLResult], routed) -> None:
    """Keep each routed render that differs from the same target's as-default render."""
    by_key = {(r.target, r.app_label, r.name): r for r in routed}
    for row in rows:
        other = by_key.get((row.target, row.app, row.migration))
        if other is None:
            continue
        backwards_sql = other.backwards.sql if other.backwards else None
        if (other.forwards.sql, backwards_sql, other.forwards.status) != (row.sql, row.backwards_sql, row.status):
            row.routed_sql, row.routed_backwards_sql = other.forwards.sql, backwards_sql
            row.routed_status = other.forwards.status


def _ddl_rows(target: str, rendered, apply_errors) -> list[DDLResult]:
    rows = []
    for r in rendered:
        forwards, backwards = r.forwards, r.backwards
        reason = forwards.reason
        if why := apply_errors.get((target, r.app_label, r.name)):
            reason = f"{reason}; {why}" if reason else why
        rows.append(DDLResult(
            target, r.app_label, r.name, forwards.sql, forwards.status, reason,
            backwards.sql if backwards else None, backwards.status if backwards else None,
            backwards.reason if backwards else None,
            volatile=[vars(v) for v in forwards.volatile],
            printed_values=[vars(p) for p in forwards.printed],
            statement_lines=statement_lines(forwards.sql, forwards.statements),
        ))
    return rows


def statement_lines(sql: str | None, statements: list[str]) -> list[list[int]] | None:
    """[first, last] line of each non-comment statement in ``sql`` (see DDLResult)."""
    if not sql or not statements:
        return None
    line = 1 if sql.startswith(statements[0]) else 2  # after sqlmigrate's BEGIN;
    spans = []
    for statement in statements:
        height = statement.count("\n") + 1
        if not statement.lstrip().startswith("--"):
            spans.append([line, line + height - 1])
        line += height
    return spans


def _models(app_labels, touched=None):
    """(label, model) of each current model; with ``touched`` (since.touched_models), only those."""
    for label in app_labels:
        if touched is not None and label not in touched:
            continue
        names = None if touched is None else touched[label]
        for model in installed_apps.get_app_config(label).get_models(include_auto_created=True):
            owner = model._meta.auto_created or model  # an M2M table goes with its model
            if names is None or owner._meta.model_name in names:
                yield label, model


def _tables(target: str, app_labels, connection, rendered, models=None) -> list[TableDDL]:
    """Each current model's statements on one target, in migration order."""
    by_table: dict[str, list[str]] = {}
    for result in rendered:
        for statement in result.forwards.statements:
            table = ddl.statement_table(statement)
            if table:
                by_table.setdefault(table, []).append(statement)
    rows = []
    for label, model in models if models is not None else _models(app_labels):
        table = server_identifier(connection, model._meta.db_table)
        if table in by_table:
            rows.append(TableDDL(target, label, model.__name__, model._meta.db_table, by_table[table]))
    return rows


def _columns(target: str, app_labels, connection, models=None) -> list[Column]:
    """Seed 003's comparison: each column's declared type, NULL and CHECK on one target."""
    rows = []
    for label, model in models if models is not None else _models(app_labels):
        for field in model._meta.local_concrete_fields:
            declared, check = declared_column(connection, field)
            if declared is None:
                continue
            suffix = field.db_type_suffix(connection=connection)
            if suffix:
                declared = f"{declared} {suffix}"
            rows.append(Column(
                target=target, app=label, model=model.__name__, field=field.name,
                column=server_identifier(connection, field.column),
                field_type=field.get_internal_type(), declared=declared,
                nullable=emits_null(connection, field), check=check,
                primary_key=field.primary_key, unique=field.unique,
            ))
    return rows
