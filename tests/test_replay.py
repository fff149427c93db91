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
from .test_fidelity import CORPUS_MIN_MIGRATIONS, TIMEOUT_SECONDS, corpus_env

SERVERS = ("default", "postgresql", "mysql")


def truth(alias, tmp_path, *flags, settings=EDGE_SETTINGS, apps=APPS):
    out = tmp_path / f"{alias}{''.join(flags)}.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "harness.portability.groundtruth", "--settings", settings,
         "--alias", alias, "--apps", *apps, "--output", str(out), *flags],
        cwd=ROOT, env=harness_env(DJANGO_SETTINGS_MODULE=settings), capture_output=True, text=True,
        timeout=TIMEOUT_SECONDS)
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


@pytest.mark.slow
@pytest.mark.parametrize("alias", SERVERS)
def test_on_the_corpus_a_replay_sends_what_applying_sends(alias, tmp_path, request):
    """Real apps' own operations: one that catches the error of its DROP INDEX and goes on
    (django-celery-results' TryRemoveIndex) is applied, never replayed."""
    request.applymarker(pytest.mark.backend(alias))
    corpus_env()  # skips, saying why, where the corpus is not installed
    rows = truth(alias, tmp_path, "--check-replay", settings="harness.settings.corpus", apps=["all"])
    outcomes = {(r["app"], r["name"]): r["replay"] for r in rows if "replay" in r}
    assert len(outcomes) >= CORPUS_MIN_MIGRATIONS
    assert [o for o in outcomes.values() if o not in ("replayed", "applied")] == []
    assert list(outcomes.values()).count("replayed") > len(outcomes) // 2
    assert outcomes["django_celery_results", "0010_remove_duplicate_indices"] == "applied"
