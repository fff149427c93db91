"""What a test-matrix run found, as plain dataclasses: the runner fills them, renderers read them.

The JSON form (``Matrix.to_dict``) carries ``"format": 1`` and ``"kind": "test-matrix"``; a
reader refuses any other format. ``tests`` has one row per test id (pytest's node id, or
the unittest id under Django's runner) with one result per target name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

FORMAT_VERSION = 1
KIND = "test-matrix"

# Outcomes, in the order totals list them.
PASSED, FAILED, ERROR, SKIPPED = "passed", "failed", "error", "skipped"
XFAILED, XPASSED, NOT_RUN = "xfailed", "xpassed", "not-run"
OUTCOMES = (PASSED, FAILED, ERROR, SKIPPED, XFAILED, XPASSED, NOT_RUN)
FAILING = (FAILED, ERROR)

# A message is one line of at most this many characters (an assertion on a whole page's
# HTML is one line too).
MESSAGE_LIMIT = 300

# Target statuses: the run completed / the server did not answer / the run broke off.
OK, UNAVAILABLE, CRASHED = "ok", "unavailable", "crashed"
STATUSES = (OK, UNAVAILABLE, CRASHED)


@dataclass
class TestResult:
    __test__ = False  # not a pytest test class

    outcome: str  # one of OUTCOMES
    duration: float = 0.0  # seconds
    message: str | None = None  # first line of the failure, error or skip reason


@dataclass
class TargetRun:
    name: str  # the database alias
    vendor: str  # Django's connection.vendor
    version: str | None
    status: str = OK  # one of STATUSES
    reason: str | None = None  # why UNAVAILABLE or CRASHED (masked: never a password)
    display: str = ""  # e.g. "MariaDB 10.11 (live)"
    runner: str = "pytest"  # "pytest" or "django"
    exit_code: int | None = None  # of the test process; None when it never ran
    junit: str | None = None  # the JUnit XML file's name, beside matrix.json


@dataclass
class TestRow:
    __test__ = False

    id: str
    results: dict[str, TestResult] = field(default_factory=dict)  # target name -> result


@dataclass
class Matrix:
    targets: list[TargetRun] = field(default_factory=list)
    tests: list[TestRow] = field(default_factory=list)
    django_version: str = ""

    def result(self, test: TestRow, target: str) -> TestResult:
        return test.results.get(target) or TestResult(NOT_RUN)

    def ran(self) -> list[str]:
        """Target names with results to compare: not unavailable, at least one test run."""
        return [t.name for t in self.targets if t.status != UNAVAILABLE
                and any(r.results.get(t.name, TestResult(NOT_RUN)).outcome != NOT_RUN
                        for r in self.tests)]

    def differs(self, test: TestRow) -> bool:
        """Whether the outcome (not the message) differs between the targets that ran."""
        return len({self.result(test, name).outcome for name in self.ran()}) > 1

    def totals(self, target: str) -> dict[str, int]:
        counts = dict.fromkeys(OUTCOMES, 0)
        for test in self.tests:
            counts[self.result(test, target).outcome] += 1
        return counts

    def failing(self, target: str) -> bool:
        return any(self.result(t, target).outcome in FAILING for t in self.tests)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "kind": KIND,
            "django_version": self.django_version,
            "targets": [vars(t).copy() for t in self.targets],
            "tests": [{"id": row.id, "results": {name: vars(r).copy()
                                                 for name, r in row.results.items()}}
                      for row in self.tests],
        }

    @classmethod
    def from_dict(cls, data: Any, source: str = "matrix.json") -> Matrix:
        """The matrix in ``data``; ValueError naming ``source`` when it is not one."""
        if not is_matrix(data):
            raise ValueError(f"{source} is not a test matrix (matrix.json)")
        if data.get("format") != FORMAT_VERSION:
            raise ValueError(f"{source} has format {data.get('format')!r}; this harness reads "
                             f"format {FORMAT_VERSION} only")
        try:
            targets = [TargetRun(**t) for t in data["targets"]]
            tests = [TestRow(row["id"], {name: TestResult(**r) for name, r in row["results"].items()})
                     for row in data["tests"]]
        except (TypeError, KeyError, AttributeError) as exc:
            raise ValueError(f"{source} is not a valid matrix ({type(exc).__name__}: {exc})") from None
        bad = sorted({r.outcome for row in tests for r in row.results.values()} - set(OUTCOMES))
        if bad:
            raise ValueError(f"{source} has unknown outcomes: {', '.join(bad)}")
        return cls(targets, tests, data.get("django_version", ""))


def is_matrix(data: Any) -> bool:
    """Whether parsed JSON is a matrix.json (rather than a report.json or anything else)."""
    return isinstance(data, dict) and (data.get("kind") == KIND
                                       or ("tests" in data and "targets" in data and "ddl" not in data))


# "IntegrityError: …", "django.db.utils.DataError: …", 'failed on setup with "KeyError: …'
_EXC_TYPE = re.compile(r'^(?:failed on \w+ with ")?((?:[A-Za-z_]\w*\.)*[A-Z]\w*):(?:\s|$)')


def exception_type(message: str | None) -> str:
    """The exception class a failure message names (``IntegrityError``), or ""."""
    match = _EXC_TYPE.match(message or "")
    return match.group(1).rsplit(".", 1)[-1] if match else ""


def clip(message: str | None, limit: int = MESSAGE_LIMIT) -> str | None:
    """``message`` cut to ``limit`` characters, with "…" where it was cut."""
    if message is None or len(message) <= limit:
        return message
    return message[:limit - 1].rstrip() + "…"
