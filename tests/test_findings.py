"""Findings rules on small hand-built Reports, and on this project's own offline report."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.management import call_command

from harness.portability import anchors, findings
from harness.portability.results import (OFFLINE, SEVERITIES, Column, DDLResult, LintRow,
                                          ProbeRow, Report, TableDDL, Target)

TARGETS = [Target("sqlite", "sqlite", "3.45", OFFLINE, display="SQLite 3.45"),
           Target("postgresql-14", "postgresql", "14.13", OFFLINE, display="PostgreSQL 14"),
           Target("postgresql-15", "postgresql", "15.8", OFFLINE, display="PostgreSQL 15"),
           Target("mysql-8.4", "mysql", "8.4.3", OFFLINE, display="MySQL 8.4"),
           Target("oracle-19", "oracle", "19.3", OFFLINE, display="Oracle 19c")]


def report(**rows) -> Report:
    return Report(targets=list(TARGETS), **rows)


def run(rule_id: str, r: Report):
    return list(findings.get(rule_id).check(r))


def col(target, field, ftype, declared, nullable=False, check=None, model="Pot"):
    return Column(target, "pots", model, field, field, ftype, declared, nullable, check)


def test_registry_has_every_topic_and_ranks_data_first():
    assert {"nullable-differs", "integer-range-differs", "decimal-inexact", "length-unenforced",
            "time-precision-differs", "constraint-dropped", "identifier-shortened",
            "ddl-depends-on-default", "probe-differs", "probe-unexpected", "lint"} <= set(findings.RULES)
    r = report(columns=[col(t.name, "name", "CharField", "varchar(20)", nullable=t.vendor == "oracle")
                        for t in TARGETS])
    found = findings.collect(r)
    ranks = [SEVERITIES.index(f.severity) for f in found]
    assert ranks == sorted(ranks) and found[0].rule == "nullable-differs"


def test_nullable_on_oracle_only():
    r = report(columns=[col(t.name, "name", "CharField",
                            "NVARCHAR2(20)" if t.vendor == "oracle" else "varchar(20)",
                            nullable=t.vendor == "oracle") for t in TARGETS])
    (f,) = run("nullable-differs", r)
    assert f.severity == "data" and f.targets == ["oracle-19"]
    assert f.objects == ["pots.Pot.name"] and "Oracle stores ''" in f.why
    assert f.evidence == anchors.columns("pots", "Pot") and "Oracle 19c" in f.title


def test_nothing_when_every_target_agrees():
    r = report(columns=[col(t.name, "n", "IntegerField", "bigint") for t in TARGETS
                        if t.vendor == "postgresql"])
    assert findings.collect(r) == []


def test_integer_ranges_unsigned_and_number():
    declared = {"sqlite": ("integer", '"n" >= 0'), "postgresql-14": ("integer", '"n" >= 0'),
                "postgresql-15": ("integer", '"n" >= 0'), "mysql-8.4": ("integer UNSIGNED", None),
                "oracle-19": ("NUMBER(11)", '"N" >= 0')}
    r = report(columns=[col(n, "n", "PositiveIntegerField", d, check=c) for n, (d, c) in declared.items()])
    (f,) = run("integer-range-differs", r)
    assert f.targets == ["sqlite", "mysql-8.4", "oracle-19"]  # outside the largest group
    assert "0…4,294,967,295 on MySQL 8.4" in f.why and "0…2,147,483,647 on PostgreSQL 14 · 15" in f.why


def test_decimal_without_precision_and_sqlite_lengths():
    r = report(columns=[col(t.name, "price", "DecimalField",
                            "decimal" if t.vendor == "sqlite" else "numeric(10, 2)") for t in TARGETS]
               + [col(t.name, "name", "CharField", "varchar(20)") for t in TARGETS])
    (dec,) = run("decimal-inexact", r)
    assert dec.severity == "data" and dec.targets == ["sqlite"] and dec.objects == ["pots.Pot.price"]
    (length,) = run("length-unenforced", r)
    assert length.targets == ["sqlite"] and length.objects == ["pots.Pot.name"]


def test_time_precision():
    r = report(columns=[col(t.name, "at", "DateTimeField",
                            "datetime" if t.vendor == "mysql" else "timestamp with time zone")
                        for t in TARGETS if t.vendor != "sqlite"])
    (f,) = run("time-precision-differs", r)
    assert f.targets == ["mysql-8.4"]


def table(target, *statements, model="Pot"):
    return TableDDL(target, "pots", model, "pots_pot", list(statements))


def test_partial_unique_and_nulls_distinct_dropped():
    partial = 'CREATE UNIQUE INDEX "live_slug" ON "pots_pot" ("slug") WHERE "deleted" IS NULL;'
    nulls = 'ALTER TABLE "pots_pot" ADD CONSTRAINT "uniq_code" UNIQUE NULLS NOT DISTINCT ("code");'
    r = report(tables=[table("postgresql-15", partial, nulls), table("postgresql-14", partial),
                       table("mysql-8.4", "CREATE TABLE `pots_pot` (`id` bigint);")])
    found = {(f.title.split(" on ")[0], tuple(f.targets)) for f in run("constraint-dropped", r)}
    assert found == {("unique index live_slug", ("mysql-8.4",)),
                     ("unique uniq_code", ("postgresql-14", "mysql-8.4"))}
    assert all(f.severity == "data" and f.evidence == anchors.ddl("pots", "Pot")
               for f in run("constraint-dropped", r))


def test_condition_dropped_from_index_is_schema():
    r = report(tables=[table("postgresql-15", 'CREATE INDEX "hot" ON "t" ("a") WHERE "b";'),
                       table("sqlite", 'CREATE INDEX "hot" ON "t" ("a");')])
    (f,) = run("constraint-dropped", r)
    assert f.severity == "schema" and "condition dropped" in f.title and f.targets == ["sqlite"]


def test_identifier_shortened_by_truncate_name():
    long = "pots_a_very_long_table_name_for_oracle"
    r = report(tables=[table("postgresql-15", f'CREATE TABLE "{long}" ("id" bigint);'),
                       table("oracle-19", 'CREATE TABLE "POTS_A_VERY_LONG_TABLE_NAM4F1A" ("ID" NUMBER(19));')])
    (f,) = run("identifier-shortened", r)
    assert f.targets == ["oracle-19"] and long in f.title and f.objects == ["pots.Pot"]


def test_routed_ddl():
    r = report(ddl=[DDLResult("postgresql-15", "pots", "0002_data", "SELECT 1;", routed_sql="SELECT 2;",
                              routed_status="ok"), DDLResult("sqlite", "pots", "0002_data", "SELECT 1;")])
    (f,) = run("ddl-depends-on-default", r)
    assert f.targets == ["postgresql-15"] and f.objects == ["pots.0002_data"]
    assert f.evidence == anchors.migration("pots", "0002_data")


def test_probes_that_differ_and_that_surprise():
    def probe(target, expected, observed=None, agrees=None):
        return ProbeRow("txt-case", "Case-sensitive?", target, expected, observed, agrees, "docs")
    r = report(probes=[probe("sqlite", "yes"), probe("postgresql-15", "yes", "yes", True),
                       probe("mysql-8.4", "no"), probe("oracle-19", "yes", "no", False)])
    (f,) = run("probe-differs", r)
    assert f.targets == ["mysql-8.4", "oracle-19"] and f.evidence == anchors.probe("txt-case")
    (u,) = run("probe-unexpected", r)
    assert u.targets == ["oracle-19"]


def test_lint_one_finding_each_unless_another_rule_shows_it():
    rows = [LintRow("portability.W008", "pots.Pot.doc", ["sqlite"], "JSONField 'doc': no contains.", "Use keys."),
            LintRow("portability.W006", "pots.Pot", ["oracle-19"], "NULL-able on Oracle.", "Treat alike."),
            LintRow("portability.W008", "pots.Pot.doc", ["oracle-19"], "Again.", "Use keys.")]
    r = report(lint=rows, columns=[col(t.name, "name", "CharField", "varchar(20)",
                                       nullable=t.vendor == "oracle") for t in TARGETS])
    found = run("lint", r)
    assert [f.objects for f in found] == [["pots.Pot.doc"], ["pots.Pot.doc"]]  # W006: nullable-differs
    assert found[0].severity == "behaviour" and found[0].fix == "Use keys."
    assert [f.evidence for f in found] == [anchors.lint(rows)[0], anchors.lint(rows)[2]]
    assert len(set(anchors.lint(rows))) == 3


@pytest.fixture(scope="module")
def project_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    call_command("portability", "report", "--offline", "--apps", "pots_ora", "--targets", "sqlite",
                 "postgresql-14", "postgresql-15", "mysql-8.4", "oracle-19", "--output", str(out),
                 stdout=io.StringIO())
    return out


def test_project_report_findings(project_report):
    data = json.loads((project_report / "report.json").read_text(encoding="utf-8"))
    found = data["findings"]
    nullable = [f for f in found if f["rule"] == "nullable-differs" and "pots_ora.Pot.type" in f["objects"]]
    assert nullable and nullable[0]["targets"] == ["oracle-19"] and nullable[0]["severity"] == "data"
    assert any(f["rule"] == "decimal-inexact" and f["targets"] == ["sqlite"] for f in found)
    assert any(f["rule"] == "probe-differs" for f in found)
    page = (project_report / "index.html").read_text(encoding="utf-8")
    md = (project_report / "report.md").read_text(encoding="utf-8")
    # Ids on the page, and inside its deflated collapsed bodies (listed in data-ids).
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    ids.update(i for listed in re.findall(r'data-ids="([^"]*)"', page) for i in listed.split())
    for f in found:  # every finding links to evidence both pages hold
        assert f["evidence"] in ids and f'id="{f["evidence"]}"' in md, f
