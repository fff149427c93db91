"""``manage.py portability test`` on the demo project (tests/matrix_demo: its own settings,
pytest.ini and app), whose tests are meant to differ: the exact matrix on SQLite, PostgreSQL
and MariaDB, under pytest and under Django's runner; unreachable targets; bad input; crashes.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connections

from .harness_run import ROOT, explain, harness_env
from .browser_dom import Tree, browser, headless  # noqa: F401  (browser is a fixture)

DEMO = ROOT / "tests" / "matrix_demo"
TARGETS = ("default", "postgresql", "mysql")
CASE = "django.db.utils.NotSupportedError"
DISTINCT = f"{CASE}: DISTINCT ON fields is not supported by this database backend"
FOR_UPDATE_OF = f"{CASE}: FOR UPDATE OF is not supported on this database backend."
JSON_CONTAINS = f"{CASE}: contains lookup is not supported on this database backend."
PG_TOO_LONG = "django.db.utils.DataError: value too long for type character varying(5)"
MARIA_TOO_LONG = "django.db.utils.DataError: (1406, \"Data too long for column 'code' at row 1\")"
NO_JSON_CONTAINS = "Database doesn't support feature(s): supports_json_field_contains"
PASS = ("passed", None)

# test -> (default/SQLite, postgresql, mysql/MariaDB), under pytest.
PYTEST_MATRIX = {
    "test_exact_is_case_sensitive": (PASS, PASS, ("failed", "AssertionError: True is not false")),
    "test_exact_ignores_case": (("xfailed", None), ("xfailed", None),
                                ("xpassed", "Failed: Unexpected success")),
    "test_distinct_on_fields": (("failed", DISTINCT), PASS, ("failed", DISTINCT)),
    "test_select_for_update_of": (PASS, PASS, ("failed", FOR_UPDATE_OF)),
    "test_json_contains": (("failed", JSON_CONTAINS), PASS, PASS),
    "test_json_contains_where_supported": (("skipped", NO_JSON_CONTAINS), PASS, PASS),
    "test_empty_string_in_not_null_field": (PASS, PASS, PASS),  # differs on Oracle only
    "test_value_longer_than_max_length": (PASS, ("failed", PG_TOO_LONG), ("failed", MARIA_TOO_LONG)),
    "test_count": (PASS, PASS, PASS),
}


def django_outcome(result):
    """unittest tells failures (assertions) from errors (any other exception)."""
    outcome, message = result
    if outcome == "failed" and not message.startswith("AssertionError"):
        return ("error", message)
    return result


# The same under manage.py test: unittest ids, errors for non-assertion exceptions, and
# unittest's own words for expected failures.
DJANGO_MATRIX = {
    name: tuple(django_outcome(r) for r in row) for name, row in PYTEST_MATRIX.items()
} | {"test_exact_ignores_case": (("xfailed", "AssertionError: False is not true"),) * 2
     + (("xpassed", "Unexpected success"),)}


def run_matrix(out: Path, *args: str, cwd: Path = DEMO, timeout: float = 240, **env):
    command = [sys.executable, "manage.py", "portability", "test", "--output", str(out), *args]
    return subprocess.run(command, cwd=cwd, env=harness_env(DJANGO_SETTINGS_MODULE=None, **env),
                          capture_output=True, text=True, timeout=timeout)


def outcomes(out: Path) -> dict[str, tuple]:
    data = json.loads((out / "tests" / "matrix.json").read_text(encoding="utf-8"))
    names = [t["name"] for t in data["targets"]]
    return {row["id"]: tuple((row["results"][n]["outcome"], row["results"][n]["message"])
                             if n in row["results"] else ("not-run", None) for n in names)
            for row in data["tests"]}


def targets(out: Path) -> dict[str, dict]:
    data = json.loads((out / "tests" / "matrix.json").read_text(encoding="utf-8"))
    assert data["format"] == 1
    return {t["name"]: t for t in data["targets"]}


def leftover_test_databases(suffix: str) -> list[str]:
    found = []
    with connections["postgresql"].cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [f"%{suffix}%"])
        found += [r[0] for r in cursor.fetchall()]
    with connections["mysql"].cursor() as cursor:
        cursor.execute("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE %s",
                       [f"%{suffix}%"])
        found += [r[0] for r in cursor.fetchall()]
    return found


@pytest.mark.backend("postgresql", "mysql")
def test_pytest_matrix_on_sqlite_postgresql_and_mariadb(tmp_path):
    proc = run_matrix(tmp_path, "--targets", *TARGETS, "-j", "3",
                      HARNESS_TEST_DB_SUFFIX="mxpytest")
    assert proc.returncode == 1, explain(proc)  # tests fail on reachable targets
    assert outcomes(tmp_path) == {f"differ/tests.py::ItemTests::{name}": row
                                  for name, row in PYTEST_MATRIX.items()}
    seen = targets(tmp_path)
    assert list(seen) == list(TARGETS)
    assert {n: (t["vendor"], t["status"], t["runner"], t["exit_code"]) for n, t in seen.items()} == {
        "default": ("sqlite", "ok", "pytest", 1), "postgresql": ("postgresql", "ok", "pytest", 1),
        "mysql": ("mysql", "ok", "pytest", 1)}
    assert seen["mysql"]["display"].startswith("MariaDB ")
    assert {p.name for p in (tmp_path / "tests").iterdir()} >= {
        "matrix.json", "matrix.md", "matrix.html", "junit-default.xml", "junit-postgresql.xml",
        "junit-mysql.xml"}
    md = (tmp_path / "tests" / "matrix.md").read_text(encoding="utf-8")
    assert md.index("## Tests that differ between targets (7)") < md.index("## Totals per target")
    assert f"### failed on default, mysql: {DISTINCT}" in md
    assert (f"### failed on postgresql: {PG_TOO_LONG}; failed on mysql: {MARIA_TOO_LONG}"
            .replace("|", "\\|") in md)
    assert "<details><summary>passed everywhere: 2</summary>" in md
    assert leftover_test_databases("mxpytest") == []  # every run dropped its test database


@pytest.mark.backend("postgresql", "mysql")
def test_django_runner_matrix_on_sqlite_postgresql_and_mariadb(tmp_path):
    proc = run_matrix(tmp_path, "--runner", "django", "--targets", *TARGETS,
                      HARNESS_TEST_DB_SUFFIX="mxdjango")
    assert proc.returncode == 1, explain(proc)
    assert outcomes(tmp_path) == {f"differ.tests.ItemTests.{name}": row
                                  for name, row in DJANGO_MATRIX.items()}
    assert {t["runner"] for t in targets(tmp_path).values()} == {"django"}
    assert leftover_test_databases("mxdjango") == []


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_target_is_unavailable_and_not_run(tmp_path):
    url = f"oracle://system:secret-pw@127.0.0.1:{closed_port()}/FREEPDB1"
    proc = run_matrix(tmp_path, "--targets", "default", "oracle", "--", "-k", "test_count",
                      HARNESS_ORACLE_URL=url)
    assert proc.returncode == 0, explain(proc)  # nothing failed where it could run
    seen = targets(tmp_path)
    assert seen["oracle"]["status"] == "unavailable"
    assert "Connection refused" in seen["oracle"]["reason"]
    assert seen["default"]["status"] == "ok"
    assert outcomes(tmp_path) == {"differ/tests.py::ItemTests::test_count": (PASS, ("not-run", None))}
    assert "secret-pw" not in proc.stdout + proc.stderr
    strict = run_matrix(tmp_path, "--strict", "--targets", "default", "oracle", "--", "-k",
                        "test_count", HARNESS_ORACLE_URL=url)
    assert strict.returncode == 3, explain(strict)


@pytest.mark.parametrize("args,message", [
    (["--targets", "postgresq"], "Unknown target 'postgresq'. Did you mean 'postgresql'?"),
    (["--targets", "postgresql-15"],
     "'postgresql-15' is an offline profile: only live database aliases can run tests"),
    (["--targets", "default", "-j", "0"], "-j needs a positive number"),
    (["--targets", "default", "--", "-k", "no_such_test_anywhere"],
     "the arguments '-k no_such_test_anywhere' select no tests"),
    (["--targets", "default", "--", "differ/no_such_file.py"], "pytest refused the arguments"),
])
def test_bad_input_is_a_usage_error_without_a_traceback(tmp_path, args, message):
    proc = run_matrix(tmp_path, *args)
    assert proc.returncode == 2, explain(proc)
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def test_a_run_that_crashes_is_reported_as_crashed(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(DEMO, project, ignore=shutil.ignore_patterns("var", "__pycache__"))
    (project / "differ" / "broken.py").write_text("import no_such_module_anywhere\n")
    proc = run_matrix(tmp_path / "out", "--targets", "default", "--", "differ/broken.py",
                      "differ/tests.py", cwd=project)
    assert proc.returncode == 1, explain(proc)
    target = targets(tmp_path / "out")["default"]
    assert target["status"] == "crashed" and target["exit_code"] == 2
    assert target["reason"].startswith("pytest was interrupted (exit 2): 1 collection error(s)")
    assert "ModuleNotFoundError" in target["reason"]
    assert outcomes(tmp_path / "out") == {"differ/broken.py": (
        ("error", "ModuleNotFoundError: No module named 'no_such_module_anywhere'"),)}


def test_a_run_past_its_timeout_is_interrupted_and_reported(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(DEMO, project, ignore=shutil.ignore_patterns("var", "__pycache__"))
    (project / "differ" / "slow.py").write_text(
        "import time\nfrom django.test import TestCase\n\n\nclass Slow(TestCase):\n"
        "    def test_slow(self):\n        time.sleep(60)\n")
    proc = run_matrix(tmp_path / "out", "--targets", "default", "--timeout", "3", "--",
                      "differ/slow.py", cwd=project)
    assert proc.returncode == 1, explain(proc)
    target = targets(tmp_path / "out")["default"]
    assert (target["status"], target["reason"]) == ("crashed", "pytest timed out after 3 s")


def test_the_page_renders_in_a_browser(browser, tmp_path):  # noqa: F811
    from .test_matrix_render import sample
    from harness.portability.matrix.render import write_matrix

    write_matrix(sample(), tmp_path)
    dom = headless(browser, tmp_path, "--dump-dom", (tmp_path / "matrix.html").as_uri()).stdout
    tree = Tree()
    tree.feed(dom)
    groups = tree.root.find_all("section", "group")
    assert len(groups) == 3
    assert "NotSupportedError" in groups[0].all_text()
    assert len(tree.root.find_all("td", "outcome-not-run")) >= 4


# -- choosing the runner (no subprocess) -------------------------------------------------------


def test_pytest_missing_is_a_usage_error_and_auto_falls_back_to_djangos_runner(monkeypatch, tmp_path):
    import importlib.util

    from harness.portability.matrix import run

    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    assert run.choose_runner("auto", tmp_path) == "pytest"
    assert run.choose_runner("auto", tmp_path / "nowhere") == "django"  # no pytest configuration
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "pytest" else real(name, *a))
    with pytest.raises(run.UsageError, match="pytest is not installed"):
        run.choose_runner("pytest", tmp_path)
    assert run.choose_runner("auto", tmp_path) == "django"


def test_djangos_runner_needs_a_runner_that_writes_junit_xml(settings):
    from harness.portability.matrix import run

    assert run.django_runner_args() == ["--testrunner", run.RUNNER_CLASS]
    settings.TEST_RUNNER = run.RUNNER_CLASS
    assert run.django_runner_args() == []
    settings.TEST_RUNNER = "django.test.runner.ParallelTestSuite"
    with pytest.raises(run.UsageError, match="does not write JUnit XML: derive it from"):
        run.django_runner_args()
