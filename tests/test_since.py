"""``portability report --since REV``: only the migrations changed since a git revision,
printed exactly as the whole report prints them (see harness.portability.since)."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .harness_run import ROOT, harness_env
from .test_engine_fidelity import EDGE_SETTINGS

NEW_MIGRATION = '''from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("pots_pos", "0003_quote_introspected")]

    operations = [
        migrations.AddField("quote", "note", models.CharField(max_length=40, default="")),
        migrations.AddIndex("quote", models.Index(fields=["venue", "note"], name="pots_pos_quote_vn_idx")),
    ]
'''


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@t", "PATH": "/usr/bin:/bin"})


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of this project's files (as they are now) in a git repository of its own."""
    copy = tmp_path_factory.mktemp("since") / "project"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".git", ".venv", ".tox", "var", "reports", "__pycache__", "*.egg-info", "tests", "bench"))
    git(copy, "init", "-q")
    git(copy, "add", "-A")
    git(copy, "commit", "-qm", "base")
    return copy


def report(project, out, *args):
    proc = subprocess.run([sys.executable, "manage.py", "portability", "report", "--offline",
                           "--output", str(out), *args], cwd=project, env=harness_env(),
                          capture_output=True, text=True, timeout=300)
    data = json.loads((out / "report.json").read_text()) if (out / "report.json").exists() else None
    return proc, data


def test_nothing_changed_renders_nothing_and_says_so(project, tmp_path):
    proc, data = report(project, tmp_path, "--since", "HEAD")
    assert proc.returncode == 0, proc.stderr
    assert "was added or changed since HEAD: nothing to render" in proc.stdout
    assert data["since"] == {"revision": "HEAD", "migrations": []} and data["ddl"] == []


def test_changed_and_new_migrations_print_what_the_whole_report_prints(project, tmp_path):
    changed = project / "pots_pos" / "migrations" / "0003_quote_introspected.py"
    added = project / "pots_pos" / "migrations" / "0004_quote_note.py"
    original = changed.read_text()
    changed.write_text(original + "# reviewed\n")
    added.write_text(NEW_MIGRATION)  # untracked: a migration the pull request adds
    try:
        proc, data = report(project, tmp_path / "since", "--since", "HEAD")
        assert proc.returncode == 0, proc.stderr
        whole_proc, whole = report(project, tmp_path / "whole")
        assert whole_proc.returncode == 0, whole_proc.stderr
    finally:
        changed.write_text(original)
        added.unlink()
    wanted = {"pots_pos.0003_quote_introspected", "pots_pos.0004_quote_note"}
    assert set(data["since"]["migrations"]) == wanted
    assert {f"{r['app']}.{r['migration']}" for r in data["ddl"]} == wanted
    assert {r["target"] for r in data["ddl"]} == {t["name"] for t in whole["targets"]}
    rows = {(r["target"], r["app"], r["migration"]): r for r in whole["ddl"]}
    for row in data["ddl"]:
        assert row == rows[row["target"], row["app"], row["migration"]]
    files = sorted(p.relative_to(tmp_path / "since") for p in (tmp_path / "since" / "ddl").rglob("*.sql"))
    assert files and all(f.parts[3].startswith(("0003", "0004")) for f in files)
    for name in files:
        assert (tmp_path / "since" / name).read_bytes() == (tmp_path / "whole" / name).read_bytes(), name
    assert {c["model"] for c in data["columns"]} == {"Quote"}  # the model they touch, no other
    assert data["probes"] == [] and data["types"] == []


def test_a_revision_that_does_not_exist_is_refused_clearly(project, tmp_path):
    proc, _ = report(project, tmp_path, "--since", "no-such-branch")
    assert proc.returncode == 1
    assert "--since no-such-branch: no such commit" in proc.stderr and "Traceback" not in proc.stderr


def test_outside_a_git_repository_says_what_is_needed(project, tmp_path):
    bare = tmp_path / "nogit"
    shutil.copytree(project, bare, ignore=shutil.ignore_patterns(".git"))
    proc, _ = report(bare, tmp_path / "out", "--since", "HEAD")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "--since HEAD" in proc.stderr and "git" in proc.stderr


def test_each_edge_migration_alone_prints_what_the_whole_walk_prints():
    apps = sorted(p.name for p in (ROOT / "tests" / "edgecases").iterdir() if p.name.startswith("edge_"))
    proc = subprocess.run([sys.executable, "-m", "tests.edgecases.sincecheck", "1", *apps, "admin", "auth",
                           "contenttypes"], cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env=harness_env(DJANGO_SETTINGS_MODULE=EDGE_SETTINGS, PYTHONHASHSEED="0"))
    assert proc.returncode == 0, proc.stderr[-3000:]
    found = json.loads(proc.stdout.splitlines()[-1])
    assert found["differ"] == [], found
    assert found["selections"] > 60 and found["compared"] > 1000
