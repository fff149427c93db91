"""A Django test runner that also writes JUnit XML, for ``portability test --runner django``.

    # settings.py of a project that runs its tests with ``manage.py test``
    TEST_RUNNER = "harness.portability.matrix.runner.JUnitXMLRunner"

It is Django's ``DiscoverRunner`` (subclass it as you would that); when the environment
variable ``HARNESS_JUNIT_XML`` names a file, the results are also written there, in the
shape pytest writes (``failure``/``error``/``skipped type="pytest.xfail"``) plus the
``harness.nodeid`` and ``harness.outcome`` properties the matrix reads. The test id is
unittest's (``app.tests.ItemTests.test_exact``). With the default TEST_RUNNER, ``portability
test`` passes ``--testrunner`` itself; a project with its own runner derives it from this one.
"""

from __future__ import annotations

import os
import time
import traceback
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

from django.test.runner import DiscoverRunner

from .junit import NODEID_PROPERTY, OUTCOME_PROPERTY, XFAIL_TYPE
from .results import ERROR, FAILED, PASSED, SKIPPED, XFAILED, XPASSED

JUNIT_VAR = "HARNESS_JUNIT_XML"


class JUnitXMLRunner(DiscoverRunner):
    def get_resultclass(self):
        base = super().get_resultclass() or unittest.TextTestResult
        return type(f"Recording{base.__name__}", (RecordingMixin, base), {})

    def run_suite(self, suite, **kwargs):
        result = super().run_suite(suite, **kwargs)
        path = os.environ.get(JUNIT_VAR)
        if path and isinstance(result, RecordingMixin):
            write_junit(result.records, path)
        return result


class RecordingMixin:
    """Records every outcome a unittest result is told about (also when Django's parallel
    runner replays a worker's events on it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.records: dict[str, dict] = {}
        self._started: dict[str, float] = {}

    def _record(self, test, outcome, message=None, details=None):
        test_id = test.id()
        started = self._started.pop(test_id, None)
        duration = time.monotonic() - started if started is not None else 0.0
        previous = self.records.get(test_id)
        if previous and previous["outcome"] in (FAILED, ERROR) and outcome == PASSED:
            return  # a subtest failed: the test stays failed
        self.records[test_id] = {"test": test, "outcome": outcome, "message": message,
                                 "details": details, "duration": duration}

    def startTest(self, test):
        self._started[test.id()] = time.monotonic()
        super().startTest(test)

    def addSuccess(self, test):
        super().addSuccess(test)
        self._record(test, PASSED)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._record(test, FAILED, *_describe(err))

    def addError(self, test, err):
        super().addError(test, err)
        self._record(test, ERROR, *_describe(err))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._record(test, SKIPPED, reason)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._record(test, XFAILED, *_describe(err))

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._record(test, XPASSED, "Unexpected success")

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            failed = issubclass(err[0], test.failureException)
            message, details = _describe(err)
            self._record(test, FAILED if failed else ERROR, f"{subtest._subDescription()} {message}",
                         details)


def _describe(err) -> tuple[str, str]:
    """(first line of the exception as ``Type: message``, the whole traceback)."""
    exc_type, exc, tb = err
    if exc is None:  # a replayed event from the parallel runner may carry only text
        return str(exc_type), str(exc_type)
    only = "".join(traceback.format_exception_only(exc_type, exc)).strip()
    first = next((line for line in only.splitlines() if line.strip()), exc_type.__name__)
    return first.strip(), "".join(traceback.format_exception(exc_type, exc, tb))


def write_junit(records: dict[str, dict], path: str | os.PathLike) -> None:
    counts = {k: 0 for k in ("tests", "failures", "errors", "skipped")}
    suite = ET.Element("testsuite", name="django")
    for test_id, rec in records.items():
        classname, _, name = test_id.rpartition(".")
        case = ET.SubElement(suite, "testcase", classname=classname, name=name,
                             time=f"{rec['duration']:.3f}")
        props = ET.SubElement(case, "properties")
        ET.SubElement(props, "property", name=NODEID_PROPERTY, value=test_id)
        ET.SubElement(props, "property", name=OUTCOME_PROPERTY, value=rec["outcome"])
        counts["tests"] += 1
        outcome, message = rec["outcome"], rec["message"] or ""
        if outcome in (FAILED, XPASSED):
            ET.SubElement(case, "failure", message=message).text = rec["details"] or message
            counts["failures"] += 1
        elif outcome == ERROR:
            ET.SubElement(case, "error", message=message).text = rec["details"] or message
            counts["errors"] += 1
        elif outcome in (SKIPPED, XFAILED):
            kind = XFAIL_TYPE if outcome == XFAILED else "pytest.skip"
            ET.SubElement(case, "skipped", type=kind, message=message)
            counts["skipped"] += 1
    suite.attrib.update({k: str(v) for k, v in counts.items()})
    root = ET.Element("testsuites", name="django tests")
    root.append(suite)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
