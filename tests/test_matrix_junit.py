"""What pytest's JUnit XML says for each outcome, and what the matrix makes of it.

The files are written by a real pytest run (no Django) on a small test module.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from harness.portability.matrix.junit import parse_file
from harness.portability.matrix.results import TestResult

MODULE = '''
import unittest
import pytest

@pytest.mark.xfail(reason="not yet")
def test_xpass():
    pass

@pytest.mark.xfail(reason="strictly not yet", strict=True)
def test_xpass_strict():
    pass

@pytest.mark.xfail(reason="known bug")
def test_xfail():
    assert False

@pytest.fixture
def broken():
    raise RuntimeError("no fixture\\nsecond line")

def test_setup_error(broken):
    pass

@pytest.fixture
def bad_teardown():
    yield
    raise KeyError("teardown")

def test_teardown_error(bad_teardown):
    pass

def test_failure():
    assert 1 == 2, "first line\\nsecond line"

@pytest.mark.skip(reason="not here")
def test_skip():
    pass

@pytest.mark.parametrize("value", ["a::b", "c"])
def test_param(value):
    pass

class TestGroup:
    def test_method(self):
        pass

class Unit(unittest.TestCase):
    @unittest.expectedFailure
    def test_expected_failure(self):
        self.fail("as expected")

    @unittest.expectedFailure
    def test_unexpected_success(self):
        pass

    @unittest.skip("unit skip")
    def test_unit_skip(self):
        pass
'''

EXPECTED = {
    "pkg/test_outcomes.py::test_xpass": ("xpassed", None),
    "pkg/test_outcomes.py::test_xpass_strict": ("xpassed", "[XPASS(strict)] strictly not yet"),
    "pkg/test_outcomes.py::test_xfail": ("xfailed", "known bug"),
    "pkg/test_outcomes.py::test_setup_error": ("error", 'failed on setup with "RuntimeError: no fixture"'),
    "pkg/test_outcomes.py::test_teardown_error": ("error", "failed on teardown with \"KeyError: 'teardown'\""),
    "pkg/test_outcomes.py::test_failure": ("failed", "AssertionError: first line"),
    "pkg/test_outcomes.py::test_skip": ("skipped", "not here"),
    "pkg/test_outcomes.py::test_param[a::b]": ("passed", None),
    "pkg/test_outcomes.py::test_param[c]": ("passed", None),
    "pkg/test_outcomes.py::TestGroup::test_method": ("passed", None),
    "pkg/test_outcomes.py::Unit::test_expected_failure": ("xfailed", None),
    "pkg/test_outcomes.py::Unit::test_unexpected_success": ("xpassed", "Failed: Unexpected success"),
    "pkg/test_outcomes.py::Unit::test_unit_skip": ("skipped", "unit skip"),
}


def run_pytest(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DJANGO_", "PYTEST_", "HARNESS_"))}
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:django", "-p", "no:cacheprovider",
                           "-p", "no:xdist", *args], cwd=root, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("outcomes")
    (root / "pkg").mkdir()
    (root / "pkg" / "__init__.py").write_text("")
    (root / "pkg" / "test_outcomes.py").write_text(MODULE)
    (root / "pytest.ini").write_text("[pytest]\n")
    return root


def outcomes(path: Path, root: Path) -> dict[str, tuple[str, str | None]]:
    return {k: (r.outcome, r.message) for k, r in parse_file(path, root).results.items()}


@pytest.mark.parametrize("family", ["xunit2", "xunit1"])
def test_every_outcome_with_the_plugin(project, family):
    xml = project / f"with-{family}.xml"
    proc = run_pytest(project, f"--junitxml={xml}", "-o", f"junit_family={family}",
                      "-p", "harness.portability.matrix.pytest_plugin")
    assert proc.returncode == 1, proc.stdout[-2000:]  # strict xpass, failure, errors
    assert outcomes(xml, project) == EXPECTED


def test_without_the_plugin_only_a_non_strict_xpass_is_lost(project):
    """pytest writes a non-strict XPASS as a plain pass: only the plugin's property tells."""
    xml = project / "plain.xml"
    run_pytest(project, f"--junitxml={xml}")
    text = xml.read_text(encoding="utf-8")
    assert 'name="test_xpass" time=' in text and "harness.outcome" not in text
    expected = {**EXPECTED, "pkg/test_outcomes.py::test_xpass": ("passed", None)}
    assert outcomes(xml, project) == expected  # ids rebuilt from classname + the files


def test_a_module_that_does_not_import_is_a_collection_error(tmp_path):
    (tmp_path / "test_broken.py").write_text("import no_such_module_here\n")
    (tmp_path / "test_fine.py").write_text("def test_ok():\n    pass\n")
    xml = tmp_path / "junit.xml"
    proc = run_pytest(tmp_path, f"--junitxml={xml}", "-p", "harness.portability.matrix.pytest_plugin")
    assert proc.returncode == 2  # interrupted: pytest runs nothing after a collection error
    parsed = parse_file(xml, tmp_path)
    assert parsed.collection_errors == ["test_broken.py"]
    assert parsed.results == {"test_broken.py": TestResult(
        "error", 0.0, "ModuleNotFoundError: No module named 'no_such_module_here'")}


def test_junit_xml_of_djangos_runner_round_trips(tmp_path):
    from harness.portability.matrix.runner import write_junit

    class Fake:
        pass

    records = {
        "app.tests.T.test_ok": {"outcome": "passed", "message": None, "details": None, "duration": 0.5},
        "app.tests.T.test_x": {"outcome": "xfailed", "message": "AssertionError: no", "details": "tb",
                               "duration": 0.0},
        "app.tests.T.test_u": {"outcome": "xpassed", "message": "Unexpected success", "details": None,
                               "duration": 0.0},
        "app.tests.T.test_e": {"outcome": "error", "message": "KeyError: 'k'", "details": "tb",
                               "duration": 0.1},
    }
    for rec in records.values():
        rec["test"] = Fake()
    path = tmp_path / "django.xml"
    write_junit(records, path)
    got = parse_file(path, tmp_path).results
    assert {k: (r.outcome, r.message) for k, r in got.items()} == {
        k: (r["outcome"], r["message"]) for k, r in records.items()}
    assert '<testsuite name="django"' in path.read_text(encoding="utf-8")


def test_a_long_message_is_clipped_to_one_short_line(tmp_path):
    from harness.portability.matrix.results import MESSAGE_LIMIT
    from harness.portability.matrix.runner import write_junit

    long = "AssertionError: 'x' not found in " + "b'<html>" * 200
    write_junit({"a.T.test": {"outcome": "failed", "message": long, "details": long,
                              "duration": 0.0, "test": None}}, tmp_path / "j.xml")
    message = parse_file(tmp_path / "j.xml", tmp_path).results["a.T.test"].message
    assert len(message) == MESSAGE_LIMIT and message.endswith("…")
    assert message.startswith("AssertionError: 'x' not found in b'<html>")
