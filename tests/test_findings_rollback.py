"""The rollback findings of an offline report: irreversible migrations, named with the operation."""

from __future__ import annotations

from harness.portability import anchors

from .harness_run import explain, harness_env, load_report, run_manage


def test_an_irreversible_migration_is_a_finding_naming_the_operation(tmp_path):
    proc = run_manage("portability", "report", "--offline", "--apps", "edge_ownapply", "--targets", "mariadb-10.11",
                      "postgresql-15", "--output", str(tmp_path),
                      env=harness_env(DJANGO_SETTINGS_MODULE="tests.edgecases.settings"))
    assert proc.returncode == 0, explain(proc)
    report = load_report(tmp_path)
    irreversible = {(r["app"], r["migration"]) for r in report["ddl"] if r["backwards_status"] == "irreversible"}
    assert ("edge_ownapply", "0003_irreversible") in irreversible
    found = [f for f in report["findings"] if f["rule"] == "irreversible-migration"]
    assert sorted(o for f in found for o in f["objects"]) == sorted(f"{a}.{m}" for a, m in irreversible)
    finding = next(f for f in found if f["objects"] == ["edge_ownapply.0003_irreversible"])
    assert finding["severity"] == "migration" and sorted(finding["targets"]) == ["mariadb-10.11", "postgresql-15"]
    assert "Raw Python operation" in finding["title"] and "Raw Python operation" in finding["fix"]
    assert finding["evidence"] == anchors.migration("edge_ownapply", "0003_irreversible")
