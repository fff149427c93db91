"""What a failed migration leaves behind where DDL cannot be rolled back: the prediction over
the report's DDL (harness.portability.halfapply), no server needed."""

from __future__ import annotations

import importlib

import pytest

from harness.portability import anchors

from harness.portability import collect, halfapply, profiles
from harness.portability.offline import connection_for
from harness.portability.results import DDLResult, Report, Target
from harness.portability.targets import TargetSpec

from .harness_run import explain, harness_env, load_report, run_manage

FEATURES = {"sqlite": "django.db.backends.sqlite3.features", "postgresql": "django.db.backends.postgresql.features",
            "mysql": "django.db.backends.mysql.features", "oracle": "django.db.backends.oracle.features",
            "cockroachdb": "django_cockroachdb.features"}


@pytest.mark.parametrize("vendor", sorted(halfapply.CAN_ROLLBACK_DDL))
def test_the_vendor_table_is_what_djangos_backends_say(vendor):
    features = importlib.import_module(FEATURES[vendor]).DatabaseFeatures
    assert halfapply.CAN_ROLLBACK_DDL[vendor] is features.can_rollback_ddl


@pytest.mark.parametrize("profile, autocommit", [("mariadb-10.11", True), ("mysql-8.4", True),
                                                 ("oracle-23", True), ("postgresql-15", False)])
def test_djangos_schema_editor_opens_no_transaction_where_ddl_cannot_roll_back(profile, autocommit):
    # kept_if_failed relies on it: every statement before the failing one has committed.
    editor = connection_for(profiles.get(profile)).schema_editor(collect_sql=True, atomic=True)
    assert editor.atomic_migration is (not autocommit)


def row(sql: str, lines=None, target="mariadb-10.11") -> DDLResult:
    return DDLResult(target, "app", "0002_change", sql, statement_lines=lines)


def test_one_schema_change_then_data_is_no_hazard_two_schema_changes_are():
    one = halfapply.half_apply(row("ALTER TABLE `t` ADD COLUMN `c` integer NULL;\nUPDATE `t` SET `c` = 1;\n"))
    assert one.kept == [[], [1]] and one.schema_changing == [1] and one.hazard is False
    two = halfapply.half_apply(row("--\n-- Add field c\n--\nALTER TABLE `t` ADD COLUMN `c` integer NULL;\n"
                                   "--\n-- Add field d\n--\nALTER TABLE `t` ADD COLUMN `d` integer NULL;\n"))
    assert len(two.statements) == 2 and two.kept == [[], [1]] and two.hazard is True
    assert halfapply.half_apply(row("--\n-- Add field c\n--\nALTER TABLE `t` ADD COLUMN `c` integer NULL;\n")) is None


def test_a_multi_line_statement_is_one_statement():
    sql = ("--\n-- Raw SQL operation\n--\nBEGIN\n  EXECUTE IMMEDIATE 'CREATE TABLE x (a NUMBER)';\nEND;\n/\n"
           "CREATE INDEX \"X_A\" ON \"X\" (\"A\");\n")
    block = "BEGIN\n  EXECUTE IMMEDIATE 'CREATE TABLE x (a NUMBER)';\nEND;\n/"
    assert halfapply.split_printed(sql) == [block, 'CREATE INDEX "X_A" ON "X" ("A");']
    assert halfapply.split_printed(sql.replace("END;\n/\n", "END;\n")) == [block[:-2], 'CREATE INDEX "X_A" ON "X" ("A");']
    # Recorded at render time, the lines are exact whatever the text.
    assert halfapply.statements_of(row(sql, lines=[[4, 7], [8, 8]])) == [block, 'CREATE INDEX "X_A" ON "X" ("A");']
    assert halfapply.statements_of(row(sql, lines=[[4, 5], [6, 8]]))[0] == block.split("\nEND")[0]


def test_only_targets_whose_ddl_cannot_roll_back_are_predicted():
    sql = "ALTER TABLE t ADD COLUMN a integer;\nALTER TABLE t ADD COLUMN b integer;\n"
    report = Report(targets=[Target("mariadb-10.11", "mysql", "10.11", "offline", mariadb=True),
                             Target("postgresql-15", "postgresql", "15", "offline")],
                    ddl=[row(sql, target="mariadb-10.11"), row(sql, target="postgresql-15")])
    assert [(h.target, h.hazard) for h in halfapply.predict(report)] == [("mariadb-10.11", True)]


@pytest.fixture(scope="module")
def rendered():
    """The offline DDL of the pots apps and Django's contrib apps on three profiles."""
    specs = [TargetSpec(name, profile=profiles.get(name)) for name in ("mariadb-10.11", "oracle-23", "mysql-8.4")]
    return collect.build_report(["pots", "pots_ora", "auth", "contenttypes", "admin", "sessions"], specs,
                                behaviour=False, routed=False)


def test_recorded_statement_lines_split_the_sql_as_the_schema_editor_collected_it(rendered):
    checked = 0
    for ddl in rendered.ddl:
        if not ddl.sql:
            continue
        exact = halfapply.statements_of(ddl)
        assert all(not s.startswith("--") for s in exact)
        # Django's own statements are one line each here: the printed form splits the same way.
        assert halfapply.split_printed(ddl.sql) == exact, (ddl.target, ddl.app, ddl.migration)
        checked += 1
    assert checked >= 30


def test_the_report_carries_the_prediction_and_its_findings(rendered):
    rows = {(h.target, h.app, h.migration): h for h in rendered.half_apply}
    auth = rows["mariadb-10.11", "auth", "0001_initial"]
    assert auth.hazard and len(auth.statements) == len(auth.kept) == len(auth.schema_changing) >= 10
    assert auth.kept[2] == [1, 2]
    found = {(f.rule, tuple(f.objects)): f for f in rendered.findings}
    hazard = found["half-apply-hazard", ("auth.0001_initial",)]
    assert hazard.severity == "migration" and set(hazard.targets) == {"mariadb-10.11", "oracle-23", "mysql-8.4"}
    assert hazard.evidence == anchors.migration("auth", "0001_initial") and hazard.why and hazard.fix
    assert Report.from_dict(rendered.to_dict()).half_apply == rendered.half_apply


def test_the_edge_app_migration_is_predicted_to_keep_what_runs_before_the_failing_statement(tmp_path):
    proc = run_manage("portability", "report", "--offline", "--apps", "edge_halfapply", "--targets",
                      "mariadb-10.11", "postgresql-15", "--output", str(tmp_path),
                      env=harness_env(DJANGO_SETTINGS_MODULE="tests.edgecases.settings"))
    assert proc.returncode == 0, explain(proc)
    report = load_report(tmp_path)
    rows = {(h["target"], h["migration"]): h for h in report["half_apply"]}
    assert not [key for key in rows if key[0] == "postgresql-15"]
    prediction = rows["mariadb-10.11", "0003_unique_name"]
    names = ["ADD COLUMN `code`", "`code` DROP DEFAULT", "INDEX `edge_halfapply_code_idx`",
             "`edge_halfapply_item_name_c538439b_uniq` UNIQUE", "ADD COLUMN `later`"]
    assert len(prediction["statements"]) == len(names)
    assert all(name in statement for name, statement in zip(names, prediction["statements"]))
    assert prediction["kept"][3] == [1, 2, 3] and prediction["hazard"] is True
