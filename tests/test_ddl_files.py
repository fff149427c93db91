"""The DDL files written as renders arrive (render.ddl_files): into a new tree that takes the
old one's place only when the report is through."""

from __future__ import annotations

import os
import time

import pytest

from harness.portability.render.ddl_files import STALE_SECONDS, DDLFiles


def _tree(root):
    return {p.relative_to(root).as_posix(): p.read_text() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def old(tmp_path):
    files = DDLFiles(tmp_path / "ddl")
    files.add("sqlite", "pots", "0001_initial", "CREATE TABLE a;\n", "DROP TABLE a;\n")
    files.add("sqlite", "pots", "0002_gone", "SELECT 1;", None)
    files.finish()
    return tmp_path / "ddl"


def test_the_new_tree_takes_the_old_ones_place_when_finished(old):
    before = _tree(old)
    files = DDLFiles(old)
    files.add("oracle-23", "pots", "0001_initial", "CREATE TABLE A", None)
    files.add("sqlite", "pots", "0001_initial", "CREATE TABLE a;\n", None)
    assert _tree(old) == before  # nothing visible until the report is through
    written = files.finish()
    assert [p.relative_to(old).as_posix() for p in written] == [
        "oracle-23/pots/0001_initial.sql", "sqlite/pots/0001_initial.sql"]
    assert _tree(old) == {"oracle-23/pots/0001_initial.sql": "CREATE TABLE A\n",
                          "sqlite/pots/0001_initial.sql": "CREATE TABLE a;\n"}
    assert [p.name for p in old.parent.iterdir()] == ["ddl"]  # nothing else beside it


def test_an_aborted_run_leaves_the_last_tree_and_nothing_beside_it(old):
    before = _tree(old)
    files = DDLFiles(old)
    files.add("sqlite", "pots", "0001_initial", "CHANGED", None)
    files.abort()
    assert _tree(old) == before and [p.name for p in old.parent.iterdir()] == ["ddl"]


def test_a_run_with_no_files_leaves_no_tree(old):
    assert DDLFiles(old).finish() == [] and not old.exists()


def test_trees_left_by_runs_cut_short_are_removed_once_stale(old):
    stale, running = old.with_name(".ddl.aaaa.tmp"), old.with_name(".ddl.bbbb.tmp")
    for folder in (stale, running):
        (folder / "sqlite").mkdir(parents=True)
    hour_ago = time.time() - STALE_SECONDS - 60
    os.utime(stale, (hour_ago, hour_ago))
    DDLFiles(old).finish()
    assert not stale.exists() and running.exists()  # another run may still be writing that one


def test_two_renders_naming_one_file_are_refused_after_the_files_are_written(old):
    files = DDLFiles(old)
    files.add("a/b", "pots", "0001", "first", None)
    files.add("a_b", "pots", "0001", "second", None)
    with pytest.raises(ValueError, match="several DDL rows for the same file: a_b/pots/0001.sql"):
        files.finish()
    assert _tree(old) == {"a_b/pots/0001.sql": "second\n"}
