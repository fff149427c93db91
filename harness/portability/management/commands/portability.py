"""``manage.py portability report|targets|probes|test|merge`` — thin: parse, call the engine, render."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console

from harness.portability import collect, targets
from harness.portability.databases import reachability
from harness.portability.profiles import UnknownName
from harness.portability.render import progress as progress_bar
from harness.portability.render import render_summary, write_report
from harness.portability.results import OK, Report

# Exit code of `report --strict` when a target was unavailable or a migration failed to render.
EXIT_INCOMPLETE = 3


class BarProgress(collect.Progress):
    def __init__(self, bar):
        self.bar, self.task = bar, None

    def start(self, total):
        self.task = self.bar.add_task("rendering migrations", total=total)

    def advance(self, description=""):
        self.bar.update(self.task, advance=1, description=description or "working")


class Command(BaseCommand):
    help = "See what each database backend does with your migrations and data."
    requires_system_checks = []  # the report has its own lint section

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        report = sub.add_parser("report", help="render DDL (and comparisons) for every target")
        report.add_argument("--apps", nargs="+", metavar="APP",
                            help=f"app labels (default: {' '.join(collect.DEFAULT_APPS)})")
        report.add_argument("--targets", nargs="+", metavar="TARGET",
                            help="profiles and/or live aliases (default: all)")
        report.add_argument("--offline", action="store_true", help="skip live aliases")
        report.add_argument("--output", default="reports", help="output folder (default: reports)")
        report.add_argument("--strict", action="store_true",
                            help=f"exit {EXIT_INCOMPLETE} if any target or migration is incomplete")
        sub.add_parser("targets", help="list targets with mode, version and reachability")
        probes = sub.add_parser("probes", help="run the behaviour probes")
        probes.add_argument("--only", nargs="+", metavar="ID", help="probe ids")
        probes.add_argument("--targets", nargs="+", metavar="TARGET")
        probes.add_argument("--offline", action="store_true")
        probes.add_argument("--output", help="also write the full report here")
        test = sub.add_parser("test", help="run your test suite on every target, each as the "
                              "default alias: OUTPUT/tests/matrix.{json,md,html}")
        test.add_argument("--targets", nargs="+", metavar="ALIAS", help="live aliases (default: all)")
        test.add_argument("-j", "--jobs", type=int, metavar="N",
                          help="parallel runs (default: the number of targets or CPUs, the fewer)")
        test.add_argument("--output", default="reports", help="writes OUTPUT/tests/ (default: reports)")
        test.add_argument("--runner", choices=("auto", "pytest", "django"), default="auto",
                          help="auto: pytest if pytest-django is configured, else manage.py test")
        test.add_argument("--timeout", type=float, metavar="SECONDS", help="per target")
        test.add_argument("--strict", action="store_true", help="exit 3 if a target was unavailable")
        test.add_argument("test_args", nargs="*", metavar="-- ARGS",
                          help="passed to pytest (or to manage.py test)")
        merge = sub.add_parser("merge", help="combine report.json (or matrix.json) files of CI jobs")
        merge.add_argument("reports", nargs="+", metavar="REPORT_JSON")
        merge.add_argument("--output", required=True)

    def handle(self, *args, action, **options):
        console = Console(file=self.stdout, highlight=False, soft_wrap=True)
        try:
            return getattr(self, f"handle_{action}")(console, **options)
        except UnknownName as exc:
            raise CommandError(str(exc)) from None

    def handle_report(self, console, apps, targets: list | None, offline, output, strict, **_):
        specs = targets_or_error(targets, offline)
        with progress_bar(console) as bar:
            report = collect.build_report(apps or collect.DEFAULT_APPS, specs, BarProgress(bar))
        write_report(report, output)
        render_summary(report, console, output)
        if strict and incomplete(report):
            sys.exit(EXIT_INCOMPLETE)

    def handle_targets(self, console, **_):
        from rich.table import Table

        table = Table("target", "mode", "vendor", "version", "status")
        for spec in targets.select():
            if spec.live:
                found = reachability(spec.alias)
                target = targets.live_target(spec.alias, found)
                status = "reachable" if found.live else f"unreachable: {found.reason}"
                table.add_row(spec.name, "live", target.vendor, target.version or "-",
                              f"{status} ({found.masked_url})")
            else:
                p = spec.profile
                table.add_row(p.name, "offline", p.vendor, p.version_string, "always available")
        console.print(table)

    def handle_probes(self, console, only, targets: list | None, offline, output, **_):
        from rich.table import Table

        report = collect.build_probe_report(targets_or_error(targets, offline), only)
        table = Table("probe", "target", "expected", "observed", "agrees")
        for row in report.probes:
            if row.observed is not None:
                mark = "yes" if row.agrees else "[bold red]NO[/]"
                table.add_row(row.id, row.target, row.expected or "-", row.observed, mark)
        if table.row_count:
            console.print(table)
        if output:
            write_report(report, output)
        render_summary(report, console, output)

    def handle_test(self, console, targets, jobs, output, runner, timeout, strict, test_args, **_):
        from harness.portability.matrix import command as matrix

        try:
            plan = matrix.plan_from_options(targets, runner, jobs, output, test_args, timeout)
            code = matrix.run_and_write(plan, console, strict)
        except matrix.UsageError as exc:
            raise CommandError(str(exc), returncode=matrix.EXIT_USAGE) from None
        if code:
            sys.exit(code)

    def handle_merge(self, console, reports, output, **_):
        from harness.portability.matrix import command as matrix
        from harness.portability.matrix.merge import MATRIX, input_kind
        from harness.portability.merge import merge_reports

        loaded = []
        for path in reports:
            try:
                loaded.append((path, json.loads(Path(path).read_text(encoding="utf-8"))))
            except (OSError, ValueError) as exc:
                raise CommandError(f"cannot read {path}: {exc}") from None
        try:
            if input_kind(loaded) == MATRIX:  # matrix.json files of `portability test`
                return matrix.merge_and_write(loaded, output, console)
            report = merge_reports(loaded)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        write_report(report, output)
        render_summary(report, console, output)


def targets_or_error(names, offline):
    try:
        return targets.select(names, offline_only=offline)
    except UnknownName as exc:
        raise CommandError(str(exc)) from None


def incomplete(report: Report) -> bool:
    return any(t.status != OK for t in report.targets) or any(r.error for r in report.ddl)
