"""The migration round trip of the whole fidelity corpus (harness.settings.corpus) on SQLite,
PostgreSQL 15 and MariaDB 10.11: the slow stage, beside tests/test_fidelity.py (it skips
the same way when the corpus is not installed)."""

import json

import pytest

from harness.portability.roundtrip.compare import INNODB_FK_INDEX, LISTED_TWICE, MARIADB_JSON

from .harness_run import explain, run_manage
from .test_fidelity import CORPUS_MIN_MIGRATIONS, TIMEOUT_SECONDS, corpus_env

pytestmark = pytest.mark.slow

SERVERS = ["default", "postgresql", "mysql"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("roundtrip-corpus")
    proc = run_manage("portability", "roundtrip", "--apps", "all", "--targets", *SERVERS, "-j", "3",
                      "--output", str(out), env=corpus_env(), timeout=TIMEOUT_SECONDS)
    assert proc.returncode == 0, explain(proc)
    return json.loads((out / "roundtrip.json").read_text())


def steps(data, target):
    return {s["phase"]: s for s in data["roundtrip"] if s["target"] == target}


@pytest.mark.backend(*SERVERS)
def test_every_target_completes_and_every_stop_names_its_migration(corpus):
    assert {t["name"]: t["status"] for t in corpus["targets"]} == dict.fromkeys(SERVERS, "ok")
    for target in SERVERS:
        passes = steps(corpus, target)
        assert list(passes) == ["forwards", "backwards", "forwards-again"]
        for step in passes.values():
            print(target, step["phase"], step["status"], step["migrations"], step["app"], step["migration"])
            if step["status"] != "ok":
                assert step["app"] and step["migration"] and step["error"], step
                if step["error"].startswith(("OperationalError", "ProgrammingError", "IntegrityError")):
                    assert step["statement"], step  # a statement the server refused
    for target in ("default", "postgresql"):
        forwards = steps(corpus, target)["forwards"]
        assert forwards["status"] == "ok" and forwards["migrations"] >= CORPUS_MIN_MIGRATIONS


@pytest.mark.backend(*SERVERS)
def test_drift_is_attributed_and_postgresql_has_only_the_state_quirk(corpus):
    rows = corpus["drift"]
    print({t: sum(1 for d in rows if d["target"] == t) for t in SERVERS})
    assert all(d["app"] and d["migration"] for d in rows), [d for d in rows if not d["app"]][:5]
    postgresql = [d for d in rows if d["target"] == "postgresql" and d["phase"] == "forwards"]
    # taggit's 0006 RenameIndex gives the state a second index of the name 0002 created.
    assert [(d["object"], d["change"], d["table"], d["note"]) for d in postgresql] == [
        ("index", "missing", "taggit_taggeditem", LISTED_TWICE)]
    notes = {d["note"] for d in rows if d["target"] == "mysql"}
    assert {INNODB_FK_INDEX, MARIADB_JSON} <= notes
    drift_findings = [f for f in corpus["findings"] if f["rule"] == "roundtrip-drift"]
    assert drift_findings and all(f["evidence"].startswith("migration-") for f in drift_findings)
