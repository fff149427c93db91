"""``manage.py portability report|targets|probes|test|verify|roundtrip|merge`` — thin: parse, call the engine, render."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console

from harness.portability import collect, targets
from harness.portability.databases import reachability
from harness.portability.profiles import UnknownName
from harness.portability.render import progress as progress_bar
from harness.portability.render import DDLFiles, render_summary, write_report
from harness.portability.results import OK, Report

# Exit code of `report --strict` when a target was unavailable or a migration failed to render.
EXIT_INCOMPLETE = 3


class BarProgress(collect.Progress):
    """One bar per worker (target group) while migrations render, then one for the rest."""

    def __init__(self, bar):
        self.bar, self.task, self.groups = bar, None, {}

    def update(self, group, done, total):
        if group not in self.groups:
            self.groups[group] = self.bar.add_task(f"rendering {group}", total=total)
        self.bar.update(self.groups[group], completed=done)

    def start(self, total):
        self.task = self.bar.add_task("comparisons and probes", total=total)

    def advance(self, description=""):
        self.bar.update(self.task, advance=1, description=description or "working")


class Command(BaseCommand):
    help = "See what each database backend does with your migrations and data."
    requires_system_checks = []  # the report has its own lint section

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        report = sub.add_parser("report", help="render DDL (and comparisons) for every target")
        report.add_argument("--apps", nargs="+", metavar="APP",
                            help=f"app labels, or 'all' (default: {' '.join(collect.DEFAULT_APPS)})")
        report.add_argument("--targets", nargs="+", metavar="TARGET",
                            help="profiles and/or live aliases (default: all)")
        report.add_argument("--offline", action="store_true", help="skip live aliases")
        report.add_argument("--output", default="reports", help="output folder (default: reports)")
        report.add_argument("--since", metavar="REV",
                            help="only the migrations added or changed since this git revision")
        report.add_argument("--strict", action="store_true",
                            help=f"exit {EXIT_INCOMPLETE} if any target or migration is incomplete")
        report.add_argument("--roundtrip", action="store_true",
                            help="also the migration round trip on each live target (see roundtrip)")
        report.add_argument("--compare", nargs=2, metavar=("A", "B"),
                            help="also write compare.md/compare.html: what changes moving from "
                                 "target A to target B (default targets: A and B)")
        report.add_argument("--open", action="store_true",
                            help="open index.html in a browser when a display is present")
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
        verify = sub.add_parser("verify", help="prove the offline profiles exact here: Django's own "
                                "sqlmigrate on each live server vs the profile of its version")
        verify.add_argument("--apps", nargs="+", metavar="APP",
                            help=f"app labels, or 'all' (default: {' '.join(collect.DEFAULT_APPS)})")
        verify.add_argument("--targets", nargs="+", metavar="ALIAS",
                            help="live aliases (default: every one that answers)")
        verify.add_argument("--output", default="reports", help="writes OUTPUT/verify.{json,md}")
        verify.add_argument("--forwards-only", action="store_true", help="skip sqlmigrate --backwards")
        verify.add_argument("-j", "--jobs", type=int, metavar="N",
                            help="servers walked at once (default: one per CPU)")
        roundtrip = sub.add_parser("roundtrip", help="forwards, backwards to zero and forwards again on a "
                                   "scratch database of each live target, the real schema vs the "
                                   "migration state: OUTPUT/roundtrip.{json,md}")
        roundtrip.add_argument("--apps", nargs="+", metavar="APP",
                               help=f"app labels, or 'all' (default: {' '.join(collect.DEFAULT_APPS)})")
        roundtrip.add_argument("--targets", nargs="+", metavar="ALIAS", help="live aliases (default: all)")
        roundtrip.add_argument("--output", default="reports", help="writes OUTPUT/roundtrip.{json,md}")
        roundtrip.add_argument("-j", "--jobs", type=int, metavar="N",
                               help="targets run at once (default: one per CPU)")
        merge = sub.add_parser("merge", help="combine report.json (or matrix.json) files of CI jobs")
        merge.add_argument("reports", nargs="+", metavar="REPORT_JSON")
        merge.add_argument("--output", required=True)

    def handle(self, *args, action, **options):
        console = Console(file=self.stdout, highlight=False, soft_wrap=True)
        try:
            return getattr(self, f"handle_{action}")(console, **options)
        except UnknownName as exc:
            raise CommandError(str(exc)) from None

    def handle_report(self, console, apps, targets: list | None, offline, output, strict, since,
                      roundtrip=False, compare=None, open=False, **_):
        from harness.portability.since import SinceError

        started = time.perf_counter()
        if compare:
            targets = list(dict.fromkeys([*(targets or []), *compare]))
        specs = targets_or_error(targets, offline)
        if compare:
            missing = [n for n in compare if n not in {s.name for s in specs}]
            if missing:  # a live alias that --offline skips
                raise CommandError(f"--compare {' '.join(compare)}: {', '.join(missing)} is a live "
                                   "alias and --offline skips live aliases; compare profiles, "
                                   "or drop --offline")
        ddl_files = DDLFiles(Path(output) / "ddl")  # written as the renders arrive
        try:
            with progress_bar(console) as bar:
                report = collect.build_report(apps or collect.DEFAULT_APPS, specs, BarProgress(bar),
                                              since=since, roundtrip=roundtrip, on_ddl=ddl_files.add)
        except SinceError as exc:
            ddl_files.abort()
            raise CommandError(f"{exc}. Name a commit, branch or tag of this repository "
                               "(e.g. --since origin/main).") from None
        except BaseException:
            ddl_files.abort()  # the last report's files stay as they were
            raise
        if since is not None and not report.since["migrations"]:
            console.print(f"No migration of {', '.join(report.apps)} was added or changed since "
                          f"{since}: nothing to render.")
        write_report(report, output, ddl_files)
        render_summary(report, console, output)
        wall = time.perf_counter() - started
        migrations = len({(d.app, d.migration) for d in report.ddl})
        console.print(f"{migrations} migrations × {len({d.target for d in report.ddl})} targets "
                      f"({len(report.ddl)} renders) in {wall:.1f} s: {migrations / wall:.0f} migrations/s, "
                      f"{len(report.ddl) / wall:.0f} renders/s")
        if compare:
            from harness.portability import findings
            from harness.portability.render.compare import subset, write_compare

            pair = subset(report, *compare)
            pair.findings = findings.collect(pair)
            written = write_compare(pair, output, *compare)
            console.print(f"Moving from {compare[0]} to {compare[1]}: "
                          + ", ".join(str(p) for p in written))
        if open:
            from harness.portability.browser import open_report

            console.print(open_report(Path(output) / "index.html"))
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

    def handle_verify(self, console, apps, output, forwards_only, jobs, **options):
        from django.conf import settings
        from django.db.migrations.loader import MigrationLoader
        from rich.table import Table

        from harness.portability import verify, workers

        app_labels = collect.check_apps(apps or collect.DEFAULT_APPS, MigrationLoader(None, replace_migrations=False))
        names = options.get("targets") or [a for a in targets.live_aliases() if reachability(a).live]
        live = [targets.live_target(s.alias) for s in targets_or_error(names, False) if s.live]
        down = [t for t in live if t.status != OK]
        if down:
            raise CommandError("; ".join(f"{t.name}: {t.reason}" for t in down))
        with progress_bar(console) as bar:
            bar.add_task(f"sqlmigrate on {', '.join(t.name for t in live)}", total=None)
            results = verify.verify(
                app_labels, live, lambda wanted: workers.render_offline(app_labels, wanted, backwards=not forwards_only),
                settings.SETTINGS_MODULE, parallel=jobs, backwards=not forwards_only)
        out = Path(output)
        out.mkdir(parents=True, exist_ok=True)
        (out / "verify.json").write_text(json.dumps(verify.to_json(results), indent=1) + "\n", encoding="utf-8")
        (out / "verify.md").write_text(verify.to_markdown(results), encoding="utf-8")
        table = Table("alias", "server", "profile", "forwards", "backwards", "result")
        for r in results:
            counts = r.counts()
            cells = [", ".join(f"{k.split(':')[1]} {v}" for k, v in counts.items() if k.startswith(d))
                     for d in ("forwards", "backwards")]
            verdict = ("[green]exact[/]" if r.exact else
                       f"[bold red]{r.error or 'DIFFERENT'}[/]")
            table.add_row(r.alias, r.server, r.profile or "-", *cells, verdict)
        console.print(table)
        console.print(f"Details: {out / 'verify.md'}, {out / 'verify.json'}")
        if not all(r.exact for r in results):
            sys.exit(1)

    def handle_roundtrip(self, console, apps, output, jobs, **options):
        import django
        from django.db.migrations.loader import MigrationLoader
        from rich.table import Table

        from harness.portability import findings, roundtrip
        from harness.portability.render.roundtrip import write_roundtrip

        app_labels = collect.check_apps(apps or collect.DEFAULT_APPS, MigrationLoader(None, replace_migrations=False))
        specs = targets_or_error(options.get("targets") or targets.live_aliases(), False)
        offline = [s.name for s in specs if not s.live]
        if offline:
            raise CommandError(f"the round trip migrates real databases: {', '.join(offline)} "
                               f"{'is an offline profile' if len(offline) == 1 else 'are offline profiles'}; "
                               f"name live aliases ({', '.join(targets.live_aliases())})")
        live = [targets.live_target(s.alias) for s in specs]
        with progress_bar(console) as bar:
            bar.add_task(f"round trip on {', '.join(t.name for t in live if t.status == OK)}", total=None)
            steps, drift = roundtrip.round_trip(app_labels, live, parallel=jobs)
        report = Report(targets=live, apps=app_labels, roundtrip=steps, drift=drift,
                        django_version=django.get_version())
        report.findings = findings.collect(report)
        written = write_roundtrip(report, output)
        table = Table("target", "status", "forwards", "backwards", "forwards again", "drift")
        for target in live:
            by_phase = {s.phase: s for s in steps if s.target == target.name}
            cells = [(f"ok ({s.migrations})" if s.status == "ok" else f"[bold red]{s.status}[/] {s.app}.{s.migration}")
                     if s else "-" for s in map(by_phase.get, ("forwards", "backwards", "forwards-again"))]
            status = "ok" if target.status == OK else f"[bold red]{target.status}[/]: {target.reason}"
            table.add_row(target.name, status, *cells, str(sum(1 for d in drift if d.target == target.name)))
        console.print(table)
        console.print(f"Details: {', '.join(str(p) for p in written)}")

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
