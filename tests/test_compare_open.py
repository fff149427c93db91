"""`portability report --compare A B` and `--open`."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from harness.portability.browser import display_missing, open_report


def compare(tmp_path, a, b):
    call_command("portability", "report", "--offline", "--apps", "pots_ora", "--compare", a, b,
                 "--output", str(tmp_path), stdout=io.StringIO())
    return (tmp_path / "compare.md").read_text(encoding="utf-8"), \
        (tmp_path / "compare.html").read_text(encoding="utf-8")


def test_compare_writes_findings_first_then_only_what_differs(tmp_path):
    md, page = compare(tmp_path, "postgresql-15", "oracle-23")
    assert md.startswith("# Moving from PostgreSQL 15 to Oracle 23ai\n")
    assert "<h1>Moving from PostgreSQL 15 to Oracle 23ai</h1>" in page
    order = [md.index(h) for h in ("## Findings", "## Models whose DDL differs",
                                   "## Migrations whose DDL differs")]
    assert order == sorted(order)
    assert "NULL-able on Oracle 23ai only" in md
    assert "PostgreSQL 14" not in md and "MySQL" not in md  # only the pair
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert [t["name"] for t in report["targets"]] == ["postgresql-15", "oracle-23"]


def test_compare_of_targets_with_the_same_ddl_lists_no_model(tmp_path):
    md, _ = compare(tmp_path, "postgresql-16", "postgresql-17")
    assert "## Findings" in md and "## Models whose DDL differs" not in md
    assert "## Migrations whose DDL differs" not in md


def test_compare_typo_names_the_closest_target(tmp_path):
    with pytest.raises(CommandError, match="Unknown target 'orcale-23'. Did you mean 'oracle-23'"):
        compare(tmp_path, "postgresql-15", "orcale-23")


def test_open_only_with_a_display(tmp_path):
    page = tmp_path / "index.html"
    page.write_text("<!DOCTYPE html>")
    opened = []
    said = open_report(page, "linux", {}, opened.append)
    assert not opened and said.startswith("Not opened: no display") and str(page) in said
    assert open_report(page, "linux", {"WAYLAND_DISPLAY": "wayland-0"}, lambda uri: opened.append(uri) or True) \
        == f"Opened {page}"
    assert opened == [page.resolve().as_uri()]
    assert display_missing("darwin", {}) is None and display_missing("win32", {}) is None
    assert "no browser found" in open_report(page, "linux", {"DISPLAY": ":0"}, lambda uri: False)
