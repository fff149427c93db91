"""The offline profiles print exactly what Django's own sqlmigrate prints, on a large corpus
of real third-party apps (harness.settings.corpus), on every live server of this machine.

``portability verify`` walks each server with Django's own ``sqlmigrate`` (forwards before a
migration is applied, ``--backwards`` after) and compares every migration with the offline
profile of that server's version. This is the slow stage of the suite: it runs in CI.
"""

import json

import pytest

from .harness_run import explain, harness_env, run_manage

# Every live server here, each against the profile pinned to its version.
SERVERS = {
    "default": "sqlite",
    "postgresql14": "postgresql-14",
    "postgresql": "postgresql-15",
    "postgresql16": "postgresql-16",
    "postgresql17": "postgresql-17",
    "postgresql18": "postgresql-18",
    "mysql": "mariadb-10.11",
}
# The profiles without a server here: rendered whole, never an error.
OFFLINE_ONLY = ("mysql-8.0", "mysql-8.4", "mariadb-11.4", "oracle-19", "oracle-23", "cockroachdb-25")
CORPUS_MIN_MIGRATIONS = 300
TIMEOUT_SECONDS = 1800


def corpus_env():
    pytest.importorskip("wagtail", reason="the fidelity corpus is not installed: pip install -e '.[corpus]'")
    return harness_env(DJANGO_SETTINGS_MODULE="harness.settings.corpus")


@pytest.fixture(scope="module")
def verified(tmp_path_factory):
    out = tmp_path_factory.mktemp("verify")
    proc = run_manage("portability", "verify", "--apps", "all", "--targets", *SERVERS, "--output", str(out),
                      env=corpus_env(), timeout=TIMEOUT_SECONDS)
    data = json.loads((out / "verify.json").read_text()) if (out / "verify.json").exists() else None
    return proc, data, (out / "verify.md")


@pytest.mark.backend(*SERVERS)
def test_every_live_server_prints_what_its_offline_profile_prints(verified):
    proc, data, markdown = verified
    assert data is not None, explain(proc)
    assert {s["alias"]: s["profile"] for s in data["servers"]} == SERVERS
    for server in data["servers"]:
        counts = server["counts"]
        print(server["alias"], server["server"], server["profile"], counts)
        forwards = sum(v for k, v in counts.items() if k.startswith("forwards:"))
        backwards = sum(v for k, v in counts.items() if k.startswith("backwards:"))
        assert forwards >= CORPUS_MIN_MIGRATIONS and backwards == forwards, counts
        assert not any(k.endswith(":different") for k in counts), markdown.read_text()[:20000]
        assert server["exact"], server["error"]
        # What needs a server says why; nothing the corpus holds is an error of the engine.
        for comparison in server["comparisons"]:
            assert comparison["detail"], comparison
    assert proc.returncode == 0, explain(proc)


def test_profiles_without_a_server_render_the_whole_corpus_without_an_error(tmp_path):
    proc = run_manage("portability", "report", "--offline", "--apps", "all", "--targets", *OFFLINE_ONLY,
                      "--output", str(tmp_path), env=corpus_env(), timeout=TIMEOUT_SECONDS)
    assert proc.returncode == 0, explain(proc)
    report = json.loads((tmp_path / "report.json").read_text())
    rows = report["ddl"]
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


def test_shared_renders_of_the_corpus_are_what_each_target_renders_alone():
    from .test_sharing import sharecheck

    corpus_env()  # skips, with the reason, where the corpus is not installed
    found = sharecheck("harness.settings.corpus", ["all"], timeout=TIMEOUT_SECONDS)
    assert found["differ"] == [] and found["only_one_way"] == [], found
    assert found["shared"] == found["alone"] > 13 * CORPUS_MIN_MIGRATIONS
    assert found["copies"] > found["shared"] / 3


def test_corpus_migrations_rendered_alone_print_what_the_whole_walk_prints():
    """``report --since``: every 25th corpus migration alone (and spread-out sets of them),
    on every profile, as default and routed, equals the whole walk's render."""
    import subprocess
    import sys

    from .harness_run import ROOT

    corpus_env()
    proc = subprocess.run([sys.executable, "-m", "tests.edgecases.sincecheck", "25", "all"], cwd=ROOT,
                          env=harness_env(DJANGO_SETTINGS_MODULE="harness.settings.corpus", PYTHONHASHSEED="0"),
                          capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
    assert proc.returncode == 0, proc.stderr[-3000:]
    found = json.loads(proc.stdout.splitlines()[-1])
    assert found["differ"] == [], found
    assert found["selections"] >= CORPUS_MIN_MIGRATIONS // 25 and found["compared"] > 250
