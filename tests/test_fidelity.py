"""The offline profiles print exactly what Django's own sqlmigrate prints, on a large corpus
of real third-party apps (harness.settings.corpus), on every live server of this machine.

``portability verify`` walks each server with Django's own ``sqlmigrate`` (forwards before a
migration is applied, ``--backwards`` after) and compares every migration with the offline
profile of that server's version. This is the slow stage of the suite: it runs in CI.
"""

import json

import pytest

from .harness_run import explain, harness_env, run_manage

pytestmark = pytest.mark.slow

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
