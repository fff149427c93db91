"""The ground truth replays what sqlmigrate printed instead of applying a migration again
(harness/portability/replay.py) only where that sends the server the same statements.

``groundtruth --check-replay`` applies every migration the slow way (Migration.apply with
a live editor, from Django's own state) and compares what that sent its schema editor with
what the replay would send. The edge-case apps hold the migrations whose rendering reads
the database (introspected constraint names, a default computed from the data, indexes
RunSQL made): those must be applied, never replayed.
"""

import json
import re
import subprocess
import sys

import pytest

from .harness_run import ROOT, harness_env
from .test_engine_fidelity import APPS, EDGE_SETTINGS

SERVERS = ("default", "postgresql", "mysql")


def truth(alias, tmp_path, *flags):
    out = tmp_path / f"{alias}{''.join(flags)}.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "harness.portability.groundtruth", "--settings", EDGE_SETTINGS,
         "--alias", alias, "--apps", *APPS, "--output", str(out), *flags],
        cwd=ROOT, env=harness_env(DJANGO_SETTINGS_MODULE=EDGE_SETTINGS), capture_output=True, text=True,
        timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return [json.loads(line) for line in out.read_text().splitlines()]


@pytest.mark.parametrize("alias", SERVERS)
def test_a_replayed_migration_sends_what_applying_it_sends(alias, tmp_path, request):
    request.applymarker(pytest.mark.backend(alias))
    rows = truth(alias, tmp_path, "--check-replay")
    outcomes = {(r["app"], r["name"]): r["replay"] for r in rows if "replay" in r}
    assert [o for o in outcomes.values() if o not in ("replayed", "applied")] == []
    assert list(outcomes.values()).count("replayed") >= 20, outcomes
    # Its render reads the database: the data its default comes from, the constraints it drops.
    assert outcomes["edge_datadefault", "0002_entry_rank"] == "applied"
    assert outcomes["edge_together", "0003_remove_uniques"] == "applied"


@pytest.mark.parametrize("alias", SERVERS)
def test_replaying_leaves_what_sqlmigrate_prints_unchanged(alias, tmp_path, request):
    request.applymarker(pytest.mark.backend(alias))
    checked = truth(alias, tmp_path, "--check-replay")
    replayed = truth(alias, tmp_path)
    assert printed(replayed) == printed(checked)


def printed(rows):
    """What each migration printed and how applying it went; edge_volatile's uuid4/now
    defaults print another value each run, an error names the run's scratch database."""
    return [re.sub(r"\btest_\w+_truth\b", "<scratch>", json.dumps([r["app"], r["name"], r["sql"], r["error"],
                                                                   r["apply_error"]]))
            for r in rows if "sql" in r and r["app"] != "edge_volatile"]
