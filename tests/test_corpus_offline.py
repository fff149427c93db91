"""The fidelity corpus (harness.settings.corpus) without a server: every profile renders
it without an error, its report fits GitHub's step summary, rendering targets together
prints what each prints alone, and ``--since`` prints what the whole walk prints.

Slow (the whole corpus on every profile, several times); the slow stage of CI.
"""

import json

import pytest

from .harness_run import explain, harness_env, run_manage
from .test_fidelity import CORPUS_MIN_MIGRATIONS, OFFLINE_ONLY, TIMEOUT_SECONDS, corpus_env

pytestmark = pytest.mark.slow

SINCE_STEP = 50  # CI's sample; python -m tests.edgecases.sincecheck 12 all checks every 12th
STEP_SUMMARY_LIMIT = 1024 * 1024  # GitHub's job step summary


@pytest.fixture(scope="module")
def corpus_report(tmp_path_factory):
    """The main job on the corpus, every profile offline (rendered once for the tests below)."""
    out = tmp_path_factory.mktemp("corpus-report")
    proc = run_manage("portability", "report", "--offline", "--apps", "all", "--output", str(out),
                      env=corpus_env(), timeout=TIMEOUT_SECONDS)
    assert proc.returncode == 0, explain(proc)
    return out


def test_profiles_without_a_server_render_the_whole_corpus_without_an_error(corpus_report):
    report = json.loads((corpus_report / "report.json").read_text())
    rows = [r for r in report["ddl"] if r["target"] in OFFLINE_ONLY]
    assert {r["target"] for r in rows} == set(OFFLINE_ONLY)
    assert len(rows) >= CORPUS_MIN_MIGRATIONS * len(OFFLINE_ONLY)
    errors = [(r["target"], r["app"], r["migration"], r["reason"]) for r in rows if r["status"] == "error"]
    assert not errors, errors[:10]
    backwards = [(r["target"], r["app"], r["migration"], r["backwards_error"]) for r in rows
                 if r["backwards_status"] == "error"]
    assert not backwards, backwards[:10]
    # Only a server can name Oracle's inline constraints or compute a default from data.
    for row in rows:
        if row["status"] == "needs-server":
            assert row["reason"] and ("Oracle generates" in row["reason"] or "queries the database" in row["reason"]), row


def test_corpus_summary_fits_the_step_summary(corpus_report):
    summary = (corpus_report / "summary.md").read_bytes()
    print(f"summary.md: {len(summary)} bytes; index.html: {(corpus_report / 'index.html').stat().st_size}")
    assert len(summary) < STEP_SUMMARY_LIMIT
    assert summary.startswith(b"# Django portability report") and b"## Data lost or changed" in summary


def test_shared_renders_of_the_corpus_are_what_each_target_renders_alone():
    from .test_sharing import sharecheck

    corpus_env()  # skips, with the reason, where the corpus is not installed
    found = sharecheck("harness.settings.corpus", ["all"], timeout=TIMEOUT_SECONDS)
    assert found["differ"] == [] and found["only_one_way"] == [], found
    assert found["shared"] == found["alone"] > 13 * CORPUS_MIN_MIGRATIONS
    assert found["copies"] > found["shared"] / 3
    assert found["reused"] > 1000  # model classes registered again instead of rendered


def test_corpus_migrations_rendered_alone_print_what_the_whole_walk_prints():
    """``report --since``: every 50th corpus migration alone (and spread-out sets of them),
    on every profile, as default and routed, equals the whole walk's render."""
    import subprocess
    import sys

    from .harness_run import ROOT

    corpus_env()
    proc = subprocess.run([sys.executable, "-m", "tests.edgecases.sincecheck", str(SINCE_STEP), "all"], cwd=ROOT,
                          env=harness_env(DJANGO_SETTINGS_MODULE="harness.settings.corpus", PYTHONHASHSEED="0"),
                          capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
    assert proc.returncode == 0, proc.stderr[-3000:]
    found = json.loads(proc.stdout.splitlines()[-1])
    assert found["differ"] == [], found
    assert found["selections"] >= CORPUS_MIN_MIGRATIONS // SINCE_STEP and found["compared"] > 100
