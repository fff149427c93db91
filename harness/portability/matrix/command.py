"""``portability test`` and the matrix half of ``portability merge``: check the input, run,
write, print a summary, and say which exit code the command ends with.

Exit codes of ``portability test``:

* 0 — every reachable target ran and no test failed or errored on any of them (unreachable
  targets are reported ``unavailable`` and do not change the code, unless ``--strict``);
* 1 — a test failed or errored on a reachable target (a strict xfail that passed, or
  unittest's unexpected success, fails a run too), or a reachable target's run crashed;
* 2 — usage error: unknown target, offline profile, pytest or pytest-django missing, no
  tests collected, arguments that select nothing or that pytest refuses;
* 3 — ``--strict`` and a target was unavailable (as ``report --strict``), nothing failed.
"""

from __future__ import annotations

from pathlib import Path

from .results import CRASHED, OK, UNAVAILABLE, Matrix
from .run import AUTO, Plan, UsageError, choose_runner, default_jobs, run_matrix

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_UNAVAILABLE = 0, 1, 2, 3
TESTS_FOLDER = "tests"  # under --output, as `report` writes its pages under --output


def select_targets(names: list[str] | None) -> list[str]:
    """Live aliases, in the order given (default: all); UsageError naming the problem."""
    from harness.portability import profiles, targets
    from harness.portability.profiles import UnknownName

    aliases = targets.live_aliases()
    if not names:
        return aliases
    chosen = []
    for name in dict.fromkeys(names):
        if name in aliases:
            chosen.append(name)
        elif name in profiles.PROFILES:
            raise UsageError(
                f"{name!r} is an offline profile: only live database aliases can run tests "
                f"(live aliases: {', '.join(aliases)})")
        else:
            raise UsageError(str(UnknownName("target", name, aliases)))
    return chosen


def plan_from_options(targets, runner=AUTO, jobs=None, output="reports", args=(), timeout=None,
                      root: Path | None = None) -> Plan:
    from harness.portability.as_default import AsDefaultError, project_settings_module

    chosen = select_targets(targets)
    if jobs is not None and jobs < 1:
        raise UsageError(f"-j needs a positive number of parallel runs, not {jobs}")
    if timeout is not None and timeout <= 0:
        raise UsageError(f"--timeout needs a positive number of seconds, not {timeout:g}")
    root = root or Path.cwd()
    try:
        project_settings_module()
    except AsDefaultError as exc:
        raise UsageError(str(exc)) from None
    return Plan(targets=chosen, runner=choose_runner(runner, root), args=list(args),
                jobs=jobs or default_jobs(len(chosen)), out_dir=Path(output) / TESTS_FOLDER,
                root=root, timeout=timeout)


def run_and_write(plan: Plan, console, strict: bool = False) -> int:
    from harness.portability.databases import reachability

    from .render import write_matrix

    def progress(event, target, n):
        if event == "start":
            console.print(f"  {target.name}: running {target.runner} with {target.name} "
                          "as the default alias …")
        elif target.status == UNAVAILABLE:
            console.print(f"  {target.name}: [bold red]unavailable[/] — {target.reason}")
        else:
            console.print(f"  {target.name}: {_brief(target, n)}")

    console.print(f"Test matrix: {', '.join(plan.targets)} "
                  f"({plan.runner}, {plan.jobs} at a time)")
    matrix = run_matrix(plan, reachability, progress)
    written = write_matrix(matrix, plan.out_dir)
    print_summary(matrix, console, written)
    return exit_code(matrix, strict)


def _brief(target, n: int) -> str:
    if target.status == CRASHED:
        return f"[bold red]crashed[/] — {target.reason}"
    return f"{n} tests, exit {target.exit_code}"


def exit_code(matrix: Matrix, strict: bool = False) -> int:
    reachable = [t for t in matrix.targets if t.status != UNAVAILABLE]
    if any(t.status == CRASHED or t.exit_code not in (0, None) or matrix.failing(t.name)
           for t in reachable):
        return EXIT_FAILED
    if strict and len(reachable) < len(matrix.targets):
        return EXIT_UNAVAILABLE
    return EXIT_OK


def print_summary(matrix: Matrix, console, written=()) -> None:
    from rich.table import Table

    from .render import differing_groups, failure_title, status_text, summary_line

    table = Table("target", "status", "totals")
    for t in matrix.targets:
        totals = matrix.totals(t.name)
        status = t.status if t.status == OK else f"[bold red]{t.status}[/]"
        table.add_row(t.name, status, ", ".join(f"{n} {o}" for o, n in totals.items() if n))
    console.print(table)
    for t in matrix.targets:
        if t.status != OK:
            console.print(f"{t.name}: {status_text(t)}", markup=False)
    console.print(summary_line(matrix))
    for group in differing_groups(matrix):
        titles = "; ".join(failure_title(f) for f in group.failures)
        console.print(f"  {len(group.tests)} × {titles}", markup=False)
    for path in written:
        console.print(f"wrote {path}", markup=False)


def merge_and_write(loaded: list[tuple[str, object]], output: str, console) -> None:
    from .merge import merge_matrices
    from .render import write_matrix

    matrix = merge_matrices(loaded)
    written = write_matrix(matrix, Path(output) / TESTS_FOLDER)
    print_summary(matrix, console, written)
