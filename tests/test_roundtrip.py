"""``portability roundtrip``: forwards, backwards to zero and forwards again on a scratch
database of each live target, the real schema compared with the migration state."""

from __future__ import annotations

import json

import pytest

from harness.portability import anchors

from harness.portability.results import Report
from harness.portability.roundtrip.compare import INNODB_FK_INDEX, MARIADB_JSON, MYSQL_KEPT_FK_INDEX

from .harness_run import explain, harness_env, run_manage
from .test_faults import free_port

APPS = ["pots", "auth", "contenttypes", "admin", "sessions"]
LIVE = ["default", "postgresql", "mysql"]
EDGE_SETTINGS = "tests.edgecases.settings"
PHASES = ["forwards", "backwards", "forwards-again"]


def round_trip(out, *apps, targets=LIVE, env=None):
    proc = run_manage("portability", "roundtrip", "--apps", *apps, "--targets", *targets, "-j", "3",
                      "--output", str(out), env=env or harness_env())
    data = json.loads((out / "roundtrip.json").read_text()) if (out / "roundtrip.json").exists() else None
    return proc, data


def steps_of(data, target):
    return {s["phase"]: s for s in data["roundtrip"] if s["target"] == target}


def drift_of(data, target, phase="forwards"):
    return [d for d in data["drift"] if d["target"] == target and d["phase"] == phase]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    out = tmp_path_factory.mktemp("roundtrip")
    proc, data = round_trip(out, *APPS)
    assert proc.returncode == 0 and data is not None, explain(proc)
    return data, out


@pytest.mark.backend("postgresql", "mysql")
def test_every_pass_completes_on_every_target(project):
    data, _ = project
    for target in LIVE:
        steps = steps_of(data, target)
        assert list(steps) == PHASES, target
        assert {s["status"] for s in steps.values()} == {"ok"}, steps
        assert steps["forwards"]["migrations"] == steps["backwards"]["migrations"] == \
            steps["forwards-again"]["migrations"] >= 20


@pytest.mark.backend("postgresql", "mysql")
def test_sqlite_and_postgresql_schemas_are_what_the_state_says(project):
    data, _ = project
    assert [d for d in data["drift"] if d["target"] in ("default", "postgresql")] == []


@pytest.mark.backend("postgresql", "mysql")
def test_mariadb_drift_is_innodb_fk_indexes_and_json_as_longtext(project):
    data, _ = project
    found = {(d["object"], d["change"], d["table"], d["name"]): d for d in drift_of(data, "mysql")}
    fk_index = found["index", "unexpected", "pots_order", "pots_order_customer_id_ed6ffeed_fk_pots_customer_id"]
    assert fk_index["note"] == INNODB_FK_INDEX and (fk_index["app"], fk_index["migration"]) == ("pots", "0001_initial")
    json_type = found["type", "different", "pots_fieldzoo", "document"]
    assert (json_type["expected"], json_type["actual"], json_type["note"]) == ("json", "longtext", MARIADB_JSON)
    assert any(d["object"] == "check" and d["actual"] == "check (document)" and d["note"] == MARIADB_JSON
               for d in found.values())
    # auth_user_groups.user_id leads its unique (user_id, group_id): InnoDB needs no index of its own.
    assert ("index", "unexpected", "auth_user_groups", "auth_user_groups_group_id_97559544_fk_auth_group_id") in found
    assert not any(d["table"] == "auth_user_groups" and "user_id" in (d["actual"] or "") for d in found.values())
    assert {d["note"] for d in found.values()} == {INNODB_FK_INDEX, MARIADB_JSON}
    # Backwards left nothing; forwards again is the same schema as the first time.
    assert drift_of(data, "mysql", "backwards") == []
    again = [{k: v for k, v in d.items() if k != "phase"} for d in drift_of(data, "mysql", "forwards-again")]
    assert again == [{k: v for k, v in d.items() if k != "phase"} for d in drift_of(data, "mysql")]


@pytest.mark.backend("postgresql", "mysql")
def test_findings_markdown_and_json_of_the_round_trip(project):
    data, out = project
    report = Report.from_dict(data)
    drift = [f for f in report.findings if f.rule == "roundtrip-drift"]
    assert drift and all(f.severity == "schema" and f.targets == ["mysql"] for f in drift)
    assert {f.evidence for f in drift} >= {anchors.migration("pots", "0001_initial"), anchors.migration("auth", "0001_initial")}
    markdown = (out / "roundtrip.md").read_text()
    assert f'<a id="{anchors.migration("pots", "0001_initial")}"></a>' in markdown
    assert "| mysql | ok | ok (" in markdown


@pytest.fixture(scope="module")
def edge(tmp_path_factory):
    out = tmp_path_factory.mktemp("edge")
    env = harness_env(DJANGO_SETTINGS_MODULE=EDGE_SETTINGS)
    proc, data = round_trip(out, "edge_leftover", "edge_multiindex", "edge_fkindex", env=env)
    assert proc.returncode == 0 and data is not None, explain(proc)
    irreversible_out = tmp_path_factory.mktemp("irreversible")
    proc, irreversible = round_trip(irreversible_out, "edge_ownapply", env=env)
    assert proc.returncode == 0 and irreversible is not None, explain(proc)
    return data, irreversible


@pytest.mark.backend("postgresql", "mysql")
def test_a_table_a_backwards_migration_left_behind_is_drift_and_breaks_forwards_again(edge):
    data, _ = edge
    for target in LIVE:
        # The db_default column is as the state says (a default the server lost would be drift).
        assert [d["table"] for d in drift_of(data, target) if d["table"].startswith("edge_leftover")] == [
            "edge_leftover_audit"], target
        left = [d for d in drift_of(data, target, "backwards")]
        assert [(d["object"], d["change"], d["table"], d["app"], d["migration"]) for d in left] == [
            ("table", "left behind", "edge_leftover_audit", "edge_leftover", "0002_audit_table")], target
        again = steps_of(data, target)["forwards-again"]
        assert (again["status"], again["app"], again["migration"]) == ("failed", "edge_leftover", "0002_audit_table")
        assert again["statement"].startswith("CREATE TABLE edge_leftover_audit") and "exists" in again["error"]


@pytest.mark.backend("postgresql", "mysql")
def test_drift_names_the_migration_that_caused_it(edge):
    data, _ = edge
    # PostgreSQL's AlterField drops every index of the column, the conditional unique's too.
    pg = [d for d in drift_of(data, "postgresql") if d["table"] == "edge_multiindex_code"]
    assert [(d["object"], d["change"], d["name"], d["migration"]) for d in pg] == [
        ("unique", "missing", "edge_multiindex_active_code", "0005_code_wider_no_index")]
    assert not [d for d in drift_of(data, "default") if d["table"] == "edge_multiindex_code"]
    kept = {(d["table"], d["migration"]) for d in drift_of(data, "mysql") if d["note"] == MYSQL_KEPT_FK_INDEX}
    # Made by the migration that removed the unique (and index) covering the foreign key.
    assert kept == {("edge_fkindex_pet", "0002_remove_unique"), ("edge_fkindex_visit", "0007_remove_visit_index")}


@pytest.mark.backend("postgresql", "mysql")
def test_an_irreversible_migration_stops_the_backwards_pass_and_is_a_finding(edge):
    _, data = edge
    for target in LIVE:
        steps = steps_of(data, target)
        back = steps["backwards"]
        assert (back["status"], back["app"], back["migration"], back["statement"]) == (
            "irreversible", "edge_ownapply", "0003_irreversible", None)
        assert " at 0x" not in back["error"]
        assert steps["forwards-again"]["status"] == "ok"
    finding = next(f for f in data["findings"] if f["rule"] == "irreversible-migration")
    assert finding["objects"] == ["edge_ownapply.0003_irreversible"] and sorted(finding["targets"]) == sorted(LIVE)
    assert finding["evidence"] == anchors.migration("edge_ownapply", "0003_irreversible") and "RunPython" in finding["title"]


def test_a_bad_app_label_is_a_clear_error(tmp_path):
    proc, data = round_trip(tmp_path, "pots", "no_such_app", targets=["default"])
    assert proc.returncode != 0 and data is None
    assert "Unknown app label 'no_such_app'" in proc.stderr and "Traceback" not in proc.stderr


def test_an_offline_profile_is_refused(tmp_path):
    proc, _ = round_trip(tmp_path, "pots", targets=["default", "mariadb-10.11"])
    assert proc.returncode != 0 and "mariadb-10.11 is an offline profile" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_an_unreachable_target_is_unavailable_and_the_others_complete(tmp_path):
    env = harness_env(HARNESS_POSTGRESQL_URL=f"postgres://postgres:x@127.0.0.1:{free_port()}/harness")
    proc, data = round_trip(tmp_path, "pots", targets=["default", "postgresql"], env=env)
    assert proc.returncode == 0, explain(proc)
    targets = {t["name"]: t for t in data["targets"]}
    assert targets["postgresql"]["status"] == "unavailable" and "refused" in targets["postgresql"]["reason"].lower()
    assert targets["default"]["status"] == "ok"
    assert [s["status"] for s in data["roundtrip"] if s["target"] == "default"] == ["ok"] * 3
    assert not [s for s in data["roundtrip"] if s["target"] == "postgresql"]


@pytest.mark.backend("mysql")
def test_report_roundtrip_fills_the_reports_section():
    from harness.portability import collect, profiles
    from harness.portability.targets import TargetSpec

    specs = [TargetSpec("mariadb-10.11", profile=profiles.get("mariadb-10.11")), TargetSpec("mysql", alias="mysql")]
    report = collect.build_report(["pots"], specs, behaviour=False, routed=False, roundtrip=True)
    report = Report.from_dict(report.to_dict())
    assert [(s.target, s.phase, s.status) for s in report.roundtrip] == [("mysql", p, "ok") for p in PHASES]
    assert {d.note for d in report.drift if d.phase == "forwards"} == {INNODB_FK_INDEX, MARIADB_JSON}
    # The prediction covers the live MariaDB and its offline profile alike.
    assert {h.target for h in report.half_apply} == {"mariadb-10.11", "mysql"}
    assert "roundtrip-drift" in {f.rule for f in report.findings}


@pytest.mark.backend("postgresql", "mysql")
def test_a_table_name_too_long_is_truncated_by_postgresql_and_refused_by_mariadb(tmp_path):
    proc, data = round_trip(tmp_path, "edge_longname", env=harness_env(DJANGO_SETTINGS_MODULE=EDGE_SETTINGS))
    assert proc.returncode == 0 and data is not None, explain(proc)
    long_name = "edge_longname_" + "x" * 56
    [cut] = drift_of(data, "postgresql")
    assert (cut["object"], cut["change"], cut["expected"], cut["actual"]) == ("table", "truncated", long_name, long_name[:63])
    assert (cut["app"], cut["migration"]) == ("edge_longname", "0001_initial")
    assert drift_of(data, "postgresql", "backwards") == [] and drift_of(data, "default") == []
    refused = steps_of(data, "mysql")["forwards"]
    assert (refused["status"], refused["migration"]) == ("failed", "0001_initial")
    assert refused["statement"].startswith(f"CREATE TABLE `{long_name}`") and "1103" in refused["error"]
