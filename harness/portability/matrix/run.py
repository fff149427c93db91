"""Run the project's test suite once per target, each target as the default alias, in parallel.

Collecting only: every run is a subprocess started by ``as_default.launch`` (its own
process, settings and test database) that writes JUnit XML; the files are parsed into a
:class:`~.results.Matrix`. Rendering is ``render.py``'s job.

pytest runs in the project's root (this process's working directory) with the project's own
configuration; the only arguments added are ``--ds`` (the as-default settings shim),
``--junitxml`` and ``-p harness.portability.matrix.pytest_plugin`` (two JUnit properties, see
there). Django's runner runs ``manage.py test`` with :class:`~.runner.JUnitXMLRunner`.
"""

from __future__ import annotations

import importlib.util
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .. import as_default
from .junit import JUnitError, parse_file
from .results import CRASHED, OK, UNAVAILABLE, Matrix, TargetRun, TestResult, TestRow
from .runner import JUNIT_VAR

PYTEST, DJANGO, AUTO = "pytest", "django", "auto"
PLUGIN = "harness.portability.matrix.pytest_plugin"
RUNNER_CLASS = "harness.portability.matrix.runner.JUnitXMLRunner"
DEFAULT_TEST_RUNNER = "django.test.runner.DiscoverRunner"
PYTEST_CONFIGS = (("pytest.ini", None), (".pytest.ini", None), ("pyproject.toml", "[tool.pytest"),
                  ("tox.ini", "[pytest]"), ("setup.cfg", "[tool:pytest]"))
# pytest's exit codes (pytest.ExitCode) that mean the run did not complete.
PYTEST_EXITS = {2: "was interrupted", 3: "hit an internal error", 4: "refused its arguments",
                5: "collected no tests"}
INTERRUPT_GRACE_SECONDS = 60  # after a timeout's Ctrl-C, for the test-database teardown
# Variables of an enclosing pytest run that must not leak into a target's run.
_ENCLOSING = re.compile(r"^(PYTEST_XDIST_|PYTEST_CURRENT_TEST$)")


class UsageError(ValueError):
    """Bad input (unknown target, offline profile, missing pytest, nothing selected): exit 2."""


@dataclass
class Plan:
    targets: list[str]  # live aliases, in the order given
    runner: str  # PYTEST or DJANGO
    args: list[str] = field(default_factory=list)  # passed through to pytest / manage.py test
    jobs: int = 1
    out_dir: Path = Path("reports/tests")
    root: Path = field(default_factory=Path.cwd)  # the project's root: pytest's invocation dir
    settings_module: str | None = None  # the project's own; default: this process's
    timeout: float | None = None  # seconds per target


def default_jobs(n_targets: int) -> int:
    return max(1, min(n_targets, os.cpu_count() or 1))


def choose_runner(requested: str, root: Path) -> str:
    """PYTEST or DJANGO for ``--runner`` (``auto``: pytest when pytest-django is installed
    and the project has a pytest configuration, else Django's runner)."""
    have_pytest = importlib.util.find_spec("pytest") is not None
    have_plugin = importlib.util.find_spec("pytest_django") is not None
    if requested == PYTEST:
        if not have_pytest:
            raise UsageError("pytest is not installed in this environment "
                             "(python -m pip install pytest pytest-django), or use --runner django")
        if not have_plugin:
            raise UsageError("pytest-django is not installed in this environment "
                             "(python -m pip install pytest-django), or use --runner django")
        return PYTEST
    if requested == DJANGO:
        return DJANGO
    return PYTEST if (have_pytest and have_plugin and pytest_configured(root)) else DJANGO


def pytest_configured(root: Path) -> bool:
    for name, section in PYTEST_CONFIGS:
        path = root / name
        if path.is_file():
            if section is None:
                return True
            try:
                if section in path.read_text(encoding="utf-8", errors="replace"):
                    return True
            except OSError:
                continue
    return False


def django_runner_args() -> list[str]:
    """``--testrunner`` for the default TEST_RUNNER; nothing when the project's own runner
    already writes JUnit XML; UsageError for a runner that cannot."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    from .runner import JUnitXMLRunner

    configured = getattr(settings, "TEST_RUNNER", DEFAULT_TEST_RUNNER)
    if configured == DEFAULT_TEST_RUNNER:
        return ["--testrunner", RUNNER_CLASS]
    try:
        runner = import_string(configured)
    except ImportError as exc:
        raise UsageError(f"TEST_RUNNER {configured!r} cannot be imported: {exc}") from None
    if isinstance(runner, type) and issubclass(runner, JUnitXMLRunner):
        return []
    raise UsageError(f"TEST_RUNNER {configured!r} does not write JUnit XML: derive it from "
                     f"{RUNNER_CLASS} (see the README), or use --runner pytest")


def command(plan: Plan, junit: Path) -> tuple[list[str], dict[str, str]]:
    """(argv, extra environment) of one target's run."""
    if plan.runner == PYTEST:
        argv = [sys.executable, "-m", "pytest", "--ds", as_default.SHIM_MODULE,
                f"--junitxml={junit}", "-p", PLUGIN, *plan.args]
        return argv, {}
    manage = plan.root / "manage.py"
    entry = [str(manage)] if manage.is_file() else ["-m", "django"]
    argv = [sys.executable, *entry, "test", "--noinput", *django_runner_args(), *plan.args]
    return argv, {JUNIT_VAR: str(junit)}


def file_part(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name) or "_"


Progress = Callable[[str, TargetRun, int], None]  # (event "start"/"done", target, tests)


def run_matrix(plan: Plan, reach: Callable, progress: Progress | None = None) -> Matrix:
    """Every target of ``plan`` (``reach(alias)`` -> ``databases.Reachability``)."""
    import django

    from ..targets import live_target

    plan.out_dir.mkdir(parents=True, exist_ok=True)
    base_env = {k: v for k, v in os.environ.items() if not _ENCLOSING.match(k)}
    label = os.environ.get(as_default.SUFFIX_VAR) or "matrix"
    commands = {alias: command(plan, (plan.out_dir / f"junit-{file_part(alias)}.xml").resolve())
                for alias in plan.targets}  # built first: a usage error stops before any run

    def one(alias: str):
        found = reach(alias)
        shown = live_target(alias, found)
        target = TargetRun(alias, shown.vendor, shown.version, display=shown.display,
                           runner=plan.runner)
        if not found.live:
            target.status, target.reason = UNAVAILABLE, found.reason
            if progress:
                progress("done", target, 0)
            return target, {}
        if progress:
            progress("start", target, 0)
        argv, extra = commands[alias]
        results = _run(plan, alias, target, argv, {**base_env, **extra},
                       f"{label}_{file_part(alias)}")
        if progress:
            progress("done", target, len(results))
        return target, results

    with ThreadPoolExecutor(max_workers=max(1, plan.jobs)) as pool:
        done = list(pool.map(one, plan.targets))
    _prune(plan.out_dir, {f"junit-{file_part(a)}" for a in plan.targets})
    matrix = Matrix([t for t, _ in done], _rows(done), django.get_version())
    _refuse_empty_selection(plan, matrix)
    return matrix


def _run(plan: Plan, alias: str, target: TargetRun, argv: Sequence[str], env: dict,
         suffix: str) -> dict[str, TestResult]:
    from ..databases import mask_passwords

    junit = Path(argv_junit(argv, env))
    log = plan.out_dir / f"junit-{file_part(alias)}.log"
    junit.unlink(missing_ok=True)  # never read an earlier run's file as this one's
    started = time.monotonic()
    with open(log, "w", encoding="utf-8") as out:
        process = as_default.launch(argv, alias, cwd=str(plan.root), env=env, suffix=suffix,
                                    settings_module=plan.settings_module, stdout=out,
                                    stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            code = process.wait(timeout=plan.timeout)
        except subprocess.TimeoutExpired:
            _interrupt(process)
            code = None
    text = mask_passwords(log.read_text(encoding="utf-8", errors="replace"))
    log.write_text(text, encoding="utf-8")
    target.exit_code = code
    runner = "pytest" if plan.runner == PYTEST else "manage.py test"
    if code is None:
        target.status = CRASHED
        target.reason = f"{runner} timed out after {plan.timeout:g} s"
    if not junit.is_file():
        if code is not None:
            target.status = CRASHED
            target.reason = (f"{runner} exited {code} without writing JUnit XML"
                             f" after {time.monotonic() - started:.0f} s: {log_reason(text)}")
        return {}
    target.junit = junit.name
    try:
        parsed = parse_file(junit, plan.root)
    except JUnitError as exc:
        target.status, target.reason = CRASHED, str(exc)
        return {}
    if code is not None and target.status == OK:
        _judge_exit(plan, target, code, parsed, text)
    return parsed.results


def _interrupt(process: subprocess.Popen) -> None:
    """Ctrl-C first, so the run still drops its test database; then kill."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=INTERRUPT_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def argv_junit(argv: Sequence[str], env: dict) -> str:
    for arg in argv:
        if arg.startswith("--junitxml="):
            return arg.split("=", 1)[1]
    return env[JUNIT_VAR]


def _judge_exit(plan: Plan, target: TargetRun, code: int, parsed, text: str) -> None:
    if plan.runner == PYTEST and code in PYTEST_EXITS:
        target.status = CRASHED
        detail = log_reason(text)
        if parsed.collection_errors:
            first = parsed.collection_errors[0]
            detail = (f"{len(parsed.collection_errors)} collection error(s), first {first}: "
                      f"{parsed.results[first].message}")
        target.reason = f"pytest {PYTEST_EXITS[code]} (exit {code}): {detail}"
    elif plan.runner == PYTEST and code not in (0, 1):
        target.status, target.reason = CRASHED, f"pytest exited {code}: {log_reason(text)}"
    elif plan.runner == DJANGO and code not in (0, 1):
        target.status, target.reason = CRASHED, f"manage.py test exited {code}: {log_reason(text)}"
    elif plan.runner == DJANGO and not parsed.results:
        target.status, target.reason = CRASHED, "manage.py test ran no tests"


def log_reason(text: str) -> str:
    """The line of a run's output that says why it stopped."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for prefix in ("ERROR: ", "Interrupted: ", "ImportError", "CommandError"):
        found = [line for line in lines if line.startswith(prefix)]
        if found:
            return found[-1]
    tail = [line for line in lines if not line.startswith(("=", "-", "!"))]
    return (tail or lines or ["no output"])[-1][:500]


def _rows(done) -> list[TestRow]:
    rows: dict[str, TestRow] = {}
    for target, results in done:
        for test_id, result in results.items():
            rows.setdefault(test_id, TestRow(test_id)).results[target.name] = result
    return list(rows.values())


def _prune(out_dir: Path, keep: set[str]) -> None:
    for path in out_dir.glob("junit-*"):
        if path.suffix in (".xml", ".log") and path.stem not in keep:
            path.unlink(missing_ok=True)


def _refuse_empty_selection(plan: Plan, matrix: Matrix) -> None:
    """Every reachable target collected nothing, or refused the arguments: the input's fault."""
    ran = [t for t in matrix.targets if t.status != UNAVAILABLE]
    if not ran or matrix.tests:
        return
    if plan.runner == PYTEST and all(t.exit_code in (4, 5) for t in ran):
        first = ran[0]
        if first.exit_code == 5:
            what = (f"the arguments {' '.join(plan.args)!r} select" if plan.args
                    else f"the project's pytest configuration in {plan.root} collects")
            raise UsageError(f"{what} no tests (pytest exit 5 on {', '.join(t.name for t in ran)})")
        raise UsageError(f"pytest refused the arguments: {first.reason}")
    if plan.runner == DJANGO and all(t.exit_code == 0 for t in ran):
        what = f"the test labels {' '.join(plan.args)!r} select" if plan.args else "manage.py test finds"
        raise UsageError(f"{what} no tests")
