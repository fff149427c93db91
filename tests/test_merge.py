"""``portability merge``: the report.json files of several CI jobs become one report."""

from __future__ import annotations

import copy
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from harness.portability.merge import merge_reports
from harness.portability.results import FORMAT_VERSION, Report

JOB_A = ("sqlite", "postgresql-15")  # an offline-only job
JOB_B = ("mariadb-10.11",)
POTS_MIGRATIONS = ("0001_initial", "0002_quote", "0003_quote_introspected")


def portability(*args: str) -> str:
    out = io.StringIO()
    call_command("portability", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def jobs(tmp_path_factory) -> dict[str, Path]:
    """Two real reports, each in the <job>/report.json layout of the CI artifacts."""
    root = tmp_path_factory.mktemp("jobs")
    portability("report", "--offline", "--targets", *JOB_A, "--apps", "pots",
                "--output", str(root / "offline"))
    portability("report", "--targets", *JOB_B, "--apps", "pots", "--output", str(root / "mariadb"))
    return {"a": root / "offline" / "report.json", "b": root / "mariadb" / "report.json"}


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_merge_puts_every_jobs_targets_side_by_side(jobs, tmp_path):
    out = tmp_path / "merged"
    summary = portability("merge", str(jobs["a"]), str(jobs["b"]), "--output", str(out))

    merged = Report.from_dict(load(out / "report.json"))
    names = [t.name for t in merged.targets]
    assert names == [*JOB_A, *JOB_B]
    assert merged.apps == ["pots"]
    for name in names:
        assert [d.migration for d in merged.ddl if d.target == name] == list(POTS_MIGRATIONS)
        assert {c.target for c in merged.columns} >= {name}
        for migration in POTS_MIGRATIONS:
            assert (out / "ddl" / name / "pots" / f"{migration}.sql").is_file()
    # Rows are the jobs' rows, unchanged.
    a, b = Report.from_dict(load(jobs["a"])), Report.from_dict(load(jobs["b"]))
    assert merged.ddl == a.ddl + b.ddl
    assert merged.tables == a.tables + b.tables

    md = (out / "report.md").read_text(encoding="utf-8")
    header = next(line for line in md.splitlines() if line.startswith("| Column |"))
    labels = [t.display for t in merged.targets]
    assert all(label in header for label in labels)  # one table, a column per job's target
    assert [header.index(label) for label in labels] == sorted(header.index(lab) for lab in labels)
    page = (out / "index.html").read_text(encoding="utf-8")
    columns = TargetColumns()
    columns.feed(page.replace('<script type="text/x-lazy">', ""))  # collapsed bodies, as opened
    assert set(columns.targets) == set(names)
    assert all(name in summary for name in names)  # the terminal summary lists them too
    assert not list(out.rglob("*.tmp"))


class TargetColumns(HTMLParser):
    """The data-target (or, failing that, the title) of each ``.target-column``."""

    def __init__(self):
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "target-column" in (attrs.get("class") or "").split():
            # A column stands for every target whose DDL is the same (data-targets).
            self.targets.extend((attrs.get("data-targets") or attrs.get("data-target") or "").split())


def test_same_name_different_content_is_kept_and_renamed(jobs):
    a = load(jobs["a"])
    other = copy.deepcopy(a)
    for target in other["targets"]:
        if target["name"] == "sqlite":
            target["version"] = "3.99.0"  # another job's SQLite: same name, other content

    merged = merge_reports([("ci/offline/report.json", a), ("ci/newer-sqlite/report.json", other)])

    assert [t.name for t in merged.targets] == ["sqlite", "postgresql-15", "sqlite@newer-sqlite"]
    assert merged.target("sqlite@newer-sqlite").version == "3.99.0"
    for section in ("ddl", "tables", "columns", "probes"):
        rows = getattr(merged, section)
        first = [r for r in rows if r.target == "sqlite"]
        renamed = [r for r in rows if r.target == "sqlite@newer-sqlite"]
        assert first and len(first) == len(renamed), section
        # postgresql-15 is the same in both jobs: its rows appear once.
        once = [r for r in getattr(Report.from_dict(a), section) if r.target == "postgresql-15"]
        assert [r for r in rows if r.target == "postgresql-15"] == once, section
    assert any("sqlite@newer-sqlite" in row.targets for row in merged.lint)


def test_a_report_merged_with_itself_is_unchanged_and_output_is_deterministic(jobs):
    a, b = load(jobs["a"]), load(jobs["b"])
    assert merge_reports([("a.json", a), ("again.json", copy.deepcopy(a))]) == Report.from_dict(a)
    once = merge_reports([("a.json", a), ("b.json", b)]).to_dict()
    assert merge_reports([("a.json", a), ("b.json", b)]).to_dict() == once


def test_other_format_version_is_refused_naming_the_file(jobs, tmp_path):
    future = load(jobs["b"])
    future["format"] = FORMAT_VERSION + 1
    path = tmp_path / "future" / "report.json"
    path.parent.mkdir()
    path.write_text(json.dumps(future), encoding="utf-8")

    with pytest.raises(CommandError) as excinfo:
        portability("merge", str(jobs["a"]), str(path), "--output", str(tmp_path / "out"))
    message = str(excinfo.value)
    assert str(path) in message
    assert f"format {FORMAT_VERSION + 1}" in message and f"format {FORMAT_VERSION}" in message
    assert not (tmp_path / "out").exists()  # nothing half-merged written


@pytest.mark.parametrize("content", [None, "{not json", "[1, 2]",
                                     '{"format": 1, "targets": [{"x": 1}]}'],
                         ids=["missing", "invalid-json", "not-an-object", "bad-rows"])
def test_unreadable_or_invalid_input_is_a_command_error_naming_the_file(jobs, tmp_path, content):
    path = tmp_path / "job.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as excinfo:
        portability("merge", str(jobs["a"]), str(path), "--output", str(tmp_path / "out"))
    assert str(path) in str(excinfo.value)


def test_nothing_to_merge_is_refused():
    with pytest.raises(ValueError, match="nothing to merge"):
        merge_reports([])


def test_merged_report_has_the_findings_across_jobs():
    from harness.portability.merge import merge_reports
    from harness.portability.results import OFFLINE, Column, Report, Target

    def job(name, vendor, declared, nullable):
        return Report(targets=[Target(name, vendor, "1", OFFLINE, display=name)],
                      columns=[Column(name, "pots", "Pot", "name", "name", "CharField", declared,
                                      nullable, None)]).to_dict()

    merged = merge_reports([("a/report.json", job("postgresql-15", "postgresql", "varchar(20)", False)),
                            ("b/report.json", job("oracle-19", "oracle", "NVARCHAR2(20)", True))])
    assert [(f.rule, f.targets) for f in merged.findings
            if f.rule == "nullable-differs"] == [("nullable-differs", ["oracle-19"])]
