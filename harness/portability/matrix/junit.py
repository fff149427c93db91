"""JUnit XML (pytest's ``--junitxml``, or :class:`~.runner.JUnitXMLRunner`'s) -> test results.

What pytest writes, and the outcome each becomes (pytest 8/9, every ``junit_family``):

====================================================  =========================================
``<testcase>`` with no child                          passed — and a non-strict xfail that
                                                      passed: only the ``harness.outcome``
                                                      property (pytest_plugin) says xpassed
``<failure message="[XPASS(strict)] reason">``        xpassed (fails the run)
``<failure message="Failed: Unexpected success">``    xpassed (unittest's expectedFailure passed)
``<failure message=…>``                               failed
``<error message='failed on setup with "…"'>``        error (setup or teardown)
``<error message="collection failure">`` (no class)   error, id = the file that did not import
``<skipped type="pytest.xfail" message=reason>``      xfailed
``<skipped type="pytest.skip" message=reason>``       skipped
====================================================  =========================================

The node id comes from the ``harness.nodeid`` property when present; otherwise it is
rebuilt from ``classname``/``name`` by finding the test module under the rootdir.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from .results import ERROR, FAILED, PASSED, SKIPPED, XFAILED, XPASSED, TestResult, clip

NODEID_PROPERTY = "harness.nodeid"
OUTCOME_PROPERTY = "harness.outcome"
XFAIL_TYPE = "pytest.xfail"
_XPASS_FAILURE = re.compile(r"^(\[XPASS\(strict\)\]|(Failed: )?Unexpected success)")
_PHASE = re.compile(r'^failed on (\w+) with "(.*)"$', re.DOTALL)
COLLECTION_FAILURE = "collection failure"


class JUnitError(ValueError):
    """A file that is not JUnit XML."""


@dataclass
class Parsed:
    results: dict[str, TestResult]  # test id -> result, in file order
    collection_errors: list[str]  # ids (files) that failed to import


def parse_file(path: str | Path, root: str | Path | None = None) -> Parsed:
    try:
        tree = ET.parse(path)
    except (ET.ParseError, OSError) as exc:
        raise JUnitError(f"{path}: not readable JUnit XML ({exc})") from None
    return parse_tree(tree.getroot(), Path(root) if root else Path(path).parent)


def parse_tree(root_element: ET.Element, root: Path) -> Parsed:
    results: dict[str, TestResult] = {}
    collection_errors: list[str] = []
    for case in root_element.iter("testcase"):
        if not case.get("name") and case.find("properties") is None:
            continue  # a run interrupted mid-test leaves a testcase with only a time
        try:
            test_id, result, collection = _case(case, root)
        except (ValueError, TypeError) as exc:
            raise JUnitError(f"unexpected <testcase {dict(case.attrib)}>: {exc}") from None
        if test_id in results:  # e.g. a call failure plus a teardown error: worst one wins
            result = _worse(results[test_id], result)
        results[test_id] = result
        if collection:
            collection_errors.append(test_id)
    return Parsed(results, collection_errors)


def _case(case: ET.Element, root: Path) -> tuple[str, TestResult, bool]:
    props = {p.get("name"): p.get("value") for p in case.iter("property")}
    try:
        duration = float(case.get("time") or 0)
    except ValueError:
        duration = 0.0
    children = {child.tag: child for child in case if child.tag in ("failure", "error", "skipped")}
    collection = ("error" in children and not case.get("classname")
                  and children["error"].get("message") == COLLECTION_FAILURE)
    test_id = props.get(NODEID_PROPERTY) or _rebuild_id(case, root, collection)
    outcome, message = _outcome(children)
    if collection:
        message = _last_error_line(children["error"].text) or message
    if props.get(OUTCOME_PROPERTY) == XPASSED:
        outcome = XPASSED
    return test_id, TestResult(outcome, round(duration, 3), clip(message)), collection


def _outcome(children: dict[str, ET.Element]) -> tuple[str, str | None]:
    if "error" in children:
        return ERROR, _error_message(children["error"].get("message"))
    if "failure" in children:
        message = first_line(children["failure"].get("message"))
        return (XPASSED if _XPASS_FAILURE.match(message or "") else FAILED), message
    if "skipped" in children:
        skipped = children["skipped"]
        outcome = XFAILED if skipped.get("type") == XFAIL_TYPE else SKIPPED
        return outcome, first_line(skipped.get("message")) or None
    return PASSED, None


def first_line(text: str | None) -> str | None:
    if text is None:
        return None
    for line in text.strip().splitlines():
        if line.strip():
            return line.strip()
    return ""


def _error_message(message: str | None) -> str | None:
    """'failed on setup with "KeyError: x\\n…"' -> 'failed on setup with "KeyError: x"'."""
    match = _PHASE.match((message or "").strip())
    if match:
        return f'failed on {match.group(1)} with "{first_line(match.group(2))}"'
    return first_line(message)


def _last_error_line(text: str | None) -> str | None:
    # pytest's collection report ends with "E   ModuleNotFoundError: No module named 'x'".
    lines = [line[1:].strip() for line in (text or "").splitlines() if line.startswith("E ")]
    return lines[-1] if lines else first_line(text)


_RANK = {ERROR: 0, FAILED: 1, XPASSED: 2, XFAILED: 3, SKIPPED: 4, PASSED: 5}


def _worse(a: TestResult, b: TestResult) -> TestResult:
    worst = a if _RANK.get(a.outcome, 9) <= _RANK.get(b.outcome, 9) else b
    return TestResult(worst.outcome, round(a.duration + b.duration, 3), worst.message)


def _rebuild_id(case: ET.Element, root: Path, collection: bool) -> str:
    """pytest's node id from ``classname``/``name``, e.g. ``tests.test_x.TestC`` + ``test_m``
    -> ``tests/test_x.py::TestC::test_m`` (the module is the longest dotted prefix that is
    a file under ``root``)."""
    classname, name = case.get("classname") or "", case.get("name") or ""
    if case.get("file") and not collection:  # junit_family=xunit1 names the file
        parts = classname.split(".")
        module = Path(case.get("file")).with_suffix("").as_posix().split("/")
        rest = parts[len(module):] if parts[:len(module)] == module else parts[-1:]
        return "::".join([case.get("file"), *rest, name])
    dotted = [part for part in (name if collection else classname).split(".") if part]
    for i in range(len(dotted), 0, -1):
        candidate = Path(*dotted[:i]).with_suffix(".py")
        if (root / candidate).is_file() or (root / Path(*dotted[:i]) / "__init__.py").is_file():
            path = candidate.as_posix() if (root / candidate).is_file() else \
                (Path(*dotted[:i]) / "__init__.py").as_posix()
            return path if collection else "::".join([path, *dotted[i:], name])
    return name if collection else ".".join(filter(None, [classname, name]))
