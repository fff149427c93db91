"""matrix.json / matrix.md / matrix.html from a Matrix built by hand, and merging matrices."""

from __future__ import annotations

import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from harness.portability.matrix.command import exit_code
from harness.portability.matrix.merge import merge_matrices
from harness.portability.matrix.render import (
    differing_groups,
    render_json,
    render_markdown,
    write_matrix,
)
from harness.portability.matrix.results import Matrix, TargetRun, TestResult, TestRow

NOT_SUPPORTED = "django.db.utils.NotSupportedError: DISTINCT ON fields is not supported"
TOO_LONG = "django.db.utils.DataError: value too long for type character varying(5)"


def r(outcome, message=None, duration=0.1):
    return TestResult(outcome, duration, message)


def sample(unavailable: bool = True) -> Matrix:
    targets = [TargetRun("default", "sqlite", "3.40.1", display="SQLite 3.40.1 (live)", exit_code=1),
               TargetRun("postgresql", "postgresql", "15.20", display="PostgreSQL 15.20 (live)",
                         exit_code=1)]
    if unavailable:
        targets.append(TargetRun("oracle", "oracle", None, status="unavailable",
                                 reason="ConnectionRefusedError: [Errno 111] Connection refused",
                                 display="Oracle (live)"))
    tests = [
        TestRow("t.py::test_same", {"default": r("passed"), "postgresql": r("passed")}),
        TestRow("t.py::test_distinct", {"default": r("failed", NOT_SUPPORTED), "postgresql": r("passed")}),
        TestRow("t.py::test_distinct_too", {"default": r("failed", NOT_SUPPORTED), "postgresql": r("passed")}),
        TestRow("t.py::test_long", {"default": r("passed"), "postgresql": r("failed", TOO_LONG)}),
        TestRow("t.py::test_skipped", {"default": r("skipped", "no json"), "postgresql": r("skipped", "no json")}),
        TestRow("t.py::test_only_pg", {"postgresql": r("passed")}),  # not collected on default
    ]
    return Matrix(targets, tests, "5.2.19")


def test_json_has_the_format_and_round_trips():
    text = render_json(sample())
    data = json.loads(text)
    assert data["format"] == 1 and data["kind"] == "test-matrix"
    assert [t["name"] for t in data["targets"]] == ["default", "postgresql", "oracle"]
    assert set(data["targets"][0]) >= {"name", "vendor", "version", "status", "reason"}
    row = data["tests"][1]
    assert row == {"id": "t.py::test_distinct", "results": {
        "default": {"outcome": "failed", "duration": 0.1, "message": NOT_SUPPORTED},
        "postgresql": {"outcome": "passed", "duration": 0.1, "message": None}}}
    assert Matrix.from_dict(data) == sample()
    assert len(text.splitlines()) == 1 + 3 + 1 + 6 + 1  # one target, one test per line
    with pytest.raises(ValueError, match="format 2"):
        Matrix.from_dict({**data, "format": 2}, "old.json")


def test_unavailable_and_missing_tests_are_not_run():
    m = sample()
    assert m.result(m.tests[0], "oracle").outcome == "not-run"
    assert m.totals("oracle")["not-run"] == 6
    assert m.totals("default") == {"passed": 2, "failed": 2, "error": 0, "skipped": 1,
                                   "xfailed": 0, "xpassed": 0, "not-run": 1}
    # An unavailable target takes no part in "differs": test_same is the same everywhere.
    assert not m.differs(m.tests[0]) and m.differs(m.tests[5])


def test_groups_are_by_exception_message_and_targets():
    groups = differing_groups(sample())
    assert [[t.id for t in g.tests] for g in groups] == [
        ["t.py::test_distinct", "t.py::test_distinct_too"], ["t.py::test_long"], ["t.py::test_only_pg"]]
    assert groups[0].failures[0].exception == "NotSupportedError"
    assert groups[0].failures[0].targets == ("default",)


def test_markdown_puts_the_differences_first_then_totals_then_the_folded_rest():
    md = render_markdown(sample())
    differ, totals, same = (md.index("## Tests that differ"), md.index("## Totals per target"),
                            md.index("## Same outcome on every target (2)"))
    assert differ < totals < same
    assert f"### failed on default: {NOT_SUPPORTED}" in md
    assert "| `t.py::test_distinct` | **failed** | passed | not-run |" in md
    assert "| `t.py::test_only_pg` | not-run | passed | not-run |" in md
    assert "- **oracle** unavailable: ConnectionRefusedError" in md
    assert ("| postgresql (PostgreSQL 15.20) | pytest | ok | 4 | 1 | 0 | 1 | 0 | 0 | 0 | 0.6 |"
            in md)
    # Identical rows are folded: listed once, under what they did everywhere.
    assert "<details><summary>passed everywhere: 1</summary>" in md
    assert md.count("t.py::test_same") == 1
    assert render_markdown(sample()) == md  # deterministic


class Cells(HTMLParser):
    """(section id, test id, target, outcome) of every outcome cell."""

    def __init__(self):
        super().__init__()
        self.section, self.test, self.cells, self.groups = None, None, [], 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and a.get("id"):
            self.section = a["id"]
        if tag == "section" and "group" in (a.get("class") or ""):
            self.groups += 1
        if tag == "tr" and "data-test" in a:
            self.test = a["data-test"]
        if tag == "td" and "data-target" in a:
            self.cells.append((self.section, self.test, a["data-target"], a["class"]))


def test_html_has_groups_outcome_cells_and_folded_rows():
    from harness.portability.matrix.html import render_html

    page = render_html(sample())
    parser = Cells()
    parser.feed(page)
    assert parser.groups == 3
    assert ("differ", "t.py::test_long", "postgresql", "outcome-failed") in parser.cells
    assert ("differ", "t.py::test_long", "oracle", "outcome-not-run") in parser.cells
    assert ("same", "t.py::test_skipped", "default", "outcome-skipped") in parser.cells
    assert "<details><summary>skipped everywhere: 1</summary>" in page
    assert page.index('id="differ"') < page.index('id="totals"') < page.index('id="same"')
    assert "<script" not in page and "http" not in page.split("<body>")[1]


def test_exit_codes():
    assert exit_code(sample()) == 1  # failures on reachable targets
    ok = sample()
    ok.tests = [ok.tests[0]]
    for t in ok.targets:
        t.exit_code = 0 if t.status == "ok" else None
    assert exit_code(ok) == 0  # an unavailable target alone does not fail the run
    assert exit_code(ok, strict=True) == 3
    ok.targets[1].status, ok.targets[1].reason = "crashed", "pytest was interrupted (exit 2)"
    assert exit_code(ok) == 1


def write_job(root: Path, job: str, matrix: Matrix) -> Path:
    out = root / job / "tests"
    write_matrix(matrix, out)
    return out / "matrix.json"


def one_target(matrix: Matrix, name: str) -> Matrix:
    tests = [TestRow(t.id, {k: v for k, v in t.results.items() if k == name}) for t in matrix.tests]
    return Matrix([t for t in matrix.targets if t.name == name], tests, matrix.django_version)


def test_merge_puts_ci_jobs_side_by_side(tmp_path):
    full = sample(unavailable=False)
    a = write_job(tmp_path, "sqlite", one_target(full, "default"))
    b = write_job(tmp_path, "postgresql-15", one_target(full, "postgresql"))
    c = write_job(tmp_path, "postgresql-17", one_target(full, "postgresql"))
    loaded = [(str(p), json.loads(p.read_text())) for p in (a, b, b)]
    merged = merge_matrices(loaded)
    assert [t.name for t in merged.targets] == ["default", "postgresql"]  # same job twice: once
    by_id = {t.id: t for t in merged.tests}
    assert [t.id for t in merged.tests] == [t.id for t in full.tests]
    assert by_id["t.py::test_long"].results == full.tests[3].results
    # A second PostgreSQL job with different results keeps its own column, renamed.
    data_c = json.loads(c.read_text())
    data_c["tests"][0]["results"]["postgresql"]["outcome"] = "failed"
    merged = merge_matrices([(str(b), json.loads(b.read_text())), (str(c), data_c)])
    assert [t.name for t in merged.targets] == ["postgresql", "postgresql@postgresql-17"]


def test_merge_command_writes_one_matrix_and_refuses_mixed_inputs(tmp_path):
    full = sample(unavailable=False)
    a = write_job(tmp_path, "sqlite", one_target(full, "default"))
    b = write_job(tmp_path, "postgresql-15", one_target(full, "postgresql"))
    out = io.StringIO()
    call_command("portability", "merge", str(a), str(b), "--output", str(tmp_path / "merged"),
                 stdout=out)
    merged = json.loads((tmp_path / "merged" / "tests" / "matrix.json").read_text())
    assert [t["name"] for t in merged["targets"]] == ["default", "postgresql"]
    assert (tmp_path / "merged" / "tests" / "matrix.md").is_file()
    assert "4 differ between targets" in out.getvalue()
    report = tmp_path / "report.json"
    report.write_text(json.dumps({"format": 1, "targets": [], "ddl": []}))
    with pytest.raises(CommandError, match="cannot merge test matrices and reports together"):
        call_command("portability", "merge", str(a), str(report), "--output", str(tmp_path / "x"),
                     stdout=io.StringIO())
